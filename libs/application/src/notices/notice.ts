/** Why someone is notified. */
export type NoticeKind = 'reminder' | 'overdue' | 'escalation' | 'settled' | 'veto' | 'in_force';

/** What a notice says, with the facts its text needs; the texts themselves live in notice-texts.ts. */
export type NoticeContent =
  | { kind: 'reminder'; roundTitle: string; councilName: string; municipalityName: string; deadline: string; daysLeft: number }
  | { kind: 'overdue'; roundTitle: string; councilName: string; municipalityName: string; deadline: string }
  | { kind: 'escalation'; roundTitle: string; councilName: string; deadline: string; overdueMembers: string[] }
  | { kind: 'settled'; roundTitle: string; councilName: string; outcome: 'approved' | 'rejected'; decisiveMunicipalityName: string }
  | { kind: 'veto'; roundTitle: string; councilName: string; vetoMunicipalityName: string }
  | { kind: 'in_force'; roundTitle: string; councilName: string; inForceFrom: string };

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
