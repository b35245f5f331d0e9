import { parseCalendarDate, type CalendarDate } from './calendar';

/** Something approved to take effect: an agreement version or a fee schedule, with its dates. */
export interface Enactment<T> {
  readonly item: T;
  /** The date it was meant to take effect. */
  readonly effectiveFrom: CalendarDate;
  /** The day it was approved: the last member's adoption, or the adoption recorded at onboarding. */
  readonly approvedOn: CalendarDate;
}

/** The one in force on a date, and the day it came into force. */
export interface InForce<T> {
  readonly item: T;
  readonly inForceFrom: CalendarDate;
}

/** The day something comes into force: its effective date, or the day it was approved if that is later. */
export function inForceFrom(enactment: Pick<Enactment<unknown>, 'effectiveFrom' | 'approvedOn'>): CalendarDate {
  const effectiveFrom = parseCalendarDate(enactment.effectiveFrom, 'effectiveFrom');
  const approvedOn = parseCalendarDate(enactment.approvedOn, 'approvedOn');
  return approvedOn > effectiveFrom ? approvedOn : effectiveFrom;
}

/** What is in force on a date, past or future: the one that came into force last on or before that day. */
export function inForceOn<T>(enactments: readonly Enactment<T>[], on: CalendarDate): InForce<T> | undefined {
  // Two coming into force the same day: the one approved last wins; if approved the same day too, the later in the list.
  const day = parseCalendarDate(on, 'on');
  let found: (InForce<T> & { approvedOn: CalendarDate }) | undefined;
  for (const enactment of enactments) {
    const from = inForceFrom(enactment);
    const later = !found || from > found.inForceFrom || (from === found.inForceFrom && enactment.approvedOn >= found.approvedOn);
    if (from <= day && later) found = { item: enactment.item, inForceFrom: from, approvedOn: enactment.approvedOn };
  }
  return found && { item: found.item, inForceFrom: found.inForceFrom };
}
