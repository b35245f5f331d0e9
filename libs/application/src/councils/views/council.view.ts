import { MembershipEntity, MunicipalityEntity } from '@app/persistence';

/** A council as a list shows it. */
export interface CouncilSummaryView {
  slug: string;
  name: string;
}

/**
 * A membership: who, since when, until when (its last day; null while open-ended), how it ends (left, a notice of
 * withdrawal taking effect, a merger into `succeededBy`), and seats in representantskapet.
 */
export interface MemberView {
  municipalityNumber: string;
  name: string;
  joinedOn: string;
  leftOn: string | null;
  ending: 'left' | 'withdrawal' | 'merger' | null;
  noticeGivenOn: string | null;
  succeededBy: string | null;
  representatives: number;
}

/** How a member withdraws under the agreement: months of notice, then to the end of that year or not. */
export interface WithdrawalRuleView {
  noticeMonths: number;
  atYearEnd: boolean;
}

/** A council with its members (past ones too, with `leftOn`) and the names of its cost keys. */
export interface CouncilView extends CouncilSummaryView {
  members: MemberView[];
  costKeys: string[];
  withdrawalRule: WithdrawalRuleView;
}

/** The one mapping from a membership row (and its municipality) to what the API shows. */
export function toMemberView(membership: MembershipEntity, municipality: Pick<MunicipalityEntity, 'name'>): MemberView {
  return {
    municipalityNumber: membership.municipalityNumber,
    name: municipality.name,
    joinedOn: membership.joinedOn,
    leftOn: membership.leftOn,
    ending: membership.ending ?? null,
    noticeGivenOn: membership.noticeGivenOn ?? null,
    succeededBy: membership.succeededBy ?? null,
    representatives: membership.representatives,
  };
}
