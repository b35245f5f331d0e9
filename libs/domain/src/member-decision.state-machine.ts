import { parseCalendarDate, type CalendarDate } from './calendar';
import { DomainError } from './domain-error';
import type { RoundStatus } from './round.state-machine';

/** Where a member's kommunestyre stands on the round's subject. */
export type MemberDecisionStatus = UndecidedStatus | FinalDecision;

/** Statuses of a member that has not decided yet: reminders and overdue warnings concern these. */
export const UNDECIDED_STATUSES = ['pending', 'scheduled', 'postponed'] as const;
/** A member that has not decided yet: pending, scheduled for a meeting, or postponed (utsatt). */
export type UndecidedStatus = (typeof UNDECIDED_STATUSES)[number];

/** Statuses that are a decision of the kommunestyre, counted by the decision rule. */
export const FINAL_DECISIONS = ['adopted', 'rejected', 'adopted_with_amendments'] as const;
/** A decision of the kommunestyre: adopted, rejected, or adopted with amendments. */
export type FinalDecision = (typeof FINAL_DECISIONS)[number];

/** Every status a member decision can have, undecided first. */
export const MEMBER_DECISION_STATUSES: readonly MemberDecisionStatus[] = [...UNDECIDED_STATUSES, ...FINAL_DECISIONS];

/** Whether the kommunestyre has decided (adopted, rejected or adopted with amendments). */
export function isFinalDecision(status: MemberDecisionStatus): status is FinalDecision {
  return (FINAL_DECISIONS as readonly string[]).includes(status);
}

/** Whether the member is still to decide (pending, scheduled or postponed). */
export function isUndecided(status: MemberDecisionStatus): status is UndecidedStatus {
  return (UNDECIDED_STATUSES as readonly string[]).includes(status);
}

/** The bodies that may decide (kommuneloven § 18-4): the kommunestyre, called bystyre in Trondheim. */
export const DECISION_BODIES = ['kommunestyre', 'bystyre'] as const;
/** The kommunestyre or bystyre that made the decision. */
export type DecisionBody = (typeof DECISION_BODIES)[number];

/** How the kommunestyre voted: counts of votes for, against and blank. */
export interface Votes {
  readonly for: number;
  readonly against: number;
  readonly blank: number;
}

/** What is registered for one member of a round: its status, the meeting, and where the decision is documented. */
export interface MemberDecisionState {
  readonly status: MemberDecisionStatus;
  /** The meeting the case is scheduled for, or the meeting that decided or postponed it. */
  readonly meetingDate?: CalendarDate;
  /** When postponed: the next meeting, if known; reminders and the forecast follow it. */
  readonly nextMeetingDate?: CalendarDate;
  readonly body?: DecisionBody;
  readonly caseNumber?: string;
  readonly protocolRef?: string;
  readonly votes?: Votes;
  readonly note?: string;
}

/** Where every member starts when a round is launched. */
export const PENDING: MemberDecisionState = { status: 'pending' };

/** Fields a registration may carry whatever its status; `reason` turns a change into a correction. */
interface RegistrationBase {
  readonly caseNumber?: string;
  readonly protocolRef?: string;
  readonly note?: string;
  readonly reason?: string;
}

/** What a clerk registers for their municipality (or the secretariat corrects, with a reason). */
export type Registration =
  | (RegistrationBase & { readonly decision: 'pending' })
  | (RegistrationBase & { readonly decision: 'scheduled'; readonly meetingDate: string; readonly body?: string })
  | (RegistrationBase & {
      readonly decision: FinalDecision | 'postponed';
      readonly meetingDate: string;
      /** Defaults to kommunestyre. */
      readonly body?: string;
      readonly caseNumber: string;
      readonly protocolRef: string;
      readonly votes?: Votes;
      /** Only for postponed: the next meeting, if known. */
      readonly nextMeetingDate?: string;
    });

/** The named step a registration makes; `unchanged` means it repeats what is already registered. */
export type MemberDecisionTransition =
  | 'schedule'
  | 'reschedule'
  | 'reopen'
  | 'adopt'
  | 'reject'
  | 'adopt_with_amendments'
  | 'postpone'
  | 'correct'
  | 'correct_references'
  | 'unchanged';

/** What a registration is checked against: the date in Oslo today, the round's status and the day in Oslo it was launched. */
export interface MemberDecisionContext {
  readonly today: CalendarDate;
  readonly roundStatus: RoundStatus;
  /** A decision cannot have been made at a meeting before the round put the case to the member. */
  readonly launchedOn?: CalendarDate;
}

/** The member's new state and the step that led there. */
export interface MemberDecisionChange {
  readonly transition: MemberDecisionTransition;
  readonly state: MemberDecisionState;
}

const DECIDE = { adopted: 'adopt', rejected: 'reject', adopted_with_amendments: 'adopt_with_amendments', postponed: 'postpone' } as const;

// The ordinary steps of the process; any other change rewrites what was registered and is a correction.
const STEPS: Record<MemberDecisionStatus, Partial<Record<MemberDecisionStatus, MemberDecisionTransition>>> = {
  pending: { scheduled: 'schedule', ...DECIDE },
  scheduled: { scheduled: 'reschedule', ...DECIDE },
  postponed: { scheduled: 'schedule', pending: 'reopen', ...DECIDE },
  adopted: {},
  rejected: {},
  adopted_with_amendments: {},
};

const DECISION_FIELDS = ['status', 'meetingDate', 'nextMeetingDate', 'body'] as const;
const REFERENCE_FIELDS = ['caseNumber', 'protocolRef', 'note'] as const;

/** Applies a registration: an ordinary step, or a correction with a reason; once settled, only the references may change. */
export function transitionMemberDecision(
  current: MemberDecisionState,
  registration: Registration,
  context: MemberDecisionContext,
): MemberDecisionChange {
  const { roundStatus } = context;
  if (roundStatus === 'withdrawn' || roundStatus === 'expired') {
    throw new DomainError('ROUND.NOT_OPEN', `The round is ${roundStatus}, so no decision can be registered on it.`, { roundStatus });
  }
  const today = parseCalendarDate(context.today, 'today');
  const launchedOn = context.launchedOn === undefined ? undefined : parseCalendarDate(context.launchedOn, 'launchedOn');
  const next = registeredState(registration, today, launchedOn);
  const decisionChanged = changed(current, next, DECISION_FIELDS) || !sameVotes(current.votes, next.votes);
  if (!decisionChanged && !changed(current, next, REFERENCE_FIELDS)) return { transition: 'unchanged', state: current };

  const step = STEPS[current.status][next.status];
  if (step) return { transition: step, state: next };

  const reason = registration.reason?.trim();
  if (!decisionChanged) {
    if (!reason) {
      throw new DomainError('DECISION.REASON_REQUIRED', 'Correcting the case number, protocol reference or note needs a reason.', {
        field: 'reason',
      });
    }
    return { transition: 'correct_references', state: next };
  }
  if (roundStatus === 'approved' || roundStatus === 'rejected') {
    throw new DomainError(
      'ROUND.ALREADY_SETTLED',
      `The round is already ${roundStatus}, so the registered decision can no longer change; ` +
        'only the case number, protocol reference and note may be corrected.',
      { roundStatus, from: current.status, to: next.status },
    );
  }
  if (!reason) {
    throw new DomainError(
      'DECISION.TRANSITION_NOT_ALLOWED',
      `Changing a registration from ${current.status} to ${next.status} is not a step of the process; ` +
        'it is a correction and needs a reason.',
      { from: current.status, to: next.status, field: 'reason' },
    );
  }
  return { transition: 'correct', state: next };
}

// What the registration says, checked against the rules for its status; blank texts count as absent.
function registeredState(registration: Registration, today: CalendarDate, launchedOn: CalendarDate | undefined): MemberDecisionState {
  // Only a postponement has a next meeting; with any other registration it would be kept nowhere.
  const nextMeeting = (registration as { readonly nextMeetingDate?: unknown }).nextMeetingDate;
  if (registration.decision !== 'postponed' && nextMeeting !== undefined && nextMeeting !== null) {
    throw new DomainError(
      'DECISION.NEXT_MEETING_DATE_NOT_POSTPONED',
      `nextMeetingDate is for a postponed case only, not for ${registration.decision}; leave it out, ` +
        'or register the case as postponed.',
      { field: 'nextMeetingDate', decision: registration.decision },
    );
  }
  const references = {
    caseNumber: text(registration.caseNumber),
    protocolRef: text(registration.protocolRef),
    note: text(registration.note),
  };
  if (registration.decision === 'pending') return withoutAbsent({ status: 'pending', note: references.note });

  const meetingDate = parseCalendarDate(registration.meetingDate, 'meetingDate');
  if (registration.decision === 'scheduled') {
    requireInFuture(meetingDate, today, 'meetingDate');
    const body = registration.body === undefined ? undefined : allowedBody(registration.body);
    return withoutAbsent({ status: 'scheduled', meetingDate, body, ...references });
  }

  if (meetingDate > today) {
    throw new DomainError(
      'DECISION.MEETING_DATE_IN_FUTURE',
      `The meeting date ${meetingDate} is after today (${today}); register a decision once the meeting has been held, ` +
        'or register the case as scheduled.',
      { field: 'meetingDate' },
    );
  }
  if (launchedOn !== undefined && isFinalDecision(registration.decision) && meetingDate < launchedOn) {
    throw new DomainError(
      'DECISION.MEETING_DATE_BEFORE_LAUNCH',
      `The meeting date ${meetingDate} is before the round was launched (${launchedOn}); the kommunestyre decides ` +
        'the case the round put to it, at a meeting on or after the launch.',
      { field: 'meetingDate', launchedOn },
    );
  }
  for (const field of ['caseNumber', 'protocolRef'] as const) {
    if (!references[field]) {
      throw new DomainError('DECISION.MISSING_FIELD', `A decision needs its ${field}, so the case file can be found.`, { field });
    }
  }
  const nextMeetingDate =
    registration.decision === 'postponed' && registration.nextMeetingDate !== undefined
      ? requireInFuture(parseCalendarDate(registration.nextMeetingDate, 'nextMeetingDate'), today, 'nextMeetingDate')
      : undefined;
  return withoutAbsent({
    status: registration.decision,
    meetingDate,
    nextMeetingDate,
    body: allowedBody(registration.body ?? 'kommunestyre'),
    votes: registration.votes === undefined ? undefined : validVotes(registration.votes),
    ...references,
  });
}

function allowedBody(body: string): DecisionBody {
  if (!(DECISION_BODIES as readonly string[]).includes(body)) {
    throw new DomainError(
      'DECISION.BODY_NOT_ALLOWED',
      `Only the kommunestyre (bystyre in Trondheim) itself may adopt or reject an agreement or a fee change ` +
        `(kommuneloven § 18-4), not "${body}". Register the kommunestyre's decision; ` +
        'a formannskap recommendation may be kept as a note on the scheduled meeting.',
      { field: 'body', body, allowed: DECISION_BODIES },
    );
  }
  return body as DecisionBody;
}

function requireInFuture(date: CalendarDate, today: CalendarDate, field: string): CalendarDate {
  if (date <= today) {
    throw new DomainError(
      'DECISION.MEETING_DATE_NOT_IN_FUTURE',
      `${field} ${date} is not after today (${today}); a planned meeting must be in the future. ` +
        'A meeting already held is registered with its decision.',
      { field },
    );
  }
  return date;
}

function validVotes(votes: Votes): Votes {
  const counts = [votes.for, votes.against, votes.blank];
  if (!counts.every((count) => Number.isSafeInteger(count) && count >= 0)) {
    throw new DomainError('DECISION.INVALID_VOTES', 'Votes for, against and blank must each be a whole number of zero or more.', {
      field: 'votes',
    });
  }
  return { for: votes.for, against: votes.against, blank: votes.blank };
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function changed(a: MemberDecisionState, b: MemberDecisionState, fields: readonly (keyof MemberDecisionState)[]): boolean {
  return fields.some((field) => a[field] !== b[field]);
}

function sameVotes(a: Votes | undefined, b: Votes | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.for === b.for && a.against === b.against && a.blank === b.blank);
}

// Absent fields are left out rather than set to undefined, so states compare and serialise cleanly.
function withoutAbsent(state: { [K in keyof MemberDecisionState]: MemberDecisionState[K] | undefined }): MemberDecisionState {
  return Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined)) as unknown as MemberDecisionState;
}
