import type { CostKeyWeights } from './allocation';
import { parseDecimal, type ExactDecimal } from './decimal';
import { DomainError } from './domain-error';
import type { MemberDecisionStatus } from './member-decision.state-machine';
import { compareMunicipalityNumbers, type MunicipalityNumber } from './municipality';

// A round is decided by one of two rules, kept on the round as a value (the round's `decisionRule`):
// - unanimity with veto, which agreements and any fee change that raises a member's fee need: every member must
//   adopt, and one member rejecting or adopting with amendments is enough to stop it;
// - a qualified majority, for matters the agreement allows: at least the fraction `atLeast` ("p/q") of the members
//   (`by: 'count'`) or of the weights in the round's cost key (`by: 'weight'`) must adopt. It is rejected as soon
//   as that can no longer be reached, so either outcome may be certain before every member has decided.
// Fractions stay strings and are compared with integers only (adopted × q ≥ p × total), never as floats.
/** How a round is decided, kept on the round as a value: unanimity with veto, or a qualified majority. */
export type DecisionRule = UnanimityRule | QualifiedMajorityRule;

/** Every member must adopt; one member saying no is enough to stop it. */
export type UnanimityRule = { readonly kind: 'unanimity' };

/** At least `atLeast` ("2/3") of the members, or of their weights in the cost key, must adopt. */
export type QualifiedMajorityRule = { readonly kind: 'qualified_majority'; readonly by: 'count' | 'weight'; readonly atLeast: string };

/** Unanimity with veto: every member must adopt, and one member saying no is enough to stop it. */
export const UNANIMITY: UnanimityRule = { kind: 'unanimity' };

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

/**
 * The rule, the members at launch, and each member's current registration (in any order); a qualified majority by
 * weight also needs each member's weight in the round's cost key, as exact decimal strings ("67", "3320454.00").
 */
export interface OutcomeInput {
  readonly rule: DecisionRule;
  readonly electorate: readonly MunicipalityNumber[];
  readonly decisions: readonly RecordedDecision[];
  readonly weights?: CostKeyWeights;
}

// Rejected or adopted with amendments: either way the text sent out was not adopted.
const VETO: ReadonlySet<MemberDecisionStatus> = new Set(['rejected', 'adopted_with_amendments']);


/** The outcome the members' decisions give, the same whatever order they arrive in, naming the decisive member. */
export function decideOutcome({ rule, electorate, decisions, weights }: OutcomeInput): RoundOutcome {
  const members = new Set(electorate);
  if (members.size === 0) {
    throw new DomainError('ROUND.EMPTY_ELECTORATE', 'The round has no members to decide.', { field: 'electorate' });
  }
  const verdictOf = judgeFor(rule, members, weights);
  const statuses = new Map<MunicipalityNumber, MemberDecisionStatus>();
  // The decisive member is found by replaying registrations by sequence (ties: lower kommunenummer first) and
  // taking the one that made the outcome certain: under unanimity the earliest veto, or else the last adoption;
  // under a qualified majority the adoption that reached the threshold, or the refusal that put it out of reach.
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
      const verdict = verdictOf(statuses);
      if (verdict !== 'open') outcome = { status: verdict, decisive: municipalityNumber };
    }
  }
  return outcome;
}

/** Settles a round exactly once: an outcome already approved or rejected stays as it is, whatever comes later. */
export function settleOutcome(previous: RoundOutcome, input: OutcomeInput): RoundOutcome {
  return previous.status === 'open' ? decideOutcome(input) : previous;
}

/** Reads a decision rule as stored on a round or sent by a client, refusing anything that is not a known rule. */
export function parseDecisionRule(value: unknown): DecisionRule {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRule('A decision rule is an object such as { "kind": "unanimity" }.', value);
  }
  const fields = value as Record<string, unknown>;
  const refuseOtherFields = (known: readonly string[]) => {
    const unknown = Object.keys(fields).filter((key) => !known.includes(key));
    if (unknown.length > 0) throw invalidRule(`A ${String(fields.kind)} rule has no field ${unknown.join(', ')}.`, value);
  };
  switch (fields.kind) {
    case 'unanimity':
      refuseOtherFields(['kind']);
      return UNANIMITY;
    case 'qualified_majority': {
      refuseOtherFields(['kind', 'by', 'atLeast']);
      const { by, atLeast } = fields;
      if (by !== 'count' && by !== 'weight') {
        throw invalidRule(`A qualified majority is counted "by": "count" or "weight", not ${JSON.stringify(by)}.`, value);
      }
      fractionOf(atLeast);
      return { kind: 'qualified_majority', by, atLeast: atLeast as string };
    }
    default:
      throw invalidRule(`The decision rule's "kind" must be "unanimity" or "qualified_majority", not ${JSON.stringify(fields.kind)}.`, value);
  }
}

/** Whether a matter needs unanimity with veto: an agreement version, or a fee change that raises any member's fee. */
export function unanimityRequiredFor(subject: { readonly type: 'agreement' } | { readonly type: 'fees'; readonly raisesAnyFee: boolean }): boolean {
  return subject.type === 'agreement' || subject.raisesAnyFee;
}

/** The rule in words for clerks and members (bokmål), e.g. "Kvalifisert flertall: minst 2/3 av medlemmene". */
export function describeDecisionRule(rule: DecisionRule): string {
  switch (rule.kind) {
    case 'unanimity':
      return 'Enstemmighet: alle medlemmer må vedta (vetorett)';
    case 'qualified_majority':
      return rule.by === 'count'
        ? `Kvalifisert flertall: minst ${rule.atLeast} av medlemmene`
        : `Kvalifisert flertall: minst ${rule.atLeast} av vektene i kostnadsnøkkelen`;
  }
}

type Verdict = RoundOutcome['status'];

// Everything that does not depend on the decisions (the threshold, the weights) is checked once, before the replay,
// so a rule that cannot be applied is refused even while nobody has decided.
function judgeFor(
  rule: DecisionRule,
  electorate: ReadonlySet<MunicipalityNumber>,
  weights: CostKeyWeights | undefined,
): (statuses: ReadonlyMap<MunicipalityNumber, MemberDecisionStatus>) => Verdict {
  switch (rule.kind) {
    case 'unanimity':
      return (statuses) => {
        if ([...statuses.values()].some((status) => VETO.has(status))) return 'rejected';
        return [...electorate].every((member) => statuses.get(member) === 'adopted') ? 'approved' : 'open';
      };
    case 'qualified_majority': {
      const { p, q } = fractionOf(rule.atLeast);
      const weightOf = rule.by === 'weight' ? weightsOf(electorate, weights) : new Map([...electorate].map((member) => [member, 1n]));
      const needed = p * [...weightOf.values()].reduce((a, b) => a + b, 0n);
      return (statuses) => {
        let adopted = 0n;
        let stillPossible = 0n;
        for (const [member, weight] of weightOf) {
          const status = statuses.get(member);
          if (status === 'adopted') adopted += weight;
          if (status === undefined || !VETO.has(status)) stillPossible += weight;
        }
        if (adopted * q >= needed) return 'approved';
        return stillPossible * q < needed ? 'rejected' : 'open';
      };
    }
  }
}

// "p/q" with whole numbers 1 ≤ p ≤ q ≤ 100, written plainly (no spaces, signs or leading zeros).
const FRACTION = /^([1-9]\d{0,2})\/([1-9]\d{0,2})$/;

function fractionOf(atLeast: unknown): { p: bigint; q: bigint } {
  const match = typeof atLeast === 'string' ? FRACTION.exec(atLeast) : null;
  const [p, q] = match ? [BigInt(match[1]), BigInt(match[2])] : [0n, 0n];
  if (!match || p > q || q > 100n) {
    throw invalidRule(
      `A qualified majority needs "atLeast" as a fraction "p/q" of whole numbers, 1 ≤ p ≤ q ≤ 100, such as "2/3"; ` +
        `got ${JSON.stringify(atLeast)}.`,
      atLeast,
    );
  }
  return { p, q };
}

function invalidRule(message: string, value: unknown): DomainError {
  return new DomainError('ROUND.DECISION_RULE_INVALID', message, { field: 'decisionRule', value });
}

// Each member's weight in the round's cost key, as whole numbers over a common power of ten so shares stay exact.
function weightsOf(electorate: ReadonlySet<MunicipalityNumber>, weights: CostKeyWeights | undefined): Map<MunicipalityNumber, bigint> {
  const members = [...electorate];
  const given = weights ?? {};
  const missing = members.filter((member) => !Object.hasOwn(given, member));
  if (missing.length > 0) {
    throw new DomainError(
      'ALLOCATION.MEMBER_MISSING',
      `A qualified majority by weight counts each member's weight in the round's cost key, but there is none for ${missing.join(', ')}.`,
      { field: 'weights', municipalityNumbers: missing },
    );
  }
  const parsed = members.map((member) => [member, parseDecimal(given[member])] as const);
  const invalid = parsed.filter(([, decimal]) => !decimal).map(([member]) => member);
  if (invalid.length > 0) {
    throw new DomainError(
      'ALLOCATION.INVALID_WEIGHT',
      `The weights of ${invalid.join(', ')} are not exact numbers; write them as strings of digits with an optional dot, such as "67" or "12.5".`,
      { field: 'weights', municipalityNumbers: invalid },
    );
  }
  const exact = parsed.filter((entry): entry is readonly [MunicipalityNumber, ExactDecimal] => entry[1] !== undefined);
  const negative = exact.filter(([, decimal]) => decimal.negative && decimal.digits > 0n).map(([member]) => member);
  if (negative.length > 0) {
    throw new DomainError('ALLOCATION.NEGATIVE_WEIGHT', `The weights of ${negative.join(', ')} are negative; weights must be zero or more.`, {
      field: 'weights',
      municipalityNumbers: negative,
    });
  }
  const scale = Math.max(...exact.map(([, decimal]) => decimal.scale));
  const scaled = new Map(exact.map(([member, decimal]) => [member, decimal.digits * 10n ** BigInt(scale - decimal.scale)]));
  if ([...scaled.values()].every((weight) => weight === 0n)) {
    throw new DomainError(
      'ALLOCATION.ALL_ZERO_WEIGHTS',
      'The members’ weights in the cost key add up to zero, so no share of them can be reached by weight; give at least one weight above zero.',
      { field: 'weights' },
    );
  }
  return scaled;
}
