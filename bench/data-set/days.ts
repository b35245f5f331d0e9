import { isNorwegianPublicHoliday, startOfDayInOslo } from '@app/domain';

// Calendar arithmetic for millions of dates: days as numbers behind the 'YYYY-MM-DD' strings,
// and the time zone (luxon, slow) asked once per month, or per day in the months the clock changes.

const DAY_MS = 86_400_000;
const dayNumbers = new Map<string, number>();
const dates: string[] = [];

function dayNumber(date: string): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
    dayNumbers.set(date, day);
  }
  return day;
}

function dateOf(day: number): string {
  let date = dates[day];
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dates[day] = date;
    dayNumbers.set(date, day);
  }
  return date;
}

/** The date a number of days later (earlier when negative). */
export function plusDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days);
}

/** Whole days from one date to another. */
export function daysFrom(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Monday to Friday (public holidays aside: a meeting on one is unusual, not wrong). */
export function isWeekday(date: string): boolean {
  // Day 0 of the epoch, 1970-01-01, was a Thursday.
  const weekday = (dayNumber(date) + 4) % 7;
  return weekday !== 0 && weekday !== 6;
}

/** The date itself when a weekday, else the Friday before. */
export function weekdayOnOrBefore(date: string): string {
  let day = date;
  while (!isWeekday(day)) day = plusDays(day, -1);
  return day;
}

const offsets = new Map<string, number>();

/**
 * The instant of a time of day in Oslo, in ms: the day's start there plus the minutes (the clock
 * changes at night, on Sundays: on every other day this is the local time itself).
 */
export function osloInstant(date: string, minuteOfDay: number): number {
  // Oslo's offset changes only on a Sunday of late March and of late October.
  const month = date.slice(5, 7);
  const key = month === '03' || month === '10' ? date : date.slice(0, 7);
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = dayNumber(date) * DAY_MS - startOfDayInOslo(date).getTime();
    offsets.set(key, offset);
  }
  return dayNumber(date) * DAY_MS - offset + minuteOfDay * 60_000;
}

/** When a deadline runs out, in ms: 23:59:59 in Oslo, a second before the next day starts there. */
export function deadlineEndMs(deadline: string): number {
  return osloInstant(plusDays(deadline, 1), 0) - 1000;
}

const holidays = new Map<string, boolean>();

/** Monday to Friday and no public holiday, as the domain's calendar has it. */
export function isWorkingDay(date: string): boolean {
  let holiday = holidays.get(date);
  if (holiday === undefined) {
    holiday = isNorwegianPublicHoliday(date);
    holidays.set(date, holiday);
  }
  return isWeekday(date) && !holiday;
}

const plans = new Map<string, string[]>();

/**
 * The reminder days before a target date, as planReminders plans them (each moved off weekends
 * and public holidays to the working day before, earliest first), remembered per plan: the
 * domain's own answer costs a time-zone computation per day, and the history asks millions of times.
 */
export function reminderDays(target: string, daysBefore: readonly number[]): string[] {
  const key = `${target}/${daysBefore.join(',')}`;
  let days = plans.get(key);
  if (!days) {
    const moved = daysBefore.map((before) => {
      let day = plusDays(target, -before);
      while (!isWorkingDay(day)) day = plusDays(day, -1);
      return day;
    });
    days = [...new Set(moved)].sort();
    plans.set(key, days);
  }
  return days;
}
