import { EntityManager } from 'typeorm';
import { CalendarDate } from '@app/domain';

/**
 * What the jobs' notices are about, whoever they are to: a notice's key is `<topic>/<user id>`.
 * The jobs write them, and the reconciliation asks by topic whether a job's notices exist.
 */
export const noticeTopics = {
  reminder: (roundId: string, municipalityNumber: string, date: CalendarDate) => `reminder/${roundId}/${municipalityNumber}/${date}`,
  overdue: (roundId: string, municipalityNumber: string, deadline: CalendarDate) => `overdue/${roundId}/${municipalityNumber}/${deadline}`,
  escalation: (roundId: string, deadline: CalendarDate) => `escalation/${roundId}/${deadline}`,
  settled: (roundId: string) => `settled/${roundId}`,
  veto: (roundId: string) => `veto/${roundId}`,
  inForce: (roundId: string) => `in-force/${roundId}`,
  extended: (roundId: string, municipalityNumber: string, deadline: CalendarDate) => `extended/${roundId}/${municipalityNumber}/${deadline}`,
  withdrawn: (roundId: string, municipalityNumber: string) => `withdrawn/${roundId}/${municipalityNumber}`,
  expired: (roundId: string, municipalityNumber: string) => `expired/${roundId}/${municipalityNumber}`,
  postponed: (roundId: string, municipalityNumber: string, revision: number) => `postponed/${roundId}/${municipalityNumber}/${revision}`,
  forecastLate: (roundId: string, forecast: CalendarDate) => `forecast-late/${roundId}/${forecast}`,
};

/**
 * Which of the topics have a notice. By equality through ix_notification_topic, which holds the
 * kinds asked about here; each query names its kinds as literals, so the planner sees the index fits.
 */
export async function writtenTopics(manager: EntityManager, about: 'reminders' | 'outcomes', topics: readonly string[]): Promise<Set<string>> {
  if (topics.length === 0) return new Set();
  const kinds = about === 'reminders' ? `'reminder'` : `'settled', 'veto', 'in_force'`;
  const rows: Array<{ topic: string }> = await manager.query(`SELECT DISTINCT topic FROM notification WHERE kind IN (${kinds}) AND topic = ANY($1::text[])`, [topics]);
  return new Set(rows.map((row) => row.topic));
}
