import { CalendarDate, MemberDecisionStatus, addDays, daysBetween, deadlineEnd, isUndecided, startOfDayInOslo, todayInOslo } from '@app/domain';

// The Oslo calendar (luxon) costs about a tenth of a millisecond a question, and every request
// asks the same few: when does this deadline run out, which day is it, how many days are left.
// The answers depend on dates alone and are kept (until there are many); a request compares its
// instant with them.
const calendarAnswers = new Map<string, number>();

function remembered(question: string, answer: () => number): number {
  const known = calendarAnswers.get(question);
  if (known !== undefined) return known;
  if (calendarAnswers.size >= 10_000) calendarAnswers.clear();
  const value = answer();
  calendarAnswers.set(question, value);
  return value;
}

/** The domain's isPastDeadline, the instant the deadline runs out remembered. */
export function isPastDeadlineAt(deadline: string, now: Date): boolean {
  return now.getTime() > remembered(`end ${deadline}`, () => deadlineEnd(deadline).getTime());
}

/** The domain's isOverdue: undecided after the deadline has run out. */
export const isOverdueAt = (status: MemberDecisionStatus, deadline: string, now: Date) => isUndecided(status) && isPastDeadlineAt(deadline, now);

// The Oslo day last asked about, with the instants it begins and ends.
let lastDay: { date: string; from: number; to: number } | null = null;

/** The domain's todayInOslo. */
export function todayAt(now: Date): string {
  const at = now.getTime();
  if (lastDay && at >= lastDay.from && at < lastDay.to) return lastDay.date;
  const date = todayInOslo(now);
  lastDay = { date, from: startOfDayInOslo(date).getTime(), to: startOfDayInOslo(addDays(date, 1)).getTime() };
  return date;
}

export const daysToDeadlineFrom = (today: string, deadline: string) => remembered(`days ${today} ${deadline}`, () => daysBetween(today, deadline));

/** The deadlines of a view as they stand at one instant, each question put to the Oslo calendar at most once. */
export class DeadlinesAt {
  readonly today: CalendarDate;

  constructor(private readonly now: Date) {
    this.today = todayAt(now);
  }

  /** Calendar days from today in Oslo to the deadline: 0 on the day itself, negative once it has passed. */
  daysTo(deadline: CalendarDate): number {
    return daysToDeadlineFrom(this.today, deadline);
  }

  /** Whether the deadline has run out (isPastDeadline): at the end of its own day in Oslo. */
  hasRunOut(deadline: CalendarDate): boolean {
    return isPastDeadlineAt(deadline, this.now);
  }

  /**
   * Whether a member of an open round with this deadline is overdue, by the rule of its view
   * (memberView): marked so by a reminder pass, or still undecided once the deadline has run out.
   */
  isOverdue(member: { status: MemberDecisionStatus; overdue: boolean }, deadline: CalendarDate): boolean {
    return member.overdue || isOverdueAt(member.status, deadline, this.now);
  }
}
