import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarDate, MemberDecisionStatus, UNDECIDED_STATUSES, startOfDayInOslo, todayInOslo } from '@app/domain';
import { JOB_NAMES, jobIds } from '@app/jobs';
import { OutboxJob } from '../outbox/outbox';
import { Clock } from '../time/clock';
import { enqueueMany } from './enqueue-many';
import { noticeTopics, writtenTopics } from './notice-topics';
import { QueuedJobs } from './queued-jobs';
import { RoundDeadlines, latestPassedDeadline } from './round-deadlines';
import { deadlineJob, memberReminderDates, reminderTime } from './round-schedule';

/** What a reconciliation did. */
export interface ReconcileReport {
  /** Open rounds looked at. */
  rounds: number;
  /** Jobs PostgreSQL says should exist (pending, or owed because their notices are not written). */
  expected: number;
  /** Of those, the ones the queue lacked: written to the outbox. */
  jobs: number;
  /** Missed reminders asked for again, once each, for their latest day. */
  catchUps: number;
  /** Rounds whose deadline had passed with its work undone, done now. */
  deadlines: number;
  /** E-mails of notices still owed, asked for again. */
  mails: number;
  /** Outbox rows relayed more than a week ago, removed. */
  removed: number;
}

/** A job that should exist, and whether asking for it again is a catch-up of a missed reminder. */
interface Expected {
  job: OutboxJob;
  catchUp?: boolean;
}

interface OpenRound {
  id: string;
  deadline: CalendarDate;
  reminder_days_before: number[];
}

interface UndecidedMember {
  round_id: string;
  municipality_number: string;
  status: MemberDecisionStatus;
  next_meeting_date: CalendarDate | null;
}

/** A notice whose e-mail is owed, with its creation instant as text: to the microsecond, for the next page to start after it. */
interface OwedMail {
  created_at: string;
  id: string;
  /** The notice whose mail job sends it. */
  email_id: string | null;
}

interface SettledRound {
  id: string;
  status: 'approved' | 'rejected';
  in_force_from: CalendarDate | null;
}

// Open rounds are walked this many at a time: two queries a page, and memory that does not grow with the country.
const OPEN_ROUNDS_PER_PAGE = 1_000;
// Owed e-mails are asked for this many at a time.
const MAILS_PER_PAGE = 5_000;
// Relayed outbox rows are removed from the oldest, this many a statement.
const OUTBOX_ROWS_PER_DELETE = 10_000;
// Settled rounds older than this have had their notices long since; they are not looked at again.
const SETTLED_LOOKBACK_DAYS = 90;
// An e-mail not sent within a week is left to the operator (it stays `pending` in the notice).
const MAIL_LOOKBACK_DAYS = 7;
// Relayed rows are history the queue already has; a week is plenty to look into one.
const RELAYED_KEPT_DAYS = 7;
// The advisory lock that keeps reconciliations one at a time.
const RECONCILE_LOCK = 'vedtaksrunde:reconcile';
const LOCK_RETRY_MS = 250;

/**
 * Rebuilds from PostgreSQL every job that should exist and the queue lacks: Redis may have been
 * emptied, or down when a job was due. It asks the queue which of the expected jobs it holds
 * (QueuedJobs) and writes outbox rows for the others only, so a pass with nothing missing
 * writes nothing. A job whose time has passed is expected only while its work is undone: a
 * reminder is owed when its notices are not written (once, for its latest day), an outcome or
 * coming into force likewise; a deadline that passed while everything was down is done here and
 * now. The e-mail of a notice not sent yet is asked for again, so a queue that lost it loses no
 * mail. Open rounds and their members are read a page at a time, a fixed number of queries each.
 */
@Injectable()
export class ReconcileHandler {
  private readonly logger = new Logger(ReconcileHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly deadlines: RoundDeadlines,
    private readonly queued: QueuedJobs,
  ) {}

  /**
   * One pass at a time, across every worker: a pass asked for while another runs (the scheduler's
   * and the start-up's, two workers starting together) waits for it, and then finds nothing left
   * to write.
   */
  async execute(): Promise<ReconcileReport> {
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      // Asked for again and again rather than waited for in one statement, which the statement timeout would end.
      while (!(await lock.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS taken`, [RECONCILE_LOCK]))[0].taken) await sleep(LOCK_RETRY_MS);
      try {
        return await this.pass();
      } finally {
        await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [RECONCILE_LOCK]);
      }
    } finally {
      await lock.release();
    }
  }

  private async pass(): Promise<ReconcileReport> {
    // System time: how long the pass took is the machine's bookkeeping.
    const started = Date.now();
    const now = this.clock.now();
    const report: ReconcileReport = { rounds: 0, expected: 0, jobs: 0, catchUps: 0, deadlines: 0, mails: 0, removed: 0 };
    report.deadlines = await this.deadlines.sweep(now);

    for (let after: OpenRound | null = null; ; ) {
      const rounds = await this.openRounds(after);
      if (rounds.length === 0) break;
      report.rounds += rounds.length;
      await this.restore(await this.openRoundJobs(rounds, now), report);
      after = rounds[rounds.length - 1];
    }
    await this.restore(await this.settledRoundJobs(now), report);
    for (let after: OwedMail | null = null; ; ) {
      const owed = await this.owedMails(now, after);
      if (owed.length === 0) break;
      const mails = [...new Set(owed.map((mail) => mail.email_id ?? mail.id))].map((id) => {
        const payload = { notificationId: id };
        return { job: { name: JOB_NAMES.sendMail, payload, jobId: jobIds.sendMail(payload), runAt: now } };
      });
      report.mails += await this.restore(mails, report);
      after = owed[owed.length - 1];
    }
    report.removed = await this.removeRelayed();
    this.logger.log({ ...report, ms: Date.now() - started }, 'reconciled');
    return report;
  }

  /**
   * Writes to the outbox the expected jobs that no outbox row waits for and the queue lacks;
   * returns how many. The outbox is asked first: a row the relay moves meanwhile is in the queue
   * by the time it counts as relayed.
   */
  private async restore(expected: readonly Expected[], report: ReconcileReport): Promise<number> {
    report.expected += expected.length;
    if (expected.length === 0) return 0;
    const waiting = await this.waitingInOutbox(expected.map(({ job }) => job.jobId));
    const candidates = expected.filter(({ job }) => !waiting.has(job.jobId));
    const absent = new Set(await this.queued.missing(candidates.map(({ job }) => job.jobId)));
    const missing = candidates.filter(({ job }) => absent.has(job.jobId));
    await enqueueMany(this.dataSource.manager, missing.map(({ job }) => job));
    report.jobs += missing.length;
    report.catchUps += missing.filter(({ catchUp }) => catchUp).length;
    return missing.length;
  }

  /**
   * An open round's deadline job while its deadline is ahead, and each undecided member's
   * reminders: those ahead, and the latest one due if its notices are not written and the member
   * has a clerk to tell (a catch-up, sent now). Once the deadline has passed, the overdue notice
   * takes the reminders' place.
   */
  private async openRoundJobs(rounds: readonly OpenRound[], now: Date): Promise<Expected[]> {
    const today = todayInOslo(now);
    const passed = latestPassedDeadline(now);
    const ahead = rounds.filter((round) => round.deadline > passed);
    if (ahead.length === 0) return [];
    const members: UndecidedMember[] = await this.dataSource.query(
      `SELECT round_id, municipality_number, status, next_meeting_date::text AS next_meeting_date
         FROM round_member
        WHERE round_id = ANY($1::uuid[]) AND status = ANY($2::text[])
        ORDER BY round_id, municipality_number`,
      [ahead.map((round) => round.id), UNDECIDED_STATUSES],
    );
    const byId = new Map(ahead.map((round) => [round.id, round]));
    const expected: Expected[] = ahead.map((round) => ({ job: deadlineJob(round) }));
    const due: Array<{ job: OutboxJob<'round.reminder'>; topic: string }> = [];
    for (const member of members) {
      const round = byId.get(member.round_id)!;
      const planned = memberReminderDates(
        { deadline: round.deadline, reminderDaysBefore: round.reminder_days_before },
        { status: member.status, nextMeetingDate: member.next_meeting_date },
      );
      const latestDue = planned.filter((date) => date <= today).pop();
      for (const date of planned.filter((day) => reminderTime(day) > now)) {
        expected.push({ job: reminderJob(round.id, member.municipality_number, date, reminderTime(date)) });
      }
      if (latestDue && reminderTime(latestDue) <= now) {
        due.push({ job: reminderJob(round.id, member.municipality_number, latestDue, now), topic: noticeTopics.reminder(round.id, member.municipality_number, latestDue) });
      }
    }
    if (due.length === 0) return expected;
    const told = await writtenTopics(this.dataSource.manager, 'reminders', due.map(({ topic }) => topic));
    const withClerks = await this.municipalitiesWithClerks(due.map(({ job }) => job.payload.municipalityNumber));
    for (const { job, topic } of due) {
      if (!told.has(topic) && withClerks.has(job.payload.municipalityNumber)) expected.push({ job, catchUp: true });
    }
    return expected;
  }

  /** The outcome of each round settled lately, and its coming into force, while their notices are not written. */
  private async settledRoundJobs(now: Date): Promise<Expected[]> {
    const rounds: SettledRound[] = await this.dataSource.query(
      `SELECT r.id, r.status, COALESCE(f.in_force_from, v.in_force_from)::text AS in_force_from
         FROM round r
         LEFT JOIN fee_schedule f ON r.status = 'approved' AND r.subject_type = 'fees' AND f.round_id = r.id
         LEFT JOIN agreement_version v ON r.status = 'approved' AND r.subject_type = 'agreement' AND v.id = r.agreement_version_id
        WHERE r.status IN ('approved', 'rejected') AND r.closed_at >= $1`,
      [new Date(now.getTime() - SETTLED_LOOKBACK_DAYS * 86_400_000)],
    );
    const told = await writtenTopics(this.dataSource.manager, 'outcomes', rounds.flatMap((round) => [noticeTopics.settled(round.id), noticeTopics.veto(round.id), noticeTopics.inForce(round.id)]));
    const expected: Expected[] = [];
    for (const round of rounds) {
      const payload = { roundId: round.id };
      if (!told.has(noticeTopics.settled(round.id)) && !told.has(noticeTopics.veto(round.id))) {
        expected.push({ job: { name: JOB_NAMES.settled, payload, jobId: jobIds.settled(payload), runAt: now } });
      }
      if (round.in_force_from && !told.has(noticeTopics.inForce(round.id))) {
        const at = startOfDayInOslo(round.in_force_from);
        expected.push({ job: { name: JOB_NAMES.inForce, payload, jobId: jobIds.inForce(payload), runAt: at > now ? at : now } });
      }
    }
    return expected;
  }

  /** A page of the open rounds, in the order of the index on their deadline. */
  private openRounds(after: OpenRound | null): Promise<OpenRound[]> {
    const columns = `SELECT id, deadline::text AS deadline, reminder_days_before FROM round`;
    return after
      ? this.dataSource.query(`${columns} WHERE status = 'open' AND (deadline, id) > ($1::date, $2::uuid) ORDER BY deadline, id LIMIT $3`, [
          after.deadline,
          after.id,
          OPEN_ROUNDS_PER_PAGE,
        ])
      : this.dataSource.query(`${columns} WHERE status = 'open' ORDER BY deadline, id LIMIT $1`, [OPEN_ROUNDS_PER_PAGE]);
  }

  /** A page of the notices whose e-mail is queued, being sent, or owed: a week's worth at most. */
  private owedMails(now: Date, after: OwedMail | null): Promise<OwedMail[]> {
    const since = new Date(now.getTime() - MAIL_LOOKBACK_DAYS * 86_400_000);
    // A notice's e-mail job is named by the notice that took it, else by the first of those written with it to the
    // same person about the same round (the job the notifier wrote for them); a job per digest, not per notice.
    const owed = `SELECT created_at::text AS created_at, id,
                         COALESCE(email_id, (SELECT f.id FROM notification f
                                              WHERE f.user_id = n.user_id AND f.created_at = n.created_at AND f.round_id IS NOT DISTINCT FROM n.round_id
                                                AND f.email_status = 'pending' AND f.email_id IS NULL
                                              ORDER BY f.id LIMIT 1)) AS email_id
                    FROM notification n WHERE email_status IN ('pending', 'sending') AND created_at >= $1`;
    return after
      ? this.dataSource.query(`${owed} AND (created_at, id) > ($2::timestamptz, $3::uuid) ORDER BY created_at, id LIMIT $4`, [
          since,
          after.created_at,
          after.id,
          MAILS_PER_PAGE,
        ])
      : this.dataSource.query(`${owed} ORDER BY created_at, id LIMIT $2`, [since, MAILS_PER_PAGE]);
  }

  private async municipalitiesWithClerks(numbers: readonly string[]): Promise<Set<string>> {
    const rows: Array<{ municipality_number: string }> = await this.dataSource.query(
      `SELECT DISTINCT municipality_number FROM role_grant WHERE role = 'clerk' AND municipality_number = ANY($1::text[])`,
      [[...new Set(numbers)]],
    );
    return new Set(rows.map((row) => row.municipality_number));
  }

  /** The jobs, of those given, that an outbox row not yet relayed asks for: the relay is about to add them. */
  private async waitingInOutbox(jobIds: readonly string[]): Promise<Set<string>> {
    const rows: Array<{ job_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT job_id FROM outbox WHERE relayed_at IS NULL AND operation = 'add' AND job_id = ANY($1::text[])`,
      [jobIds],
    );
    return new Set(rows.map((row) => row.job_id));
  }

  /**
   * Removes the rows relayed more than a week ago, walking from the oldest row by its key: rows
   * are appended in order, so what is old enough lies at the front, and a pass reads only that.
   */
  private async removeRelayed(): Promise<number> {
    // System time: the relay stamps relayed_at with the machine's clock, bookkeeping of its own.
    const before = new Date(Date.now() - RELAYED_KEPT_DAYS * 86_400_000);
    let removed = 0;
    for (;;) {
      const [, count]: [unknown, number] = await this.dataSource.query(
        `DELETE FROM outbox
          WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT $2) AND relayed_at < $1`,
        [before, OUTBOX_ROWS_PER_DELETE],
      );
      removed += count;
      if (count === 0) return removed;
    }
  }
}

function reminderJob(roundId: string, municipalityNumber: string, date: CalendarDate, runAt: Date): OutboxJob<'round.reminder'> {
  const payload = { roundId, municipalityNumber, date };
  return { name: JOB_NAMES.reminder, payload, jobId: jobIds.reminder(payload), runAt };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
