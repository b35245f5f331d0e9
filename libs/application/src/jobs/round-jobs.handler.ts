import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarDate, ForecastMember, MemberDecisionStatus, forecastRound, isPastDeadline, isUndecided, todayInOslo } from '@app/domain';
import { JobPayloads, JobResult } from '@app/jobs';
import { CouncilEntity, RoundEntity, RoundMemberEntity, RoundOutcomeEntity } from '@app/persistence';
import { NoticeContent, NoticeRequest } from '../notices/notice';
import { Notifier } from '../notices/notifier';
import { Recipient, clerksOfEach, staffOf } from '../notices/recipients';
import { Clock } from '../time/clock';
import { noticeTopics } from './notice-topics';
import { RoundDeadlines } from './round-deadlines';
import { RoundReminders } from './round-reminders';
import { memberReminderDates } from './round-schedule';

/** What a reminder needs to know, in one query: the round, the member, the council's name and the member's clerks. $1 round, $2 member. */
const REMINDER_FACTS = `
  SELECT r.status AS round_status, r.title, r.deadline::text AS deadline, r.reminder_days_before, r.council_id, c.name AS council_name,
         m.status, m.next_meeting_date::text AS next_meeting_date, m.name,
         ARRAY(SELECT g.user_id FROM role_grant g WHERE g.role = 'clerk' AND g.municipality_number = m.municipality_number ORDER BY g.user_id) AS clerks
    FROM round r
    JOIN council c ON c.id = r.council_id
    JOIN round_member m ON m.round_id = r.id AND m.municipality_number = $2::text
   WHERE r.id = $1::uuid`;

interface ReminderFacts {
  round_status: string;
  title: string;
  deadline: CalendarDate;
  reminder_days_before: number[];
  council_id: string;
  council_name: string;
  status: MemberDecisionStatus;
  next_meeting_date: CalendarDate | null;
  name: string;
  clerks: string[];
}

/**
 * What a member's revision planned, with its round and every member's planned meeting, in one
 * query. $1 round, $2 member, $3 the revision.
 */
const MEETING_FACTS = `
  SELECT r.status AS round_status, r.title, r.deadline::text AS deadline, r.council_id, c.name AS council_name, m.name,
         v.transition, v.next_meeting_date::text AS next_meeting_date, v.reason,
         (SELECT json_agg(json_build_object('municipalityNumber', o.municipality_number, 'name', o.name, 'status', o.status,
                   'meetingDate', o.meeting_date::text, 'nextMeetingDate', o.next_meeting_date::text) ORDER BY o.municipality_number)
            FROM round_member o WHERE o.round_id = r.id) AS members
    FROM round r
    JOIN council c ON c.id = r.council_id
    JOIN round_member m ON m.round_id = r.id AND m.municipality_number = $2::text
    JOIN member_decision_revision v ON v.round_id = r.id AND v.municipality_number = $2::text AND v.revision = $3::int
   WHERE r.id = $1::uuid`;

interface MeetingFacts {
  round_status: string;
  title: string;
  deadline: CalendarDate;
  council_id: string;
  council_name: string;
  name: string;
  transition: string;
  next_meeting_date: CalendarDate | null;
  reason: string | null;
  members: Array<{ municipalityNumber: string; name: string; status: MemberDecisionStatus; meetingDate: CalendarDate | null; nextMeetingDate: CalendarDate | null }>;
}

/**
 * What happens to a round because time passed: reminders, overdue and escalation at the
 * deadline, the notices of the outcome and of coming into force. Every handler reloads the state
 * and does nothing when there is nothing to do, so a job that runs twice, late or after a
 * restart does no harm; the notices' unique keys make sure nobody is told twice.
 */
@Injectable()
export class RoundJobsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    private readonly deadlines: RoundDeadlines,
    private readonly reminders: RoundReminders,
  ) {}

  /**
   * Reminds the clerks of a member that has not decided; a reminder superseded by a later due one
   * is skipped, and so is one whose deadline has passed (the overdue notice has taken its place).
   * The day's reminders are written together by the first of the day's jobs (RoundReminders);
   * one the day's sweep did not cover is decided here, in three statements and no transaction:
   * the facts, the addresses, and the notices written with their mail jobs in one statement.
   */
  async reminder({ roundId, municipalityNumber, date }: JobPayloads['round.reminder']): Promise<JobResult> {
    const now = this.clock.now();
    const topic = noticeTopics.reminder(roundId, municipalityNumber, date);
    const swept = await this.reminders.sweptDay(date, now);
    if (swept.written.has(topic)) return 'done';
    if (swept.found.has(topic)) return 'skipped';
    const [facts]: ReminderFacts[] = await this.dataSource.query(REMINDER_FACTS, [roundId, municipalityNumber]);
    if (!facts || facts.round_status !== 'open' || !isUndecided(facts.status) || isPastDeadline(facts.deadline, now)) return 'skipped';
    const planned = memberReminderDates(
      { deadline: facts.deadline, reminderDaysBefore: facts.reminder_days_before },
      { status: facts.status, nextMeetingDate: facts.next_meeting_date },
    );
    // Reminders missed while the system was down are caught up once, on the latest day due.
    const latestDue = planned.filter((day) => day <= todayInOslo(now)).pop();
    if (!planned.includes(date) || (latestDue !== undefined && latestDue !== date)) return 'skipped';
    const written = await this.reminders.write(
      [
        {
          round: { id: roundId, councilId: facts.council_id, title: facts.title, councilName: facts.council_name, deadline: facts.deadline },
          municipalityNumber,
          municipalityName: facts.name,
          date,
          clerks: facts.clerks.map((userId) => ({ userId, municipalityNumber })),
        },
      ],
      now,
    );
    return written.size > 0 ? 'done' : 'skipped';
  }

  /**
   * At the deadline: the undecided members are overdue (marked once), their clerks are told, and
   * the secretariat and the leaders get an escalation naming them; a round launched with an
   * expiry closes. The first jobs of the minute in a process do it for every round whose deadline
   * has passed with that work undone, in batches shared with the other processes' (RoundDeadlines);
   * every job then sees to its own round, should a registration have held it while the batches
   * passed. A job finds nothing when its round's deadline moved or the work is done.
   */
  async deadline({ roundId, deadline }: JobPayloads['round.deadline']): Promise<JobResult> {
    const now = this.clock.now();
    if (!isPastDeadline(deadline, now)) return 'skipped';
    const swept = await this.deadlines.sweep(now, { once: true });
    const own = await this.deadlines.passRound(roundId, deadline, now);
    return swept > 0 || own ? 'done' : 'skipped';
  }

  /**
   * A member's registration postponed the case or planned its meeting after the deadline: the
   * secretariat and the leaders are told of the postponement (once per revision), and, when the
   * round's forecast is now past the deadline, of that (once per forecast date: a later run, or
   * another member planning the same day, tells nobody again).
   */
  async meetingPlanned({ roundId, municipalityNumber, revision }: JobPayloads['round.meeting-planned']): Promise<JobResult> {
    return this.dataSource.transaction(async (manager) => {
      const [facts]: MeetingFacts[] = await manager.query(MEETING_FACTS, [roundId, municipalityNumber, revision]);
      if (!facts || facts.round_status !== 'open') return 'skipped';
      const round = { id: roundId, councilId: facts.council_id };
      const about = { roundTitle: facts.title, councilName: facts.council_name };
      const staff = await staffOf(manager, facts.council_id);
      const requests: NoticeRequest[] = [];
      if (facts.transition === 'postpone') {
        const content: NoticeContent = {
          kind: 'postponed',
          ...about,
          municipalityName: facts.name,
          nextMeetingDate: facts.next_meeting_date,
          deadline: facts.deadline,
          reason: facts.reason,
        };
        for (const person of staff) requests.push(notice(noticeTopics.postponed(roundId, municipalityNumber, revision), person, round, content));
      }
      const members: ForecastMember[] = facts.members.map((member) => ({
        municipalityNumber: member.municipalityNumber,
        status: member.status,
        ...(member.meetingDate ? { meetingDate: member.meetingDate } : {}),
        ...(member.nextMeetingDate ? { nextMeetingDate: member.nextMeetingDate } : {}),
      })) as ForecastMember[];
      const { forecast, pastDeadline } = forecastRound(members, facts.deadline);
      if (forecast && pastDeadline) {
        const latest = facts.members.find((m) => isUndecided(m.status) && (m.status === 'scheduled' ? m.meetingDate : m.nextMeetingDate) === forecast);
        const content: NoticeContent = { kind: 'forecast_late', ...about, municipalityName: latest?.name ?? facts.name, forecast, deadline: facts.deadline };
        for (const person of staff) requests.push(notice(noticeTopics.forecastLate(roundId, forecast), person, round, content));
      }
      return (await this.notifier.notify(manager, requests)).length > 0 ? 'done' : 'skipped';
    });
  }

  /** Tells the secretariat and the leaders how the round ended; on a veto, every clerk of the round too. */
  async settled({ roundId }: JobPayloads['round.settled']): Promise<JobResult> {
    return this.dataSource.transaction(async (manager) => {
      const round = await manager.getRepository(RoundEntity).findOneBy({ id: roundId });
      const outcome = await manager.getRepository(RoundOutcomeEntity).findOneBy({ roundId });
      if (!round || !outcome) return 'skipped';
      const council = await manager.getRepository(CouncilEntity).findOneByOrFail({ id: round.councilId });
      const members = await manager.getRepository(RoundMemberEntity).find({ where: { roundId }, order: { municipalityNumber: 'ASC' } });
      const decisive = members.find((m) => m.municipalityNumber === outcome.decisiveMunicipalityNumber);
      const requests: NoticeRequest[] = [];
      const settled: NoticeContent = {
        kind: 'settled',
        roundTitle: round.title,
        councilName: council.name,
        outcome: outcome.status,
        decisiveMunicipalityName: decisive?.name ?? outcome.decisiveMunicipalityNumber,
      };
      for (const person of await staffOf(manager, round.councilId)) requests.push(notice(noticeTopics.settled(roundId), person, round, settled));
      if (outcome.status === 'rejected') {
        const veto: NoticeContent = { kind: 'veto', roundTitle: round.title, councilName: council.name, vetoMunicipalityName: settled.decisiveMunicipalityName };
        const clerks = await clerksOfEach(manager, members.map((member) => member.municipalityNumber));
        for (const member of members) {
          for (const clerk of clerks.get(member.municipalityNumber) ?? []) requests.push(notice(noticeTopics.veto(roundId), clerk, round, veto));
        }
      }
      return (await this.notifier.notify(manager, requests)).length > 0 ? 'done' : 'skipped';
    });
  }

  /** On the day an approved subject comes into force, the council's people are told. */
  async inForce({ roundId }: JobPayloads['round.in-force']): Promise<JobResult> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const round = await manager.getRepository(RoundEntity).findOneBy({ id: roundId });
      if (!round || round.status !== 'approved') return 'skipped';
      const inForceFrom = await inForceDate(manager, round);
      if (!inForceFrom || inForceFrom > todayInOslo(now)) return 'skipped';
      const council = await manager.getRepository(CouncilEntity).findOneByOrFail({ id: round.councilId });
      const content: NoticeContent = { kind: 'in_force', roundTitle: round.title, councilName: council.name, inForceFrom };
      const members = await manager.getRepository(RoundMemberEntity).findBy({ roundId });
      const clerks = await clerksOfEach(manager, members.map((member) => member.municipalityNumber));
      const people: Recipient[] = [...(await staffOf(manager, round.councilId)), ...members.flatMap((member) => clerks.get(member.municipalityNumber) ?? [])];
      const unique = [...new Map(people.map((person) => [person.userId, person])).values()];
      const created = await this.notifier.notify(manager, unique.map((person) => notice(noticeTopics.inForce(roundId), person, round, content)));
      return created.length > 0 ? 'done' : 'skipped';
    });
  }
}

/** The day an approved round's subject came (or comes) into force. */
export async function inForceDate(manager: EntityManager, round: RoundEntity): Promise<string | null> {
  const [row] = await manager.query(
    round.subjectType === 'fees'
      ? `SELECT in_force_from::text AS date FROM fee_schedule WHERE round_id = $1`
      : `SELECT in_force_from::text AS date FROM agreement_version WHERE id = $1`,
    [round.subjectType === 'fees' ? round.id : round.agreementVersionId],
  );
  return row?.date ?? null;
}

/** The notice of a topic to one person: its key is the topic and the person. */
function notice(topic: string, recipient: Recipient, round: Pick<RoundEntity, 'id' | 'councilId'>, content: NoticeContent): NoticeRequest {
  return {
    key: `${topic}/${recipient.userId}`,
    userId: recipient.userId,
    municipalityNumber: recipient.municipalityNumber,
    councilId: round.councilId,
    roundId: round.id,
    content,
    link: `/app/rounds/${round.id}`,
  };
}
