/** Why someone is notified. */
export type NoticeKind =
  | 'reminder'
  | 'overdue'
  | 'escalation'
  | 'settled'
  | 'veto'
  | 'in_force'
  | 'extended'
  | 'withdrawn'
  | 'expired'
  | 'postponed'
  | 'forecast_late';

/** What a notice says, with the facts its text needs; the texts themselves live in notice-texts.ts. */
export type NoticeContent =
  | { kind: 'reminder'; roundTitle: string; councilName: string; municipalityName: string; deadline: string; daysLeft: number }
  /** `daysLate`: whole days past the deadline in Oslo when the notice is written (1 the day after). */
  | { kind: 'overdue'; roundTitle: string; councilName: string; municipalityName: string; deadline: string; daysLate: number }
  | { kind: 'escalation'; roundTitle: string; councilName: string; deadline: string; overdueMembers: string[]; daysLate: number }
  | { kind: 'settled'; roundTitle: string; councilName: string; outcome: 'approved' | 'rejected'; decisiveMunicipalityName: string }
  | { kind: 'veto'; roundTitle: string; councilName: string; vetoMunicipalityName: string }
  | { kind: 'in_force'; roundTitle: string; councilName: string; inForceFrom: string }
  /** To the clerks of an undecided member: the deadline is later, `daysLeft` to it from the day written. */
  | { kind: 'extended'; roundTitle: string; councilName: string; municipalityName: string; previousDeadline: string; deadline: string; daysLeft: number; reason: string }
  /** To the clerks of an undecided member: the round is withdrawn, nothing more to do. */
  | { kind: 'withdrawn'; roundTitle: string; councilName: string; municipalityName: string; reason: string }
  /** To the clerks of an undecided member: the round is closed after its deadline; `reason` null when it expired by itself. */
  | { kind: 'expired'; roundTitle: string; councilName: string; municipalityName: string; deadline: string; reason: string | null }
  /** To the secretariat: a member postponed the case to its next meeting (null when not known yet). */
  | { kind: 'postponed'; roundTitle: string; councilName: string; municipalityName: string; nextMeetingDate: string | null; deadline: string; reason: string | null }
  /** To the secretariat: the latest planned meeting of the undecided members is after the deadline. */
  | { kind: 'forecast_late'; roundTitle: string; councilName: string; municipalityName: string; forecast: string; deadline: string };

/**
 * One notice to one person. `key` makes it unique — e.g. `reminder/<round>/<member>/<date>/<user>` —
 * and is written before anything is sent, so a job that runs again notifies nobody twice.
 */
export interface NoticeRequest {
  key: string;
  userId: string;
  councilId: string;
  roundId: string | null;
  content: NoticeContent;
  /** A page to open (relative to PUBLIC_BASE_URL), never an action. */
  link: string | null;
  /**
   * The municipality the notice concerns, when the recipient is its clerk (as `clerksOf` gives
   * it): a recipient without a language of their own gets the municipality's written standard.
   */
  municipalityNumber?: string | null;
}

/** The written standards a notice can be written in: bokmål, nynorsk, English. */
export type NoticeLanguage = 'nb' | 'nn' | 'en';
