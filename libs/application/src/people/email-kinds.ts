/**
 * The kinds of notice a person may take by e-mail or in the app only: the ones sent today and the
 * ones to come, so that a choice made now holds for them too. Every notice is in the app whatever
 * is chosen here.
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
] as const;

/** A kind of notice a person may turn e-mail off for. */
export type EmailNoticeKind = (typeof EMAIL_NOTICE_KINDS)[number];
