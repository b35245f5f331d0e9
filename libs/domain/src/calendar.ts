import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { DomainError } from './domain-error';

/** A calendar date as the users write it, 'YYYY-MM-DD', meant in Norwegian local time. */
export type CalendarDate = string;

/** Deadlines, meeting dates and reminders all follow the clock in Oslo. */
export const OSLO_ZONE = 'Europe/Oslo';

/** Reminders go out at 08:00 Oslo time, at the start of the clerks' working day. */
export const REMINDER_SEND_TIME = { hour: 8, minute: 0 } as const;

/** Reminders go out 14, 7 and 1 days before the deadline unless the round says otherwise. */
export const DEFAULT_REMINDER_DAYS_BEFORE: readonly number[] = [14, 7, 1];

// A reminder planned more than a year ahead of its deadline is a typo, not a plan.
const MAX_REMINDER_DAYS_BEFORE = 366;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a value is a real date written 'YYYY-MM-DD' ('2023-02-30' is not). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  return typeof value === 'string' && ISO_DATE.test(value) && asDay(value).isValid;
}

/** Checks that a value is a real 'YYYY-MM-DD' date, naming the field when it is not. */
export function parseCalendarDate(value: unknown, field = 'date'): CalendarDate {
  if (!isCalendarDate(value)) {
    throw new DomainError(
      'CALENDAR.INVALID_DATE',
      `${field} must be a real calendar date written YYYY-MM-DD, such as "2022-12-15"; got "${String(value)}".`,
      { field, value: String(value) },
    );
  }
  return value;
}

/** The date it is in Oslo at a given instant; the clock is always passed in, never read. */
export function todayInOslo(instant: Date): CalendarDate {
  return inOslo(instant).toISODate() as CalendarDate;
}

/** The instant a deadline runs out: 23:59:59 Oslo time on the deadline date, summer or winter. */
export function deadlineEnd(deadline: CalendarDate): Date {
  return osloTime(parseCalendarDate(deadline, 'deadline'), { hour: 23, minute: 59, second: 59 });
}

/** Whether an instant is after the end of the deadline date. */
export function isPastDeadline(deadline: CalendarDate, instant: Date): boolean {
  return inOslo(instant).toMillis() > deadlineEnd(deadline).getTime();
}

/** The date a number of days later (or earlier, when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return asDay(parseCalendarDate(date)).plus({ days }).toISODate() as CalendarDate;
}

/** Whether the date is a Norwegian public holiday (helligdag or 1 and 17 May), when the town hall is closed. */
export function isNorwegianPublicHoliday(date: CalendarDate): boolean {
  const day = parseCalendarDate(date);
  return publicHolidays(Number(day.slice(0, 4))).has(day);
}

/** Whether clerks are at work that day: Monday to Friday and not a public holiday. */
export function isWorkingDay(date: CalendarDate): boolean {
  return asDay(parseCalendarDate(date)).weekday <= 5 && !isNorwegianPublicHoliday(date);
}

/** The date itself if it is a working day, else the nearest working day before it. */
export function workingDayOnOrBefore(date: CalendarDate): CalendarDate {
  let day = parseCalendarDate(date);
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/** One reminder to the undecided members: the day, and the instant it is sent. */
export interface Reminder {
  readonly date: CalendarDate;
  readonly sendAt: Date;
}

/** How reminders are planned: days before the deadline, and optionally today, to leave out days already gone. */
export interface ReminderPlanOptions {
  readonly daysBefore?: readonly number[];
  readonly today?: CalendarDate;
}

/** The reminder days before a deadline, moved off weekends and public holidays to the working day before, earliest first. */
export function planReminders(deadline: CalendarDate, options: ReminderPlanOptions = {}): Reminder[] {
  const { daysBefore = DEFAULT_REMINDER_DAYS_BEFORE, today } = options;
  parseCalendarDate(deadline, 'deadline');
  const invalid = daysBefore.filter((days) => !Number.isInteger(days) || days < 0 || days > MAX_REMINDER_DAYS_BEFORE);
  if (invalid.length > 0) {
    throw new DomainError(
      'CALENDAR.INVALID_REMINDER_DAYS',
      `Reminder days before the deadline must be whole numbers from 0 to ${MAX_REMINDER_DAYS_BEFORE}; got ${invalid.join(', ')}.`,
      { field: 'reminderDaysBefore', invalid },
    );
  }
  const notBefore = today === undefined ? undefined : parseCalendarDate(today, 'today');
  const dates = new Set(daysBefore.map((days) => workingDayOnOrBefore(addDays(deadline, -days))));
  return [...dates]
    .filter((date) => notBefore === undefined || date >= notBefore)
    .sort()
    .map((date) => ({ date, sendAt: reminderSendAt(date) }));
}

/** Whole days from one date to another (negative when `to` is earlier): "3 days left". */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round(asDay(parseCalendarDate(to)).diff(asDay(parseCalendarDate(from)), 'days').days);
}

/** The first instant of a day in Oslo (00:00 local time): when something in force from that date starts. */
export function startOfDayInOslo(date: CalendarDate): Date {
  return osloTime(parseCalendarDate(date), { hour: 0, minute: 0, second: 0 });
}

/** The instant a reminder for that date is sent: 08:00 in Oslo, whatever the daylight-saving time. */
export function reminderSendAt(date: CalendarDate): Date {
  return osloTime(parseCalendarDate(date), REMINDER_SEND_TIME);
}

function asDay(date: CalendarDate): DateTime {
  return DateTime.fromISO(date, { zone: 'utc' });
}

function inOslo(instant: Date): DateTime {
  const time = instant instanceof Date ? DateTime.fromJSDate(instant, { zone: OSLO_ZONE }) : undefined;
  if (!time?.isValid) {
    throw new DomainError('CALENDAR.INVALID_INSTANT', `Expected a valid instant (a Date); got "${String(instant)}".`, {
      value: String(instant),
    });
  }
  return time;
}

function osloTime(date: CalendarDate, time: { hour: number; minute: number; second?: number }): Date {
  return DateTime.fromISO(date, { zone: OSLO_ZONE }).set(time).toJSDate();
}

const norway = new Holidays('NO');
const publicHolidaysByYear = new Map<number, ReadonlySet<CalendarDate>>();

// Only type 'public' closes the town hall: 'bank' (Christmas Eve), 'observance' and 'optional' days are working days.
function publicHolidays(year: number): ReadonlySet<CalendarDate> {
  let dates = publicHolidaysByYear.get(year);
  if (!dates) {
    dates = new Set(
      norway
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    publicHolidaysByYear.set(year, dates);
  }
  return dates;
}
