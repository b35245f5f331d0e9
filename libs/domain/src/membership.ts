import { DateTime } from 'luxon';
import { CalendarDate, addDays, parseCalendarDate } from './calendar';
import { CostKeyWeights } from './allocation';
import { parseDecimal } from './decimal';
import { DomainError } from './domain-error';
import { MemberDecisionStatus } from './member-decision.state-machine';
import { MunicipalityNumber, compareMunicipalityNumbers } from './municipality';

/** A membership's period: from the day it joined to the last day it was a member (null while open-ended). */
export interface MembershipPeriod {
  readonly joinedOn: CalendarDate;
  readonly leftOn: CalendarDate | null;
}

/** Whether the membership covers a date: joined on or before it, and not yet gone (its last day is `leftOn`). */
export function isMemberOn(period: MembershipPeriod, date: CalendarDate): boolean {
  return period.joinedOn <= date && (period.leftOn === null || period.leftOn >= date);
}

/**
 * How a member withdraws under the agreement (kommuneloven § 18-4 g): notice of so many months, and the
 * withdrawal takes effect at the end of a calendar year. Unless the agreement says otherwise, 12 months to
 * the end of the year.
 */
export interface WithdrawalRule {
  readonly noticeMonths: number;
  readonly atYearEnd: boolean;
}

export const DEFAULT_WITHDRAWAL_RULE: WithdrawalRule = { noticeMonths: 12, atYearEnd: true };

/**
 * The last day of a withdrawing member's membership: the notice runs its months from the day it was given,
 * and, when the rule says so, on to 31 December of the year in which it runs out.
 */
export function withdrawalTakesEffect(noticeGivenOn: CalendarDate, rule: WithdrawalRule = DEFAULT_WITHDRAWAL_RULE): CalendarDate {
  parseCalendarDate(noticeGivenOn, 'noticeGivenOn');
  if (!Number.isInteger(rule.noticeMonths) || rule.noticeMonths < 0 || rule.noticeMonths > 60) {
    throw new DomainError('MEMBERSHIP.INVALID_WITHDRAWAL_RULE', `A notice period is 0 to 60 whole months; got ${rule.noticeMonths}.`, {
      field: 'withdrawalNoticeMonths',
    });
  }
  // The notice ends the day before the same date so many months on (a year from 2 December runs to 1 December).
  // With no notice at all it ends on the day it is given, never before.
  const runsTo = addDays(DateTime.fromISO(noticeGivenOn, { zone: 'utc' }).plus({ months: rule.noticeMonths }).toISODate()!, -1);
  const noticeEnds = runsTo < noticeGivenOn ? noticeGivenOn : runsTo;
  return rule.atYearEnd ? `${noticeEnds.slice(0, 4)}-12-31` : noticeEnds;
}

/** A membership about to end: its municipality and period. */
export interface EndingMembership extends MembershipPeriod {
  readonly municipalityNumber: MunicipalityNumber;
}

/** Refuses to end a membership on a day it does not cover (before it began, or after it already ended). */
export function assertCanLeave(membership: EndingMembership, leftOn: CalendarDate, field = 'leftOn'): void {
  parseCalendarDate(leftOn, field);
  if (leftOn < membership.joinedOn) {
    throw new DomainError(
      'MEMBERSHIP.LEAVES_BEFORE_JOINING',
      `${membership.municipalityNumber} joined on ${membership.joinedOn}; it cannot leave on ${leftOn}, before that.`,
      { field, joinedOn: membership.joinedOn },
    );
  }
  if (membership.leftOn !== null && membership.leftOn < leftOn) {
    throw new DomainError('MEMBERSHIP.ALREADY_ENDED', `${membership.municipalityNumber}'s membership already ended on ${membership.leftOn}.`, {
      field,
      leftOn: membership.leftOn,
    });
  }
}

/** A merger as the secretariat records it: who merge, into which municipality, from which day. */
export interface MergerInput {
  readonly predecessors: readonly EndingMembership[];
  readonly successor: MunicipalityNumber;
  readonly effectiveFrom: CalendarDate;
}

/** What a merger does to the memberships: who end (on the day before), and whether the successor is new to the council. */
export interface MergerPlan {
  readonly endOn: CalendarDate;
  readonly ending: readonly MunicipalityNumber[];
  /** The successor keeps one predecessor's kommunenummer (Trondheim absorbing Klæbu): its membership goes on. */
  readonly successorContinues: boolean;
  readonly successorJoinsOn: CalendarDate;
}

/**
 * The predecessors end on the day before the merger, and the successor takes their place from its day. The
 * successor may be one of them (it keeps its number) or a new municipality (Orkland, 5059); every predecessor
 * must be a member on the day before.
 */
export function planMerger({ predecessors, successor, effectiveFrom }: MergerInput): MergerPlan {
  parseCalendarDate(effectiveFrom, 'effectiveFrom');
  const numbers = predecessors.map((p) => p.municipalityNumber);
  if (new Set(numbers).size !== numbers.length) {
    throw new DomainError('MEMBERSHIP.MERGER_INVALID', 'A predecessor is named twice.', { field: 'predecessors' });
  }
  const successorContinues = numbers.includes(successor);
  if (numbers.length === 0 || (successorContinues && numbers.length < 2)) {
    throw new DomainError(
      'MEMBERSHIP.MERGER_INVALID',
      'A merger needs the municipalities that merge: at least two, or one that takes a new kommunenummer.',
      { field: 'predecessors' },
    );
  }
  const endOn = addDays(effectiveFrom, -1);
  for (const predecessor of predecessors) {
    if (!isMemberOn(predecessor, endOn)) {
      throw new DomainError(
        'MEMBERSHIP.NOT_A_MEMBER',
        `${predecessor.municipalityNumber} is not a member on ${endOn}, the day before the merger, so it cannot merge in this council.`,
        { field: 'predecessors', municipalityNumber: predecessor.municipalityNumber },
      );
    }
  }
  return {
    endOn,
    ending: numbers.filter((n) => n !== successor).sort(compareMunicipalityNumbers),
    successorContinues,
    successorJoinsOn: effectiveFrom,
  };
}

/** One member of an open round as the amendment sees it. */
export interface ElectorMember {
  readonly municipalityNumber: MunicipalityNumber;
  readonly status: MemberDecisionStatus;
  readonly weight?: string | null;
}

/** Where a member of the round stands in the council on the day of the amendment. */
export type StandingOn =
  | { readonly kind: 'member' }
  | { readonly kind: 'left' }
  | { readonly kind: 'merged'; readonly successor: MunicipalityNumber };

/** What the amendment does to the electorate. */
export interface ElectorateAmendment {
  /** Gone from the round: left the council, or merged into a successor. */
  readonly removed: readonly { readonly municipalityNumber: MunicipalityNumber; readonly status: MemberDecisionStatus; readonly successor: MunicipalityNumber | null }[];
  /** Successors new to the round; adopted when every predecessor had adopted, else pending. */
  readonly added: readonly { readonly municipalityNumber: MunicipalityNumber; readonly status: 'adopted' | 'pending'; readonly weight: string | null; readonly predecessors: readonly MunicipalityNumber[] }[];
  /** Successors already in the round (they kept a predecessor's number) that must decide anew. */
  readonly decidesAnew: readonly MunicipalityNumber[];
  /** Successors already in the round whose weight now includes their predecessors'. */
  readonly weights: CostKeyWeights;
}

/**
 * Brings an open round's electorate up to date with the council's members, as kommuneloven leaves it: a member
 * that left is no longer asked; a successor takes its predecessors' place and decides anew, unless every
 * predecessor had already adopted. Members who joined after the launch stay outside (the electorate was frozen).
 * A majority by weight counts the successor with its predecessors' weights together.
 */
export function amendElectorate(members: readonly ElectorMember[], standing: (municipalityNumber: MunicipalityNumber) => StandingOn): ElectorateAmendment {
  const removed: ElectorateAmendment['removed'][number][] = [];
  const bySuccessor = new Map<MunicipalityNumber, ElectorMember[]>();
  const inRound = new Map(members.map((m) => [m.municipalityNumber, m]));
  for (const member of members) {
    const where = standing(member.municipalityNumber);
    if (where.kind === 'member') continue;
    if (where.kind === 'merged' && where.successor === member.municipalityNumber) continue;
    removed.push({ municipalityNumber: member.municipalityNumber, status: member.status, successor: where.kind === 'merged' ? where.successor : null });
    if (where.kind === 'merged') bySuccessor.set(where.successor, [...(bySuccessor.get(where.successor) ?? []), member]);
  }
  const added: ElectorateAmendment['added'][number][] = [];
  const decidesAnew: MunicipalityNumber[] = [];
  const weights: Record<MunicipalityNumber, string> = {};
  for (const [successor, merged] of [...bySuccessor].sort(([a], [b]) => compareMunicipalityNumbers(a, b))) {
    const continuing = inRound.get(successor);
    const predecessors = continuing ? [continuing, ...merged] : merged;
    const allAdopted = predecessors.every((p) => p.status === 'adopted');
    const weighed = predecessors.every((p) => p.weight != null);
    const weight = weighed ? sumOfWeights(predecessors.map((p) => p.weight!)) : null;
    if (continuing) {
      if (!allAdopted) decidesAnew.push(successor);
      if (weight !== null) weights[successor] = weight;
    } else {
      added.push({
        municipalityNumber: successor,
        status: allAdopted ? 'adopted' : 'pending',
        weight,
        predecessors: merged.map((m) => m.municipalityNumber).sort(compareMunicipalityNumbers),
      });
    }
  }
  if (removed.length === 0) {
    throw new DomainError('ROUND.ELECTORATE_UP_TO_DATE', 'Every member of the round is still a member of the council; there is nothing to amend.');
  }
  if (removed.length === members.length && added.length === 0) {
    throw new DomainError('ROUND.EMPTY_ELECTORATE', 'No member of the round would be left to decide; withdraw the round instead.');
  }
  return { removed, added, decidesAnew, weights };
}

// Weights are exact decimal strings ("67", "3320454.0000000000"); their sum is written in the widest scale.
function sumOfWeights(weights: readonly string[]): string {
  const parsed = weights.map((w) => {
    const d = parseDecimal(w);
    if (!d) throw new DomainError('ALLOCATION.INVALID_WEIGHT', `"${w}" is not a weight.`, { field: 'weight' });
    return d;
  });
  const scale = Math.max(0, ...parsed.map((d) => d.scale));
  const total = parsed.reduce((sum, d) => sum + (d.negative ? -1n : 1n) * d.digits * 10n ** BigInt(scale - d.scale), 0n);
  const digits = (total < 0n ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return total < 0n ? `-${text}` : text;
}
