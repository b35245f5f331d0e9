import { CalendarDate, MemberDecisionStatus, daysBetween, isPastDeadline, isUndecided, todayInOslo } from '@app/domain';

// The Oslo calendar (luxon) costs tens of microseconds a question, and a view of many rounds asks
// two of every round: how many days are left to its deadline, and has the deadline run out. Days
// between two dates never change, so those answers are kept across requests until there are many.
const daysAnswers = new Map<string, number>();

/** The deadlines of a view as they stand at one instant, each question put to the Oslo calendar at most once. */
export class DeadlinesAt {
  readonly today: CalendarDate;
  private todayHasRunOut: boolean | undefined;

  constructor(private readonly now: Date) {
    this.today = todayInOslo(now);
  }

  /** Calendar days from today in Oslo to the deadline: 0 on the day itself, negative once it has passed. */
  daysTo(deadline: CalendarDate): number {
    const question = `${this.today} ${deadline}`;
    const known = daysAnswers.get(question);
    if (known !== undefined) return known;
    if (daysAnswers.size >= 10_000) daysAnswers.clear();
    const days = daysBetween(this.today, deadline);
    daysAnswers.set(question, days);
    return days;
  }

  /**
   * Whether the deadline has run out (isPastDeadline). It runs out at the end of its own day in
   * Oslo: a deadline before today has, one after today has not, and only today's asks the clock.
   */
  hasRunOut(deadline: CalendarDate): boolean {
    if (deadline !== this.today) return deadline < this.today;
    this.todayHasRunOut ??= isPastDeadline(deadline, this.now);
    return this.todayHasRunOut;
  }

  /**
   * Whether a member of an open round with this deadline is overdue, by the rule of its view
   * (memberView): marked so by a reminder pass, or still undecided once the deadline has run out.
   */
  isOverdue(member: { status: MemberDecisionStatus; overdue: boolean }, deadline: CalendarDate): boolean {
    return member.overdue || (isUndecided(member.status) && this.hasRunOut(deadline));
  }
}
