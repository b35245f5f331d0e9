import { MembershipEntity, MunicipalityEntity } from '@app/persistence';

/** A council as a list shows it. */
export interface CouncilSummaryView {
  slug: string;
  name: string;
}

/** A membership: who, since when, until when (null while a member), and seats in representantskapet. */
export interface MemberView {
  municipalityNumber: string;
  name: string;
  joinedOn: string;
  leftOn: string | null;
  representatives: number;
}

/** A council with its members (past ones too, with `leftOn`) and the names of its cost keys. */
export interface CouncilView extends CouncilSummaryView {
  members: MemberView[];
  costKeys: string[];
}

/** The one mapping from a membership row (and its municipality) to what the API shows. */
export function toMemberView(membership: MembershipEntity, municipality: Pick<MunicipalityEntity, 'name'>): MemberView {
  return {
    municipalityNumber: membership.municipalityNumber,
    name: municipality.name,
    joinedOn: membership.joinedOn,
    leftOn: membership.leftOn,
    representatives: membership.representatives,
  };
}
