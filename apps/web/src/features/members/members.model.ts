import type { Schemas } from '../../api/client';
import { Language } from '../../i18n/i18n';
import { localeOf } from '../../i18n/formats';

export type Council = Schemas['CouncilResponse'];
export type Member = Schemas['MemberResponse'];

/** The calendar day in Oslo at an instant, as YYYY-MM-DD. */
export function osloDay(instant: string | Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A member today: its last day (if any) is not passed. One yet to join is listed with them. */
export function isCurrent(member: Member, today: string): boolean {
  return member.leftOn === null || member.leftOn >= today;
}

export function dayAfter(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** A calendar date as "31.12.2027" (or the English numeric form), for tags. */
export function formatShortDate(date: string, language: Language): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(localeOf(language), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}
