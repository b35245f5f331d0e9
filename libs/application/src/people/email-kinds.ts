import type { NoticeKind } from '../notices/notice';

/**
 * The kinds of notice a person may take by e-mail or in the app only: every kind there is (the
 * compiler checks the list against NoticeKind both ways). Every notice is in the app whatever is
 * chosen here.
 */
export const EMAIL_NOTICE_KINDS = [
  'reminder',
  'overdue',
  'escalation',
  'settled',
  'veto',
  'in_force',
  'extended',
  'withdrawn',
  'expired',
  'postponed',
  'forecast_late',
] as const satisfies readonly NoticeKind[];

// Fails to compile when a kind of notice is missing from the list.
const EVERY_KIND_LISTED: Record<NoticeKind, true> = Object.fromEntries(EMAIL_NOTICE_KINDS.map((kind) => [kind, true])) as Record<(typeof EMAIL_NOTICE_KINDS)[number], true>;
void EVERY_KIND_LISTED;

/** A kind of notice a person may turn e-mail off for. */
export type EmailNoticeKind = (typeof EMAIL_NOTICE_KINDS)[number];
