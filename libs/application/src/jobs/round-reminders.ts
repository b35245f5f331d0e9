import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarDate, MemberDecisionStatus, UNDECIDED_STATUSES, daysBetween, todayInOslo } from '@app/domain';
import { NoticeContent, NoticeRequest } from '../notices/notice';
import { Notifier } from '../notices/notifier';
import { Recipient } from '../notices/recipients';
import { noticeTopics, writtenTopics } from './notice-topics';
import { latestPassedDeadline } from './round-deadlines';
import { memberReminderDates, reminderTime } from './round-schedule';

/** What a day's sweep did: the topics it wrote notices for, and those it found written already. */
export interface SweptDay {
  written: Set<string>;
  found: Set<string>;
}

/** The facts a reminder's notice needs about its round. */
export interface ReminderRound {
  id: string;
  councilId: string;
  title: string;
  councilName: string;
  deadline: CalendarDate;
}

/** A reminder to write: the round, the member, the day, and the member's clerks. */
export interface DueReminder {
  round: ReminderRound;
  municipalityNumber: string;
  municipalityName: string;
  date: CalendarDate;
  clerks: readonly Recipient[];
}

/** An undecided member of a round whose plan may have a reminder on the day, with what its notice needs. */
interface DayMember {
  round_id: string;
  council_id: string;
  title: string;
  council_name: string;
  deadline: CalendarDate;
  reminder_days_before: number[];
  municipality_number: string;
  name: string;
  status: MemberDecisionStatus;
  next_meeting_date: CalendarDate | null;
  clerks: string[];
}

/**
 * The undecided members of the open rounds, deadline ahead, whose plan may have a reminder on the
 * day (one of its days before the deadline lands within a week after it: a reminder moves to the
 * working day before, never further back than past Easter), with their clerks. $1 the day, $2 the
 * latest deadline that has passed, $3 the undecided statuses.
 */
const MEMBERS_OF_THE_DAY = `
  SELECT r.id AS round_id, r.council_id, r.title, c.name AS council_name, r.deadline::text AS deadline, r.reminder_days_before,
         m.municipality_number, m.name, m.status, m.next_meeting_date::text AS next_meeting_date,
         ARRAY(SELECT g.user_id FROM role_grant g WHERE g.role = 'clerk' AND g.municipality_number = m.municipality_number ORDER BY g.user_id) AS clerks
    FROM round r
    JOIN council c ON c.id = r.council_id
    JOIN round_member m ON m.round_id = r.id AND m.status = ANY($3::text[])
   WHERE r.status = 'open' AND r.deadline >= $1::date AND r.deadline > $2::date
     AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(r.reminder_days_before) AS d(days)
                  WHERE r.deadline - d.days::int BETWEEN $1::date AND $1::date + 7)`;

// A day's sweep is kept this long, so the day's other jobs find it; a later burst sweeps anew.
const SWEEP_KEPT_MS = 10 * 60_000;

/**
 * The reminders of a day, written together. The day's first reminder job writes every reminder
 * due that day for the rounds whose plan has it, in a few statements, and the day's other jobs
 * in this process find theirs written; whatever the sweep does not cover (a postponed member's
 * own day in a round whose plan lacks it, a reminder due after the sweep) goes the single way.
 * Either way a reminder is written by the same rule: the round open with its deadline ahead, the
 * member undecided and with a clerk, the day among its planned days and its latest one due; and
 * the notices' keys keep it once, however many sweeps and jobs there are.
 */
@Injectable()
export class RoundReminders {
  private readonly sweeps = new Map<CalendarDate, { now: number; keptUntil: number; swept: Promise<SweptDay> }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier: Notifier,
  ) {}

  /**
   * The day's reminders, swept now unless this process swept the day a moment ago (its reminders
   * were all due by then, for a day's reminders are due at one instant): the topics the sweep
   * wrote, and those it found written. A topic in neither may still be owed.
   */
  async sweptDay(date: CalendarDate, now: Date): Promise<SweptDay> {
    // System time: how long a sweep is kept is the process's own bookkeeping.
    const machineNow = Date.now();
    for (const [day, sweep] of this.sweeps) if (sweep.keptUntil < machineNow) this.sweeps.delete(day);
    const kept = this.sweeps.get(date);
    if (kept && kept.now >= reminderTime(date).getTime()) return kept.swept;
    const swept = this.sweep(date, now);
    this.sweeps.set(date, { now: now.getTime(), keptUntil: machineNow + SWEEP_KEPT_MS, swept });
    swept.catch(() => this.sweeps.delete(date));
    return swept;
  }

  /** Writes the reminders given (one notice per clerk) and returns the topics that got a notice now. */
  async write(reminders: readonly DueReminder[], now: Date): Promise<Set<string>> {
    const today = todayInOslo(now);
    const daysLeft = new Map<CalendarDate, number>();
    const requests: NoticeRequest[] = reminders.flatMap((reminder) => {
      const { deadline } = reminder.round;
      if (!daysLeft.has(deadline)) daysLeft.set(deadline, daysBetween(today, deadline));
      const content: NoticeContent = {
        kind: 'reminder',
        roundTitle: reminder.round.title,
        councilName: reminder.round.councilName,
        municipalityName: reminder.municipalityName,
        deadline: reminder.round.deadline,
        daysLeft: daysLeft.get(deadline)!,
      };
      const topic = noticeTopics.reminder(reminder.round.id, reminder.municipalityNumber, reminder.date);
      return reminder.clerks.map((clerk) => ({
        key: `${topic}/${clerk.userId}`,
        userId: clerk.userId,
        municipalityNumber: clerk.municipalityNumber,
        councilId: reminder.round.councilId,
        roundId: reminder.round.id,
        content,
        link: `/app/rounds/${reminder.round.id}`,
      }));
    });
    const created = await this.notifier.notify(this.dataSource.manager, requests);
    return new Set(created.map((notice) => notice.topic));
  }

  /** Every reminder of the day that is each member's latest one due and not written yet, written. */
  private async sweep(date: CalendarDate, now: Date): Promise<SweptDay> {
    if (reminderTime(date) > now) return { written: new Set(), found: new Set() };
    const today = todayInOslo(now);
    const members: DayMember[] = await this.dataSource.query(MEMBERS_OF_THE_DAY, [date, latestPassedDeadline(now), UNDECIDED_STATUSES]);
    const due = members.filter((member) => {
      const planned = memberReminderDates(
        { deadline: member.deadline, reminderDaysBefore: member.reminder_days_before },
        { status: member.status, nextMeetingDate: member.next_meeting_date },
      );
      return planned.filter((day) => day <= today).pop() === date;
    });
    const topicOf = (member: DayMember) => noticeTopics.reminder(member.round_id, member.municipality_number, date);
    // Written first and asked after: the day's first sweep finds nothing written, and one that comes second is told what was.
    const written = await this.write(
      due.map((member) => ({
        round: { id: member.round_id, councilId: member.council_id, title: member.title, councilName: member.council_name, deadline: member.deadline },
        municipalityNumber: member.municipality_number,
        municipalityName: member.name,
        date,
        clerks: member.clerks.map((userId) => ({ userId, municipalityNumber: member.municipality_number })),
      })),
      now,
    );
    const found = await writtenTopics(this.dataSource.manager, 'reminders', due.map(topicOf).filter((topic) => !written.has(topic)));
    return { written, found };
  }
}
