import { RoundMemberView, RoundView } from './round.view';

/** How a round's status reads in Norwegian (bokmål), wherever people read it: files, pages. */
export const ROUND_STATUS_LABEL: Record<RoundView['status'], string> = {
  open: 'Åpen',
  approved: 'Godkjent',
  rejected: 'Avvist',
  withdrawn: 'Trukket',
  expired: 'Utløpt',
};

/** How a member's status reads in Norwegian (bokmål). */
export const MEMBER_STATUS_LABEL: Record<RoundMemberView['status'], string> = {
  pending: 'Venter',
  scheduled: 'Satt opp',
  adopted: 'Vedtatt',
  rejected: 'Avvist',
  adopted_with_amendments: 'Vedtatt med endringer',
  postponed: 'Utsatt',
};
