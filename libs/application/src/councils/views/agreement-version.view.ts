import { MinimumContent, MinimumContentLetter, missingMinimumContent } from '@app/domain';
import { AgreementSection, AgreementVersionEntity } from '@app/persistence';

/** A version of the samarbeidsavtale, with what it lacks of § 18-4 and how and when it was adopted (null while a draft). */
export interface AgreementVersionView {
  id: string;
  number: number;
  title: string;
  effectiveFrom: string;
  sections: AgreementSection[];
  minimumContent: MinimumContent;
  missingMinimumContent: MinimumContentLetter[];
  adoption: 'round' | 'onboarding' | null;
  adoptedOn: string | null;
  inForceFrom: string | null;
}

/** The one mapping from a stored version to the API's view. */
export function toAgreementVersionView(version: AgreementVersionEntity): AgreementVersionView {
  return {
    id: version.id,
    number: version.number,
    title: version.title,
    effectiveFrom: version.effectiveFrom,
    sections: version.sections,
    minimumContent: version.minimumContent,
    missingMinimumContent: missingMinimumContent(version.minimumContent),
    adoption: version.adoption,
    adoptedOn: version.adoptedOn,
    inForceFrom: version.inForceFrom,
  };
}
