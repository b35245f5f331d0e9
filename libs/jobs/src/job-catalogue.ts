/**
 * Every job the worker runs: its name, its payload (ids only: a handler reloads the state), and
 * its id, built here alone so that adding the same job twice adds it once.
 */
export const QUEUE_NAME = 'vedtak';

export const JOB_NAMES = {
  reminder: 'round.reminder',
  deadline: 'round.deadline',
  settled: 'round.settled',
  inForce: 'round.in-force',
  meetingPlanned: 'round.meeting-planned',
  sendMail: 'notice.send-mail',
  reconcile: 'maintenance.reconcile',
} as const;

export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

export interface JobPayloads {
  'round.reminder': { roundId: string; municipalityNumber: string; date: string };
  'round.deadline': { roundId: string; deadline: string };
  'round.settled': { roundId: string };
  'round.in-force': { roundId: string };
  /** A member's revision that postponed the case or planned a meeting after the deadline: the secretariat is told. */
  'round.meeting-planned': { roundId: string; municipalityNumber: string; revision: number };
  'notice.send-mail': { notificationId: string };
  'maintenance.reconcile': Record<string, never>;
}

// BullMQ refuses ':' in custom ids; '/' keeps them readable.
export const jobIds = {
  reminder: (p: JobPayloads['round.reminder']) => `reminder/${p.roundId}/${p.municipalityNumber}/${p.date}`,
  deadline: (p: JobPayloads['round.deadline']) => `deadline/${p.roundId}/${p.deadline}`,
  settled: (p: JobPayloads['round.settled']) => `settled/${p.roundId}`,
  inForce: (p: JobPayloads['round.in-force']) => `in-force/${p.roundId}`,
  meetingPlanned: (p: JobPayloads['round.meeting-planned']) => `meeting-planned/${p.roundId}/${p.municipalityNumber}/${p.revision}`,
  sendMail: (p: JobPayloads['notice.send-mail']) => `mail/${p.notificationId}`,
};

/** The id of the repeatable reconciliation (a BullMQ job scheduler). */
export const RECONCILE_SCHEDULER_ID = 'reconcile';

/** What a handler did: `done`, or `skipped` because there was nothing (left) to do. */
export type JobResult = 'done' | 'skipped';
