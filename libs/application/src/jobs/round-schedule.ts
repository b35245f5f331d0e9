import { CalendarDate, deadlineEnd, isUndecided, planReminders, reminderSendAt, todayInOslo } from '@app/domain';
import { JOB_NAMES, jobIds } from '@app/jobs';
import { RoundEntity, RoundMemberEntity } from '@app/persistence';
import { OutboxJob } from '../outbox/outbox';

// Planning walks the calendar in Oslo's time zone (weekends, holidays) and takes a fraction of a
// millisecond; the same day and plan always give the same dates, and a walk over every open
// round asks for the same few again and again, so each is worked out once. Bounded, however
// many plans there are.
const PLANS_KEPT = 10_000;
const plans = new Map<string, readonly CalendarDate[]>();
const sendTimes = new Map<CalendarDate, number>();
const deadlineEnds = new Map<CalendarDate, number>();

/**
 * The reminder dates of one member: days before the deadline, or, for a postponed case with its
 * next meeting known, days before that meeting; always off weekends and public holidays.
 */
export function memberReminderDates(round: Pick<RoundEntity, 'deadline' | 'reminderDaysBefore'>, member: Pick<RoundMemberEntity, 'status' | 'nextMeetingDate'>): CalendarDate[] {
  if (!isUndecided(member.status)) return [];
  const target = member.status === 'postponed' && member.nextMeetingDate && member.nextMeetingDate < round.deadline ? member.nextMeetingDate : round.deadline;
  const key = `${target}/${round.reminderDaysBefore.join(',')}`;
  let dates = plans.get(key);
  if (!dates) {
    dates = planReminders(target, { daysBefore: round.reminderDaysBefore }).map((reminder) => reminder.date);
    if (plans.size >= PLANS_KEPT) plans.clear();
    plans.set(key, dates);
  }
  return [...dates];
}

/** When a reminder of that date is sent: reminderSendAt, worked out once per date. */
export function reminderTime(date: CalendarDate): Date {
  let time = sendTimes.get(date);
  if (time === undefined) {
    time = reminderSendAt(date).getTime();
    if (sendTimes.size >= PLANS_KEPT) sendTimes.clear();
    sendTimes.set(date, time);
  }
  return new Date(time);
}

/** The reminder jobs of one member from today on; a date already gone is the reconciliation's business. */
export function memberReminderJobs(round: RoundEntity, member: RoundMemberEntity, now: Date): OutboxJob[] {
  const today = todayInOslo(now);
  return memberReminderDates(round, member)
    .filter((date) => date >= today)
    .map((date) => {
      const payload = { roundId: round.id, municipalityNumber: member.municipalityNumber, date };
      return { name: JOB_NAMES.reminder, payload, jobId: jobIds.reminder(payload), runAt: reminderTime(date) };
    });
}

/** The job that marks the undecided members overdue and escalates, right after the deadline ends. */
export function deadlineJob(round: Pick<RoundEntity, 'id' | 'deadline'>): OutboxJob {
  const payload = { roundId: round.id, deadline: round.deadline };
  let ends = deadlineEnds.get(round.deadline);
  if (ends === undefined) {
    ends = deadlineEnd(round.deadline).getTime();
    if (deadlineEnds.size >= PLANS_KEPT) deadlineEnds.clear();
    deadlineEnds.set(round.deadline, ends);
  }
  return { name: JOB_NAMES.deadline, payload, jobId: jobIds.deadline(payload), runAt: new Date(ends + 1000) };
}

/** Every job an open round needs now: each undecided member's reminders and the deadline. */
export function openRoundJobs(round: RoundEntity, members: readonly RoundMemberEntity[], now: Date): OutboxJob[] {
  return [...members.flatMap((member) => memberReminderJobs(round, member, now)), deadlineJob(round)];
}

/** The ids of the reminder jobs one member may have pending: to cancel them when it decides or leaves. */
export function memberReminderJobIds(round: RoundEntity, member: RoundMemberEntity): string[] {
  return memberReminderDates(round, member).map((date) => jobIds.reminder({ roundId: round.id, municipalityNumber: member.municipalityNumber, date }));
}

/** The ids of every job an open round may have pending: to cancel them when it closes or moves. */
export function openRoundJobIds(round: RoundEntity, members: readonly RoundMemberEntity[]): string[] {
  return [...members.flatMap((member) => memberReminderJobIds(round, member)), jobIds.deadline({ roundId: round.id, deadline: round.deadline })];
}
