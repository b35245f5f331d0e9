import { isPastDeadline, parseCalendarDate, type CalendarDate } from './calendar';
import { isUndecided, type MemberDecisionState, type MemberDecisionStatus } from './member-decision.state-machine';
import type { MunicipalityNumber } from './municipality';

/** Whether a member is overdue: still undecided after the deadline has run out (23:59:59 Oslo time). */
export function isOverdue(status: MemberDecisionStatus, deadline: CalendarDate, at: Date): boolean {
  return isUndecided(status) && isPastDeadline(deadline, at);
}

/** A member as the forecast sees it: its number and its registered state. */
export type ForecastMember = MemberDecisionState & { readonly municipalityNumber: MunicipalityNumber };

/** When the round can be expected to be decided, and who has not yet given a meeting date. */
export interface RoundForecast {
  /** The latest meeting date among undecided members, or null when none has one. */
  readonly forecast: CalendarDate | null;
  /** True when that meeting is after the deadline: a warning on the dashboard. */
  readonly pastDeadline: boolean;
  /** Undecided members with no meeting date to wait for. */
  readonly unscheduled: MunicipalityNumber[];
}

/** The forecast of a round: the latest planned meeting of its undecided members, and whether it misses the deadline. */
export function forecastRound(members: readonly ForecastMember[], deadline: CalendarDate): RoundForecast {
  parseCalendarDate(deadline, 'deadline');
  const planned: CalendarDate[] = [];
  const unscheduled: MunicipalityNumber[] = [];
  for (const member of members) {
    if (!isUndecided(member.status)) continue;
    // A postponed case waits for the next meeting; a scheduled one for its meeting; a pending one for nothing known.
    const date = member.status === 'scheduled' ? member.meetingDate : member.status === 'postponed' ? member.nextMeetingDate : undefined;
    if (date === undefined) unscheduled.push(member.municipalityNumber);
    else planned.push(date);
  }
  const forecast = planned.length > 0 ? planned.reduce((a, b) => (b > a ? b : a)) : null;
  return { forecast, pastDeadline: forecast !== null && forecast > deadline, unscheduled };
}
