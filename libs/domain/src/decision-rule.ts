import { DomainError } from './domain-error';
import type { MemberDecisionStatus } from './member-decision.state-machine';
import { compareMunicipalityNumbers, type MunicipalityNumber } from './municipality';

// A qualified majority by count or by weight (for matters the agreement allows) would be added here as
// `{ kind: 'qualified_majority', by: 'count' | 'weight', threshold }`, with its own case in verdictOf.
/** How a round is decided, kept on the round as a value; only unanimity with veto is in use. */
export type DecisionRule = { readonly kind: 'unanimity' };

/** Unanimity with veto: every member must adopt, and one member saying no is enough to stop it. */
export const UNANIMITY: DecisionRule = { kind: 'unanimity' };

/** A member's current registration as the rule sees it; `sequence` orders registrations (e.g. time registered). */
export interface RecordedDecision {
  readonly municipalityNumber: MunicipalityNumber;
  readonly status: MemberDecisionStatus;
  readonly sequence: number;
}

/** The outcome of a round: still open, or settled with the member whose decision settled it. */
export type RoundOutcome =
  | { readonly status: 'open' }
  | { readonly status: 'approved' | 'rejected'; readonly decisive: MunicipalityNumber };

/** The rule, the members at launch, and each member's current registration (in any order). */
export interface OutcomeInput {
  readonly rule: DecisionRule;
  readonly electorate: readonly MunicipalityNumber[];
  readonly decisions: readonly RecordedDecision[];
}

// Rejected or adopted with amendments: either way the text sent out was not adopted.
const VETO: ReadonlySet<MemberDecisionStatus> = new Set(['rejected', 'adopted_with_amendments']);

/** The outcome the members' decisions give, the same whatever order they arrive in, naming the decisive member. */
export function decideOutcome({ rule, electorate, decisions }: OutcomeInput): RoundOutcome {
  const members = new Set(electorate);
  if (members.size === 0) {
    throw new DomainError('ROUND.EMPTY_ELECTORATE', 'The round has no members to decide.', { field: 'electorate' });
  }
  const statuses = new Map<MunicipalityNumber, MemberDecisionStatus>();
  // The decisive member is found by replaying registrations by sequence (ties: lower kommunenummer first) and
  // taking the one that settled it: under unanimity the earliest veto, or else the last adoption.
  const replay = [...decisions].sort(
    (a, b) => a.sequence - b.sequence || compareMunicipalityNumbers(a.municipalityNumber, b.municipalityNumber),
  );
  let outcome: RoundOutcome = { status: 'open' };
  for (const { municipalityNumber, status } of replay) {
    if (!members.has(municipalityNumber)) {
      throw new DomainError(
        'DECISION.NOT_IN_ELECTORATE',
        `${municipalityNumber} was not a member when the round was launched, so it has no say in it.`,
        { municipalityNumber },
      );
    }
    if (statuses.has(municipalityNumber)) {
      throw new DomainError(
        'DECISION.DUPLICATE_MEMBER',
        `${municipalityNumber} has more than one current decision; give only its latest registration.`,
        { municipalityNumber },
      );
    }
    statuses.set(municipalityNumber, status);
    if (outcome.status === 'open') {
      const verdict = verdictOf(rule, members, statuses);
      if (verdict !== 'open') outcome = { status: verdict, decisive: municipalityNumber };
    }
  }
  return outcome;
}

/** Settles a round exactly once: an outcome already approved or rejected stays as it is, whatever comes later. */
export function settleOutcome(previous: RoundOutcome, input: OutcomeInput): RoundOutcome {
  return previous.status === 'open' ? decideOutcome(input) : previous;
}

function verdictOf(
  rule: DecisionRule,
  electorate: ReadonlySet<MunicipalityNumber>,
  statuses: ReadonlyMap<MunicipalityNumber, MemberDecisionStatus>,
): RoundOutcome['status'] {
  switch (rule.kind) {
    case 'unanimity':
      if ([...statuses.values()].some((status) => VETO.has(status))) return 'rejected';
      return [...electorate].every((member) => statuses.get(member) === 'adopted') ? 'approved' : 'open';
  }
}
