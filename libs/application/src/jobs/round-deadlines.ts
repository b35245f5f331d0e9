import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarDate, UNDECIDED_STATUSES, addDays, daysBetween, isPastDeadline, todayInOslo, transitionRound } from '@app/domain';
import { appendEvents } from '../audit/append-events';
import { NewEvent } from '../audit/event-log';
import { noticesToClerks } from '../notices/clerk-notices';
import { NoticeContent, NoticeRequest } from '../notices/notice';
import { Notifier } from '../notices/notifier';
import { clerksOfEach, staffOfEach } from '../notices/recipients';
import { noticeTopics } from './notice-topics';

/**
 * Rounds a transaction: enough to write their members, events and notices in bulk, few enough
 * that the jobs of one deadline minute share the work side by side and each lock is short.
 */
export const DEADLINE_ROUNDS_PER_TRANSACTION = 250;
// Sweeps at once in one worker process (each its own transaction, one batch at a time).
const SWEEPS_PER_PROCESS = 2;
// A deadline job that comes this soon after its process swept the same deadline leaves it at that.
const JUST_SWEPT_MS = 60_000;

/** An open round whose deadline has passed with its work undone, locked by the transaction that took it. */
interface DueRound {
  id: string;
  council_id: string;
  title: string;
  deadline: CalendarDate;
  expires_automatically: boolean;
  council_name: string;
}

/** An undecided member of a due round; `newly` when this transaction marked it overdue. */
interface UndecidedMember {
  round_id: string;
  municipality_number: string;
  name: string;
  newly: boolean;
}

// Open, past its deadline, and something left to do: an undecided member not yet overdue, or the
// expiry. OFFSET 0 keeps the planner from hashing every such member of the country: each round
// is looked up by its key, and the walk stops at the batch's last round.
const DUE = `r.status = 'open'
   AND (r.expires_automatically
        OR EXISTS (SELECT 1 FROM round_member m WHERE m.round_id = r.id AND m.status = ANY($1::text[]) AND NOT m.overdue OFFSET 0))`;

/**
 * Rounds no other transaction holds, in the order of the index on open rounds by deadline, after
 * the last one this sweep took ($3, $4): those before it it has done, or others hold and do. $1 the
 * undecided statuses, $2 the latest deadline that has passed, $5 how many.
 */
const TAKE_DUE_ROUNDS = `
  SELECT r.id, r.deadline::text AS deadline
    FROM round r
   WHERE r.deadline <= $2::date AND (r.deadline, r.id) > ($3::date, $4::uuid) AND ${DUE}
   ORDER BY r.deadline, r.id
   LIMIT $5
     FOR UPDATE SKIP LOCKED`;

/** Whether any round after the sweep's last is due, held by another transaction or not: parameters as TAKE_DUE_ROUNDS' first four. */
const IS_ANY_DUE = `SELECT 1 FROM round r WHERE r.deadline <= $2::date AND (r.deadline, r.id) > ($3::date, $4::uuid) AND ${DUE} LIMIT 1`;

/** Where a sweep starts: before every round. */
const FIRST: Pick<DueRound, 'deadline' | 'id'> = { deadline: '0001-01-01', id: '00000000-0000-0000-0000-000000000000' };

/** Whether the round is due: $1 the undecided statuses, $2 the round, $3 its deadline. */
const IS_ROUND_DUE = `SELECT 1 FROM round r WHERE r.id = $2::uuid AND r.deadline = $3::date AND ${DUE}`;

/** $1 the undecided statuses, $2 the round, $3 its deadline: waits for the round if another transaction holds it. */
const TAKE_ROUND = `
  SELECT r.id
    FROM round r
   WHERE r.id = $2::uuid AND r.deadline = $3::date AND ${DUE}
     FOR UPDATE`;

/**
 * The rounds taken that are still due, with what their notices say. Asked again, after the locks
 * are held: a round another transaction finished while the taking statement ran looked due to
 * it (its row itself did not change), and is passed by here. $1 the undecided statuses, $2 the rounds.
 */
const STILL_DUE = `
  SELECT r.id, r.council_id, r.title, r.deadline::text AS deadline, r.expires_automatically, c.name AS council_name
    FROM round r JOIN council c ON c.id = r.council_id
   WHERE r.id = ANY($2::uuid[]) AND ${DUE}
   ORDER BY r.deadline, r.id`;

/**
 * Marks the undecided members of the rounds overdue, those not marked yet, and returns every
 * undecided member, newly marked or not. $1 the rounds, $2 the undecided statuses.
 */
const MARK_OVERDUE = `
  WITH marked AS (
    UPDATE round_member m SET overdue = true
     WHERE m.round_id = ANY($1::uuid[]) AND m.status = ANY($2::text[]) AND NOT m.overdue
    RETURNING m.round_id, m.municipality_number
  )
  SELECT m.round_id, m.municipality_number, m.name, (k.round_id IS NOT NULL) AS newly
    FROM round_member m
    LEFT JOIN marked k ON k.round_id = m.round_id AND k.municipality_number = m.municipality_number
   WHERE m.round_id = ANY($1::uuid[]) AND m.status = ANY($2::text[])
   ORDER BY m.round_id, m.municipality_number`;

const EXPIRE = `
  UPDATE round r
     SET status = t.status, closed_at = $3::timestamptz, status_reason = 'Fristen gikk ut', lock_version = r.lock_version + 1
    FROM unnest($1::uuid[], $2::text[]) AS t(id, status)
   WHERE r.id = t.id`;

/**
 * What the deadline does, for many rounds at once: the undecided members are marked overdue
 * (once), their clerks are told, the secretariat and the leaders get an escalation naming them,
 * and a round launched with an expiry closes. Rounds are taken a batch per transaction with
 * `FOR UPDATE SKIP LOCKED`, so the deadline jobs of one minute work side by side on different
 * rounds and those that come last find nothing left. A round is taken only while it has work
 * undone, members are marked only while not marked, and the notices' keys are unique: a job that
 * runs twice, late, or after the deadline moved does no harm.
 */
@Injectable()
export class RoundDeadlines {
  private readonly sweeps = new Set<Promise<number>>();
  private swept: { passed: CalendarDate; at: number } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier: Notifier,
  ) {}

  /**
   * Every round whose deadline has passed with its work undone and that no one else holds, batch
   * by batch until none is left; returns how many it did. A few sweeps at once in one process:
   * the work is the database's, and more would only share its cores and hold more in memory. A
   * caller beyond them waits for one to end, then sweeps what is left. With `once`, a caller
   * finds nothing to do when this process finished a sweep of the same deadline a moment ago:
   * the deadline jobs of one minute sweep once, and each then sees only to its own round.
   */
  async sweep(now: Date, options: { once?: boolean } = {}): Promise<number> {
    const passed = latestPassedDeadline(now);
    for (;;) {
      if (options.once && this.justSwept(passed)) return 0;
      if (this.sweeps.size < SWEEPS_PER_PROCESS) break;
      await Promise.race(this.sweeps).catch(() => undefined);
    }
    const sweep = this.sweepBatches(passed, now)
      .then((rounds) => {
        // System time: how long ago a sweep ended is the process's own bookkeeping.
        this.swept = { passed, at: Date.now() };
        return rounds;
      })
      .finally(() => this.sweeps.delete(sweep));
    this.sweeps.add(sweep);
    return sweep;
  }

  /**
   * The one round, if its deadline is still this one, has passed, and its work is undone; it waits
   * for a round another transaction holds (a registration), where a sweep passes it by.
   */
  async passRound(roundId: string, deadline: CalendarDate, now: Date): Promise<boolean> {
    if (!isPastDeadline(deadline, now)) return false;
    // Asked first without a lock or a transaction: for all but a few of a minute's jobs, a sweep has done it.
    if ((await this.dataSource.query(IS_ROUND_DUE, [UNDECIDED_STATUSES, roundId, deadline])).length === 0) return false;
    return this.dataSource.transaction(async (manager) => (await this.pass(manager, await manager.query(TAKE_ROUND, [UNDECIDED_STATUSES, roundId, deadline]), now)) > 0);
  }

  private justSwept(passed: CalendarDate): boolean {
    return this.swept !== null && this.swept.passed === passed && Date.now() - this.swept.at < JUST_SWEPT_MS;
  }

  private async sweepBatches(passed: CalendarDate, now: Date): Promise<number> {
    let rounds = 0;
    for (let after = FIRST; ; ) {
      const position = [UNDECIDED_STATUSES, passed, after.deadline, after.id];
      if ((await this.dataSource.query(IS_ANY_DUE, position)).length === 0) break;
      const taken: Array<Pick<DueRound, 'deadline' | 'id'>> = await this.dataSource.transaction(async (manager) => {
        const due: Array<Pick<DueRound, 'deadline' | 'id'>> = await manager.query(TAKE_DUE_ROUNDS, [...position, DEADLINE_ROUNDS_PER_TRANSACTION]);
        rounds += await this.pass(manager, due, now);
        return due;
      });
      if (taken.length < DEADLINE_ROUNDS_PER_TRANSACTION) break;
      after = taken[taken.length - 1];
    }
    return rounds;
  }

  /** Does the deadline's work for the rounds taken (locked) that are still due; returns how many. */
  private async pass(manager: EntityManager, taken: ReadonlyArray<{ id: string }>, now: Date): Promise<number> {
    if (taken.length === 0) return 0;
    const rounds: DueRound[] = await manager.query(STILL_DUE, [UNDECIDED_STATUSES, taken.map((round) => round.id)]);
    if (rounds.length === 0) return 0;
    const ids = rounds.map((round) => round.id);
    const undecided: UndecidedMember[] = await manager.query(MARK_OVERDUE, [ids, UNDECIDED_STATUSES]);
    const byRound = new Map<string, UndecidedMember[]>();
    for (const member of undecided) {
      const members = byRound.get(member.round_id);
      if (members) members.push(member);
      else byRound.set(member.round_id, [member]);
    }
    const marked = (round: DueRound) => (byRound.get(round.id) ?? []).filter((member) => member.newly);
    const overdue = rounds.filter((round) => marked(round).length > 0);
    const expiring = rounds.filter((round) => round.expires_automatically);
    await this.notifier.notify(manager, await this.notices(manager, { overdue, expiring }, byRound, now));

    if (expiring.length > 0) {
      const closed = expiring.map(
        (round) =>
          transitionRound({ status: 'open', deadline: round.deadline, expiresAutomatically: true }, { type: 'expire', by: 'automatic' }, { now }).state.status,
      );
      await manager.query(EXPIRE, [expiring.map((round) => round.id), closed, now]);
    }

    // Last, so that the chains' heads are held only for the moment it takes to write the events.
    const events: NewEvent[] = [];
    for (const round of rounds) {
      const about = { actor: 'system', councilId: round.council_id, roundId: round.id, at: now };
      const numbers = marked(round).map((member) => member.municipality_number);
      if (numbers.length > 0) events.push({ ...about, type: 'round.overdue', data: { deadline: round.deadline, overdue: numbers } });
      if (round.expires_automatically) {
        events.push({ ...about, type: 'round.expired', data: { before: { status: 'open' }, after: { status: 'expired' }, by: 'automatic' } });
      }
    }
    await appendEvents(manager, events);
    return rounds.length;
  }

  /**
   * Each overdue member's clerks are told, and each round's secretariat and leaders get the
   * escalation naming all of them; when a round expires, the clerks of its undecided members are
   * told it is closed, with nothing more to do.
   */
  private async notices(
    manager: EntityManager,
    { overdue: rounds, expiring }: { overdue: readonly DueRound[]; expiring: readonly DueRound[] },
    undecided: Map<string, UndecidedMember[]>,
    now: Date,
  ): Promise<NoticeRequest[]> {
    if (rounds.length === 0 && expiring.length === 0) return [];
    const today = todayInOslo(now);
    const membersOf = (round: DueRound) => undecided.get(round.id) ?? [];
    const clerks = await clerksOfEach(manager, [...rounds, ...expiring].flatMap((round) => membersOf(round).map((member) => member.municipality_number)));
    const staff = await staffOfEach(manager, rounds.map((round) => round.council_id));
    const closed = expiring.flatMap((round) =>
      noticesToClerks(
        clerks,
        { id: round.id, councilId: round.council_id },
        membersOf(round).map((member) => ({ municipalityNumber: member.municipality_number, name: member.name })),
        (member) => [
          noticeTopics.expired(round.id, member.municipalityNumber),
          { kind: 'expired', roundTitle: round.title, councilName: round.council_name, municipalityName: member.name, deadline: round.deadline, reason: null },
        ],
      ),
    );
    const late = rounds.flatMap((round) => {
      const members = undecided.get(round.id)!;
      const about = { councilId: round.council_id, roundId: round.id, link: `/app/rounds/${round.id}` };
      // As late as the day the notice is written: a worker that was down tells how long it has been.
      const daysLate = daysBetween(round.deadline, today);
      const overdue = members.flatMap((member) => {
        const content: NoticeContent = {
          kind: 'overdue',
          roundTitle: round.title,
          councilName: round.council_name,
          municipalityName: member.name,
          deadline: round.deadline,
          daysLate,
        };
        const topic = noticeTopics.overdue(round.id, member.municipality_number, round.deadline);
        return (clerks.get(member.municipality_number) ?? []).map((clerk) => ({ ...about, key: `${topic}/${clerk.userId}`, ...clerk, content }));
      });
      const escalation: NoticeContent = {
        kind: 'escalation',
        roundTitle: round.title,
        councilName: round.council_name,
        deadline: round.deadline,
        overdueMembers: members.map((member) => `${member.name} (${member.municipality_number})`),
        daysLate,
      };
      const topic = noticeTopics.escalation(round.id, round.deadline);
      return [
        ...overdue,
        ...(staff.get(round.council_id) ?? []).map((person) => ({ ...about, key: `${topic}/${person.userId}`, ...person, content: escalation })),
      ];
    });
    return [...late, ...closed];
  }
}

/** The latest deadline that has run out at that instant: yesterday's, or today's in its very last second. */
export function latestPassedDeadline(now: Date): CalendarDate {
  const today = todayInOslo(now);
  return isPastDeadline(today, now) ? today : addDays(today, -1);
}
