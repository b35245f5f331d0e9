import fc from 'fast-check';
import { allocate, assertValidCostKey, type AllocationLine, type RoundTo } from './allocation';
import { Money } from './money';
import { TRONDHEIMSREGIONEN, TRONDHEIMSREGIONEN_MEMBERS as MEMBERS } from './testing/trondheimsregionen.fixture';

const refused = (code: string, details?: object) =>
  expect.objectContaining(details ? { code, kind: 'invalid', details: expect.objectContaining(details) } : { code, kind: 'invalid' });

const newFees = (lines: AllocationLine[]) => Object.fromEntries(lines.map((line) => [line.municipalityNumber, line.newFee.toNok()]));
const fees2022 = Object.fromEntries(Object.entries(TRONDHEIMSREGIONEN.fees2022).map(([nr, fee]) => [nr, Money.fromNok(fee)]));

describe('allocate: the worked figures of DOMAIN.md', () => {
  it('shares NOK 10 000 000 over the 2022 fees in øre exactly as the table', () => {
    const lines = allocate({ total: Money.fromNok('10000000'), weights: TRONDHEIMSREGIONEN.fees2022, members: MEMBERS });
    expect(newFees(lines)).toEqual({
      '5001': '5194646.68', // Trondheim
      '5035': '955204.02', // Stjørdal
      '5031': '688908.40', // Malvik
      '5028': '755337.59', // Melhus
      '5029': '536593.08', // Skaun
      '5059': '796443.22', // Orkland
      '5027': '485442.19', // Midtre Gauldal
      '5054': '587424.82', // Indre Fosen
    });
    expect(newFees(lines)).toEqual(TRONDHEIMSREGIONEN.allocation2023);
    expect(Money.sum(lines.map((line) => line.newFee)).toNok()).toBe('10000000.00');
  });

  it('gives the same with the fees written as whole numbers', () => {
    const weights = Object.fromEntries(Object.entries(TRONDHEIMSREGIONEN.fees2022).map(([nr, fee]) => [nr, fee.replace('.00', '')]));
    expect(newFees(allocate({ total: Money.fromNok('10000000'), weights, members: MEMBERS }))).toEqual(TRONDHEIMSREGIONEN.allocation2023);
  });

  it('shows the change against the fees in force: Trondheim 3 320 454 → 5 194 646.68 = 1 874 192.68', () => {
    const lines = allocate({ total: Money.fromNok('10000000'), weights: TRONDHEIMSREGIONEN.fees2022, members: MEMBERS, currentFees: fees2022 });
    const trondheim = lines.find((line) => line.municipalityNumber === '5001');
    expect(trondheim && [trondheim.currentFee.toNok(), trondheim.newFee.toNok(), trondheim.change.toNok()]).toEqual([
      '3320454.00',
      '5194646.68',
      '1874192.68',
    ]);
    expect(Money.sum(lines.map((line) => line.currentFee)).toNok()).toBe('6392069.00');
    expect(Money.sum(lines.map((line) => line.change)).toNok()).toBe('3607931.00');
  });

  it('in whole kroner gives Melhus 755 338 and Stjørdal 955 204, summing exactly', () => {
    const lines = allocate({ total: Money.fromNok('10000000'), weights: TRONDHEIMSREGIONEN.fees2022, members: MEMBERS, roundTo: 'krone' });
    expect(newFees(lines)).toEqual({
      '5001': '5194647.00',
      '5035': '955204.00',
      '5031': '688908.00',
      '5028': '755338.00',
      '5029': '536593.00',
      '5059': '796443.00',
      '5027': '485442.00',
      '5054': '587425.00',
    });
    expect(newFees(lines)).toEqual(TRONDHEIMSREGIONEN.allocation2023Kroner);
    expect(Money.sum(lines.map((line) => line.newFee)).toNok()).toBe('10000000.00');
  });

  it('shares NOK 100 000 over the 2025 percentages as 67 000, 8 000, 5 000, 6 000, 3 000, 6 000, 2 000, 3 000', () => {
    const lines = allocate({ total: Money.fromNok(TRONDHEIMSREGIONEN.budget2025), weights: TRONDHEIMSREGIONEN.percentages2025, members: MEMBERS });
    expect(lines.map((line) => line.newFee.toNok())).toEqual(
      ['67000.00', '8000.00', '5000.00', '6000.00', '3000.00', '6000.00', '2000.00', '3000.00'],
    );
    expect(newFees(lines)).toEqual(TRONDHEIMSREGIONEN.allocation2025);
  });
});

describe('allocate: rules', () => {
  it('lists members in the order given, once each, missing current fees counting as 0', () => {
    const lines = allocate({ total: Money.fromNok('10'), weights: { '5001': '1', '5035': '1' }, members: ['5035', '5001', '5035'] });
    expect(lines.map((line) => [line.municipalityNumber, line.currentFee.toNok(), line.change.toNok()])).toEqual([
      ['5035', '0.00', '5.00'],
      ['5001', '0.00', '5.00'],
    ]);
  });

  it('gives a member with weight 0 nothing, and a fee that goes down a negative change', () => {
    const lines = allocate({
      total: Money.fromNok('0.03'),
      weights: { '5001': '0', '5035': '1', '5031': '1' },
      members: ['5001', '5035', '5031'],
      currentFees: { '5001': Money.fromNok('100') },
    });
    // Equal remainders for 5035 and 5031: the lower kommunenummer, 5031, gets the extra øre.
    expect(lines.map((line) => [line.newFee.toNok(), line.change.toNok()])).toEqual([
      ['0.00', '-100.00'],
      ['0.01', '0.01'],
      ['0.02', '0.02'],
    ]);
  });

  it('breaks ties in remainder by larger weight, then by lower kommunenummer', () => {
    // 0.01 over 3 equal weights: all remainders tie, so the lowest kommunenummer gets the øre.
    const equal = allocate({ total: Money.fromNok('0.01'), weights: { '5059': '1', '5001': '1', '5028': '1' }, members: ['5059', '5001', '5028'] });
    expect(newFees(equal)).toEqual({ '5059': '0.00', '5001': '0.01', '5028': '0.00' });
    // 0.06 over 1, 2, 2: exact 1.2, 2.4, 2.4 øre; the two weights of 2 tie, so the lower kommunenummer, 5028, gets the øre.
    const sameWeight = allocate({ total: Money.fromNok('0.06'), weights: { '5001': '1', '5059': '2', '5028': '2' }, members: ['5001', '5059', '5028'] });
    expect(newFees(sameWeight)).toEqual({ '5001': '0.01', '5059': '0.02', '5028': '0.03' });
    // 0.02 over 1 and 3: exact 0.5 and 1.5 øre, equal remainders; the larger weight gets the øre despite its higher number.
    const largerWeight = allocate({ total: Money.fromNok('0.02'), weights: { '5001': '1', '5035': '3' }, members: ['5001', '5035'] });
    expect(newFees(largerWeight)).toEqual({ '5001': '0.00', '5035': '0.02' });
  });

  it('takes exact decimal weights such as "12.5"', () => {
    const lines = allocate({ total: Money.fromNok('100'), weights: { '5001': '12.5', '5035': '37.50' }, members: ['5001', '5035'] });
    expect(newFees(lines)).toEqual({ '5001': '25.00', '5035': '75.00' });
  });

  it('shares a zero total as zeros', () => {
    expect(newFees(allocate({ total: Money.ZERO, weights: { '5001': '1' }, members: ['5001'] }))).toEqual({ '5001': '0.00' });
  });

  it('refuses a negative total, and øre in a total shared in whole kroner', () => {
    const weights = { '5001': '1' };
    expect(() => allocate({ total: Money.fromNok('-1', { allowNegative: true }), weights, members: ['5001'] })).toThrow(
      refused('ALLOCATION.NEGATIVE_TOTAL'),
    );
    expect(() => allocate({ total: Money.fromNok('10.50'), weights, members: ['5001'], roundTo: 'krone' })).toThrow(
      refused('ALLOCATION.TOTAL_NOT_WHOLE_KRONER'),
    );
  });

  it.each([
    ['an empty key', {}, ['5001'], 'ALLOCATION.EMPTY_KEY', undefined],
    [
      'weights that are not exact numbers',
      { '5001': '1e5', '5035': 12 as unknown as string },
      ['5001', '5035'],
      'ALLOCATION.INVALID_WEIGHT',
      { municipalityNumbers: ['5001', '5035'] },
    ],
    ['garbage weights', { '5001': ' 1', '5035': '1,5' }, ['5001', '5035'], 'ALLOCATION.INVALID_WEIGHT', { municipalityNumbers: ['5001', '5035'] }],
    ['negative weights', { '5001': '-1', '5035': '2' }, ['5001', '5035'], 'ALLOCATION.NEGATIVE_WEIGHT', { municipalityNumbers: ['5001'] }],
    ['weights for non-members', { '5001': '1', '1234': '2' }, ['5001'], 'ALLOCATION.NOT_A_MEMBER', { municipalityNumbers: ['1234'] }],
    ['members missing', { '5001': '1' }, ['5001', '5035', '5031'], 'ALLOCATION.MEMBER_MISSING', { municipalityNumbers: ['5035', '5031'] }],
    ['all-zero weights', { '5001': '0', '5035': '0.00', '5031': '-0' }, ['5001', '5035', '5031'], 'ALLOCATION.ALL_ZERO_WEIGHTS', undefined],
  ])('refuses %s', (_, weights, members, code, details) => {
    expect(() => assertValidCostKey(weights, members)).toThrow(refused(code, details));
    expect(() => allocate({ total: Money.fromNok('1'), weights, members })).toThrow(refused(code, details));
  });

  it('does not read a weight from the object prototype', () => {
    expect(() => assertValidCostKey({ '5001': '1' }, ['5001', 'constructor'])).toThrow(refused('ALLOCATION.MEMBER_MISSING'));
  });

  it('accepts a valid key', () => {
    expect(() => assertValidCostKey(TRONDHEIMSREGIONEN.percentages2025, MEMBERS)).not.toThrow();
  });
});

describe('allocate: properties', () => {
  const UNIT: Record<RoundTo, bigint> = { ore: 1n, krone: 100n };
  const weightText = fc.oneof(
    fc.bigInt({ min: 0n, max: 10n ** 9n }).map(String),
    fc.tuple(fc.nat({ max: 100000 }), fc.integer({ min: 0, max: 999 })).map(([whole, part]) => `${whole}.${String(part).padStart(3, '0')}`),
  );
  const kommunenummer = fc.integer({ min: 101, max: 5999 }).map((n) => String(n).padStart(4, '0'));
  const scenario = fc
    .record({
      count: fc.integer({ min: 1, max: 12 }),
      roundTo: fc.constantFrom<RoundTo>('ore', 'krone'),
      kroner: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      ore: fc.bigInt({ min: 0n, max: 99n }),
    })
    .chain(({ count, roundTo, kroner, ore }) =>
      fc.record({
        roundTo: fc.constant(roundTo),
        total: fc.constant(Money.fromOre(kroner * 100n + (roundTo === 'ore' ? ore : 0n))),
        members: fc.uniqueArray(kommunenummer, { minLength: count, maxLength: count }),
        weights: fc.array(weightText, { minLength: count, maxLength: count }),
      }),
    )
    .filter(({ weights }) => weights.some((weight) => /[1-9]/.test(weight)))
    .map(({ roundTo, total, members, weights }) => ({
      roundTo,
      total,
      members,
      weights: Object.fromEntries(members.map((member, i) => [member, weights[i]])),
    }));

  // The generated weights have at most three decimals, so ×1000 makes them exact integers.
  const scaled = (text: string) => {
    const [whole, part = ''] = text.split('.');
    return BigInt(whole + part.padEnd(3, '0'));
  };
  // A member's exact share in units, as numerator / denominator.
  const exactShare = (total: Money, weights: Record<string, string>, member: string, unit: bigint) => ({
    numerator: (total.ore / unit) * scaled(weights[member]),
    denominator: Object.values(weights).reduce((sum, weight) => sum + scaled(weight), 0n),
  });

  it('always sums to the total', () => {
    fc.assert(
      fc.property(scenario, ({ total, weights, members, roundTo }) => {
        expect(Money.sum(allocate({ total, weights, members, roundTo }).map((line) => line.newFee)).equals(total)).toBe(true);
      }),
    );
  });

  it('never gives a member with a larger weight less', () => {
    fc.assert(
      fc.property(scenario, ({ total, weights, members, roundTo }) => {
        const lines = allocate({ total, weights, members, roundTo });
        for (const a of lines) {
          for (const b of lines) {
            if (scaled(weights[a.municipalityNumber]) > scaled(weights[b.municipalityNumber])) {
              expect(a.newFee.ore >= b.newFee.ore).toBe(true);
            }
          }
        }
      }),
    );
  });

  it('is the same whatever order the members are listed in', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s.members, { minLength: s.members.length }))),
        ([s, shuffled]) => {
          const before = newFees(allocate(s));
          const after = newFees(allocate({ ...s, members: shuffled, weights: Object.fromEntries(Object.entries(s.weights).reverse()) }));
          expect(after).toEqual(before);
        },
      ),
    );
  });

  it('is within one unit (øre or krone) of the exact share', () => {
    fc.assert(
      fc.property(scenario, ({ total, weights, members, roundTo }) => {
        const unit = UNIT[roundTo];
        for (const line of allocate({ total, weights, members, roundTo })) {
          const { numerator, denominator } = exactShare(total, weights, line.municipalityNumber, unit);
          const distance = (line.newFee.ore / unit) * denominator - numerator;
          expect(distance > -denominator && distance < denominator).toBe(true);
        }
      }),
    );
  });
});
