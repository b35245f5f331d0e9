import { isPastDeadline, parseCalendarDate, todayInOslo, type CalendarDate } from './calendar';
import { DomainError } from './domain-error';

/** Where an approval round stands; only an open round takes new decisions into account. */
export type RoundStatus = 'open' | SettledRoundStatus | 'withdrawn' | 'expired';

/** A round decided by its members' kommunestyrer, once and for all. */
export type SettledRoundStatus = 'approved' | 'rejected';

/** Every status a round can have. */
export const ROUND_STATUSES: readonly RoundStatus[] = ['open', 'approved', 'rejected', 'withdrawn', 'expired'];

/** Whether the members' decisions have settled the round (approved or rejected). */
export function isSettled(status: RoundStatus): status is SettledRoundStatus {
  return status === 'approved' || status === 'rejected';
}

/** What the round's own rules need: its status, its deadline, and whether it closes by itself after the deadline. */
export interface RoundState {
  readonly status: RoundStatus;
  readonly deadline: CalendarDate;
  readonly expiresAutomatically: boolean;
}

/** What the secretariat, the decision rule or the scheduler asks of a round. */
export type RoundCommand =
  | { readonly type: 'settle'; readonly outcome: SettledRoundStatus }
  | { readonly type: 'withdraw'; readonly reason: string }
  | { readonly type: 'expire'; readonly by: 'secretariat' | 'automatic' }
  | { readonly type: 'extend'; readonly deadline: string; readonly reason: string };

/** The named step a round takes. */
export type RoundTransition = 'approve' | 'reject' | 'withdraw' | 'expire' | 'extend';

/** The round's new state and the step that led there. */
export interface RoundChange {
  readonly transition: RoundTransition;
  readonly state: RoundState;
}

/** What a round is launched with: the deadline, whether it expires by itself, and the members at launch. */
export interface LaunchRoundInput {
  readonly deadline: string;
  readonly expiresAutomatically?: boolean;
  readonly electorate: readonly string[];
  readonly now: Date;
}

/** Opens a round: the deadline must not be in the past and the round must have members to decide. */
export function launchRound(input: LaunchRoundInput): RoundState {
  if (input.electorate.length === 0) {
    throw new DomainError('ROUND.EMPTY_ELECTORATE', 'The council has no members to decide, so no round can be launched.', {
      field: 'electorate',
    });
  }
  const deadline = notInPast(input.deadline, input.now);
  return { status: 'open', deadline, expiresAutomatically: input.expiresAutomatically ?? false };
}

/** Moves an open round on (settled, withdrawn, expired or extended), refusing with the reason anything else. */
export function transitionRound(current: RoundState, command: RoundCommand, context: { readonly now: Date }): RoundChange {
  requireOpen(current.status);
  switch (command.type) {
    case 'settle':
      return { transition: command.outcome === 'approved' ? 'approve' : 'reject', state: { ...current, status: command.outcome } };
    case 'withdraw':
      requireReason(command.reason, 'withdraw');
      return { transition: 'withdraw', state: { ...current, status: 'withdrawn' } };
    case 'expire':
      if (command.by === 'automatic' && !current.expiresAutomatically) {
        throw new DomainError(
          'ROUND.NO_AUTOMATIC_EXPIRY',
          'The round was launched without an expiry, so it stays open after the deadline until the secretariat closes it.',
        );
      }
      if (!isPastDeadline(current.deadline, context.now)) {
        throw new DomainError(
          'ROUND.DEADLINE_NOT_PASSED',
          `The deadline ${current.deadline} has not passed yet (it ends 23:59:59 Oslo time), so the round cannot expire.`,
          { deadline: current.deadline },
        );
      }
      return { transition: 'expire', state: { ...current, status: 'expired' } };
    case 'extend': {
      const deadline = notInPast(command.deadline, context.now);
      if (deadline <= current.deadline) {
        throw new DomainError(
          'ROUND.DEADLINE_NOT_LATER',
          `The new deadline ${deadline} must be after the current one, ${current.deadline}.`,
          { field: 'deadline' },
        );
      }
      requireReason(command.reason, 'extend');
      return { transition: 'extend', state: { ...current, deadline } };
    }
  }
}

function requireOpen(status: RoundStatus): void {
  if (isSettled(status)) {
    throw new DomainError('ROUND.ALREADY_SETTLED', `The round is already ${status}; a settled outcome is final.`, { roundStatus: status });
  }
  if (status !== 'open') {
    throw new DomainError('ROUND.NOT_OPEN', `The round is ${status}, so it can no longer change.`, { roundStatus: status });
  }
}

function requireReason(reason: string | undefined, action: string): void {
  if (!reason?.trim()) {
    throw new DomainError('ROUND.REASON_REQUIRED', `To ${action} a round the secretariat must give a reason; the members will see it.`, {
      field: 'reason',
    });
  }
}

function notInPast(date: string, now: Date): CalendarDate {
  const deadline = parseCalendarDate(date, 'deadline');
  const today = todayInOslo(now);
  if (deadline < today) {
    throw new DomainError('ROUND.DEADLINE_IN_PAST', `The deadline ${deadline} is before today (${today}); choose today or a later date.`, {
      field: 'deadline',
    });
  }
  return deadline;
}
