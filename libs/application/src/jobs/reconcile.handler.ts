import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isPastDeadline, isUndecided, startOfDayInOslo, todayInOslo } from '@app/domain';
import { JOB_NAMES, jobIds } from '@app/jobs';
import { RoundEntity, RoundMemberEntity } from '@app/persistence';
import { OutboxJob, enqueueJobs } from '../outbox/outbox';
import { Clock } from '../time/clock';
import { RoundJobsHandler, inForceDate } from './round-jobs.handler';
import { memberReminderDates, openRoundJobs } from './round-schedule';

/** What a reconciliation did. */
export interface ReconcileReport {
  rounds: number;
  jobs: number;
  catchUps: number;
  deadlines: number;
  /** E-mails of notices still owed, asked for again. */
  mails: number;
}

// Settled rounds older than this have had their notices long since; they are not looked at again.
const SETTLED_LOOKBACK_DAYS = 90;
// An e-mail not sent within a week is left to the operator (it stays `pending` in the notice).
const MAIL_LOOKBACK_DAYS = 7;

/**
 * Rebuilds from PostgreSQL every job that should exist: Redis may have been emptied, or down
 * when a job was due. Jobs carry deterministic ids, so asking again for one that exists adds
 * nothing. What a missed job should have done is settled once: a deadline that passed while
 * everything was down is marked now, and a missed reminder is sent once, for its latest day.
 * The e-mail of a notice not sent yet is asked for again, so a queue that lost it loses no mail.
 */
@Injectable()
export class ReconcileHandler {
  private readonly logger = new Logger(ReconcileHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly roundJobs: RoundJobsHandler,
  ) {}

  async execute(): Promise<ReconcileReport> {
    const now = this.clock.now();
    const today = todayInOslo(now);
    const report: ReconcileReport = { rounds: 0, jobs: 0, catchUps: 0, deadlines: 0, mails: 0 };
    const open = await this.dataSource.getRepository(RoundEntity).find({ where: { status: 'open' }, order: { launchedAt: 'ASC' } });
    for (const round of open) {
      report.rounds++;
      const members = await this.dataSource.getRepository(RoundMemberEntity).findBy({ roundId: round.id });
      const jobs = openRoundJobs(round, members, now);
      for (const member of members.filter((m) => isUndecided(m.status))) {
        const due = memberReminderDates(round, member).filter((date) => date <= today).pop();
        if (due && !(await this.noticeExists(`reminder/${round.id}/${member.municipalityNumber}/${due}/`))) {
          const payload = { roundId: round.id, municipalityNumber: member.municipalityNumber, date: due };
          jobs.push({ name: JOB_NAMES.reminder, payload, jobId: jobIds.reminder(payload), runAt: now });
          report.catchUps++;
        }
      }
      await this.dataSource.transaction((manager) => enqueueJobs(manager, jobs));
      report.jobs += jobs.length;
      if (isPastDeadline(round.deadline, now) && (await this.roundJobs.deadline({ roundId: round.id, deadline: round.deadline })) === 'done') {
        report.deadlines++;
      }
    }

    const since = new Date(now.getTime() - SETTLED_LOOKBACK_DAYS * 86_400_000);
    const settled = await this.dataSource
      .getRepository(RoundEntity)
      .createQueryBuilder('r')
      .where(`r.status IN ('approved', 'rejected') AND r.closed_at >= :since`, { since })
      .getMany();
    const jobs: OutboxJob[] = [];
    for (const round of settled) {
      const payload = { roundId: round.id };
      if (!(await this.noticeExists(`settled/${round.id}/`))) {
        jobs.push({ name: JOB_NAMES.settled, payload, jobId: jobIds.settled(payload), runAt: now });
      }
      const inForceFrom = round.status === 'approved' ? await inForceDate(this.dataSource.manager, round) : null;
      if (inForceFrom && !(await this.noticeExists(`in-force/${round.id}/`))) {
        const at = startOfDayInOslo(inForceFrom);
        jobs.push({ name: JOB_NAMES.inForce, payload, jobId: jobIds.inForce(payload), runAt: at > now ? at : now });
      }
    }
    // A notice whose e-mail is queued or being sent has a job of this id already: asking again adds nothing.
    const owed: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM notification WHERE email_status IN ('pending', 'sending') AND created_at >= $1 ORDER BY created_at`,
      [new Date(now.getTime() - MAIL_LOOKBACK_DAYS * 86_400_000)],
    );
    for (const { id } of owed) {
      const payload = { notificationId: id };
      jobs.push({ name: JOB_NAMES.sendMail, payload, jobId: jobIds.sendMail(payload), runAt: now });
    }
    report.mails = owed.length;
    await this.dataSource.transaction((manager) => enqueueJobs(manager, jobs));
    report.jobs += jobs.length;
    // Relayed rows are history the queue already has; a week is plenty to look into one.
    await this.dataSource.query(`DELETE FROM outbox WHERE relayed_at < $1`, [new Date(now.getTime() - 7 * 86_400_000)]);
    this.logger.log({ ...report }, 'reconciled');
    return report;
  }

  private async noticeExists(keyPrefix: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM notification WHERE key LIKE $1 LIMIT 1`, [`${keyPrefix.replace(/[\\%_]/g, '\\$&')}%`]);
    return rows.length > 0;
  }
}
