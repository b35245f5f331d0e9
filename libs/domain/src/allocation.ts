import { parseDecimal, type ExactDecimal } from './decimal';
import { DomainError } from './domain-error';
import { Money } from './money';
import { compareMunicipalityNumbers, type MunicipalityNumber } from './municipality';

/** A fordelingsnøkkel: one weight per member, as exact decimal strings ("67", "3320454", "12.5"). */
export type CostKeyWeights = Readonly<Record<MunicipalityNumber, string>>;

/** Whether an allocation is made in whole øre or in whole kroner. */
export type RoundTo = 'ore' | 'krone';

/** What to share out: the total, the key, the current members, and their fees today (missing means 0). */
export interface AllocationInput {
  readonly total: Money;
  readonly weights: CostKeyWeights;
  readonly members: readonly MunicipalityNumber[];
  readonly currentFees?: Readonly<Record<MunicipalityNumber, Money>>;
  readonly roundTo?: RoundTo;
}

/** One member's share: its fee today, its new fee, and the change (negative when the fee goes down). */
export interface AllocationLine {
  readonly municipalityNumber: MunicipalityNumber;
  readonly currentFee: Money;
  readonly newFee: Money;
  readonly change: Money;
}

const UNIT_ORE: Record<RoundTo, bigint> = { ore: 1n, krone: 100n };

/** Shares a total over a cost key in proportion to the weights, so that the parts add up to the total exactly. */
export function allocate(input: AllocationInput): AllocationLine[] {
  const { total, weights, members, currentFees = {}, roundTo = 'ore' } = input;
  if (total.isNegative()) {
    throw new DomainError('ALLOCATION.NEGATIVE_TOTAL', `The total ${total} is negative; a total of zero or more is expected.`, {
      field: 'total',
    });
  }
  const unit = UNIT_ORE[roundTo];
  if (total.ore % unit !== 0n) {
    throw new DomainError(
      'ALLOCATION.TOTAL_NOT_WHOLE_KRONER',
      `The total ${total} has øre, so it cannot be shared in whole kroner; give a whole-krone total or round to øre.`,
      { field: 'total' },
    );
  }
  const shares = largestRemainder(total.ore / unit, parseCostKey(weights, members));
  return [...shares].map(([municipalityNumber, units]) => {
    const currentFee = Object.hasOwn(currentFees, municipalityNumber) ? currentFees[municipalityNumber] : Money.ZERO;
    const newFee = Money.fromOre(units * unit);
    return { municipalityNumber, currentFee, newFee, change: newFee.minus(currentFee) };
  });
}

/** Checks a cost key before it is saved: exact non-negative weights, not all zero, for exactly the current members. */
export function assertValidCostKey(weights: CostKeyWeights, members: readonly MunicipalityNumber[]): void {
  parseCostKey(weights, members);
}

// Weights become whole numbers over a common power of ten, so every share is an exact fraction of integers.
function parseCostKey(weights: CostKeyWeights, members: readonly MunicipalityNumber[]): Map<MunicipalityNumber, bigint> {
  const parsed = new Map(Object.entries(weights).map(([number, text]) => [number, parseDecimal(text)]));
  if (parsed.size === 0) {
    throw new DomainError('ALLOCATION.EMPTY_KEY', 'The cost key has no weights; give one weight per member, such as { "5001": "67" }.', {
      field: 'weights',
    });
  }
  const current = new Set(members);
  const numbersWhere = (test: (decimal: ExactDecimal | undefined, number: MunicipalityNumber) => boolean) =>
    [...parsed].filter(([number, decimal]) => test(decimal, number)).map(([number]) => number);

  refuseIf(
    'ALLOCATION.INVALID_WEIGHT',
    numbersWhere((decimal) => !decimal),
    (list) => `The weights of ${list} are not exact numbers; write them as strings of digits with an optional dot, such as "67" or "12.5".`,
  );
  refuseIf(
    'ALLOCATION.NEGATIVE_WEIGHT',
    numbersWhere((decimal) => !!decimal?.negative && decimal.digits > 0n),
    (list) => `The weights of ${list} are negative; weights must be zero or more.`,
  );
  refuseIf(
    'ALLOCATION.NOT_A_MEMBER',
    numbersWhere((_, number) => !current.has(number)),
    (list) => `The cost key has weights for ${list}, which are not current members; a key covers exactly the current members.`,
  );
  refuseIf(
    'ALLOCATION.MEMBER_MISSING',
    [...current].filter((number) => !parsed.has(number)),
    (list) => `The cost key has no weight for ${list}; a key covers exactly the current members (give "0" to leave one out).`,
  );

  const exact = [...current].map((number) => [number, parsed.get(number) as ExactDecimal] as const);
  const scale = Math.max(...exact.map(([, decimal]) => decimal.scale));
  const scaled = new Map(exact.map(([number, decimal]) => [number, decimal.digits * 10n ** BigInt(scale - decimal.scale)]));
  if ([...scaled.values()].every((weight) => weight === 0n)) {
    throw new DomainError(
      'ALLOCATION.ALL_ZERO_WEIGHTS',
      'All weights in the cost key are zero, so nothing can be shared; give at least one weight above zero.',
      { field: 'weights' },
    );
  }
  return scaled;
}

type CostKeyRefusal = 'ALLOCATION.INVALID_WEIGHT' | 'ALLOCATION.NEGATIVE_WEIGHT' | 'ALLOCATION.NOT_A_MEMBER' | 'ALLOCATION.MEMBER_MISSING';

function refuseIf(code: CostKeyRefusal, municipalityNumbers: MunicipalityNumber[], message: (list: string) => string): void {
  if (municipalityNumbers.length > 0) {
    throw new DomainError(code, message(municipalityNumbers.join(', ')), { field: 'weights', municipalityNumbers });
  }
}

// Each member gets the floor of its exact share; the units left over go one each to the largest remainders,
// ties to the larger weight, then to the lower kommunenummer.
function largestRemainder(units: bigint, weights: Map<MunicipalityNumber, bigint>): Map<MunicipalityNumber, bigint> {
  const sum = [...weights.values()].reduce((a, b) => a + b, 0n);
  const parts = [...weights].map(([number, weight]) => ({
    number,
    weight,
    share: (units * weight) / sum,
    remainder: (units * weight) % sum,
  }));
  const leftover = units - parts.reduce((total, part) => total + part.share, 0n);
  const byClaim = [...parts].sort(
    (a, b) =>
      compareDescending(a.remainder, b.remainder) ||
      compareDescending(a.weight, b.weight) ||
      compareMunicipalityNumbers(a.number, b.number),
  );
  for (const part of byClaim.slice(0, Number(leftover))) part.share += 1n;
  return new Map(parts.map((part) => [part.number, part.share]));
}

function compareDescending(a: bigint, b: bigint): number {
  return a === b ? 0 : a > b ? -1 : 1;
}
