import fc from 'fast-check';
import type { CostKeyWeights } from './allocation';
import {
  decideOutcome,
  describeDecisionRule,
  parseDecisionRule,
  settleOutcome,
  unanimityRequiredFor,
  UNANIMITY,
  type DecisionRule,
  type OutcomeInput,
  type RecordedDecision,
  type RoundOutcome,
} from './decision-rule';
import { MEMBER_DECISION_STATUSES, type MemberDecisionStatus } from './member-decision.state-machine';
import { TRONDHEIMSREGIONEN, TRONDHEIMSREGIONEN_MEMBERS as ELECTORATE } from './testing/trondheimsregionen.fixture';

const decided = (status: MemberDecisionStatus, ...numbers: string[]): RecordedDecision[] =>
  numbers.map((municipalityNumber, i) => ({ municipalityNumber, status, sequence: i + 1 }));
const outcome = (decisions: RecordedDecision[]) => decideOutcome({ rule: UNANIMITY, electorate: ELECTORATE, decisions });

describe('unanimity with veto', () => {
  it('stays open while any member is undecided', () => {
    expect(outcome([])).toEqual({ status: 'open' });
    expect(outcome(decided('adopted', ...ELECTORATE.slice(1)))).toEqual({ status: 'open' });
    expect(outcome([...decided('adopted', ...ELECTORATE.slice(1)), { municipalityNumber: '5001', status: 'scheduled', sequence: 99 }])).toEqual({
      status: 'open',
    });
  });

  it('is approved when every member has adopted, decided by the last adoption', () => {
    expect(outcome(decided('adopted', ...ELECTORATE))).toEqual({ status: 'approved', decisive: '5054' });
  });

  it('takes simultaneous last adoptions in kommunenummer order, so the higher number completes it', () => {
    const decisions = ELECTORATE.map((municipalityNumber) => ({ municipalityNumber, status: 'adopted' as const, sequence: 7 }));
    expect(outcome(decisions)).toEqual({ status: 'approved', decisive: '5059' });
  });

  it.each<MemberDecisionStatus>(['rejected', 'adopted_with_amendments'])('is rejected the moment one member has %s', (veto) => {
    expect(outcome([{ municipalityNumber: '5031', status: veto, sequence: 1 }])).toEqual({ status: 'rejected', decisive: '5031' });
  });

  it('names the earliest veto as decisive, ties to the lower kommunenummer', () => {
    const decisions: RecordedDecision[] = [
      { municipalityNumber: '5001', status: 'adopted', sequence: 1 },
      { municipalityNumber: '5059', status: 'rejected', sequence: 3 },
      { municipalityNumber: '5035', status: 'adopted_with_amendments', sequence: 3 },
      { municipalityNumber: '5027', status: 'rejected', sequence: 5 },
    ];
    expect(outcome(decisions)).toEqual({ status: 'rejected', decisive: '5035' });
  });

  it('refuses decisions from outside the electorate, two current decisions for one member, and an empty electorate', () => {
    expect(() => outcome([{ municipalityNumber: '1234', status: 'adopted', sequence: 1 }])).toThrow(
      expect.objectContaining({ code: 'DECISION.NOT_IN_ELECTORATE', details: { municipalityNumber: '1234' } }),
    );
    expect(() => outcome([...decided('adopted', '5001'), ...decided('rejected', '5001')])).toThrow(
      expect.objectContaining({ code: 'DECISION.DUPLICATE_MEMBER' }),
    );
    expect(() => decideOutcome({ rule: UNANIMITY, electorate: [], decisions: [] })).toThrow(
      expect.objectContaining({ code: 'ROUND.EMPTY_ELECTORATE' }),
    );
  });

  it('keeps a settled outcome whatever comes after', () => {
    const rejected: RoundOutcome = { status: 'rejected', decisive: '5031' };
    const everyoneAdopts = { rule: UNANIMITY, electorate: ELECTORATE, decisions: decided('adopted', ...ELECTORATE) };
    expect(settleOutcome(rejected, everyoneAdopts)).toBe(rejected);
    expect(settleOutcome({ status: 'open' }, everyoneAdopts)).toEqual({ status: 'approved', decisive: '5054' });
  });
});

describe('unanimity: properties', () => {
  const decisionsArbitrary = fc
    .subarray([...ELECTORATE])
    .chain((numbers) =>
      fc.tuple(
        ...numbers.map((municipalityNumber) =>
          fc.record({
            municipalityNumber: fc.constant(municipalityNumber),
            status: fc.constantFrom(...MEMBER_DECISION_STATUSES, 'adopted', 'adopted'),
            sequence: fc.integer({ min: 0, max: 20 }),
          }),
        ),
      ),
    )
    .map((decisions): RecordedDecision[] => decisions);

  it('gives the same outcome for every order of the same decisions', () => {
    fc.assert(
      fc.property(
        decisionsArbitrary.chain((decisions) => fc.tuple(fc.constant(decisions), fc.shuffledSubarray(decisions, { minLength: decisions.length }))),
        ([decisions, shuffled]) => {
          expect(outcome(shuffled)).toEqual(outcome(decisions));
        },
      ),
    );
  });

  it('never changes once approved or rejected, whatever is registered next', () => {
    fc.assert(
      fc.property(decisionsArbitrary, decisionsArbitrary, (first, later) => {
        const settled = outcome(first);
        fc.pre(settled.status !== 'open');
        const next = settleOutcome(settled, { rule: UNANIMITY, electorate: ELECTORATE, decisions: later });
        expect(next).toBe(settled);
        // Decisions of members still undecided, registered later, do not change a rejection either.
        const decidedNumbers = new Set(first.map((decision) => decision.municipalityNumber));
        const latecomers = later
          .filter((decision) => !decidedNumbers.has(decision.municipalityNumber))
          .map((decision) => ({ ...decision, sequence: decision.sequence + 100 }));
        expect(outcome([...first, ...latecomers])).toEqual(settled);
      }),
    );
  });
});

const twoThirds = (by: 'count' | 'weight'): DecisionRule => ({ kind: 'qualified_majority', by, atLeast: '2/3' });
// Registrations in the order given, one sequence number each.
const inOrder = (...steps: [MemberDecisionStatus, string][]): RecordedDecision[] =>
  steps.map(([status, municipalityNumber], i) => ({ municipalityNumber, status, sequence: i + 1 }));
// Trondheimsregionen and Ørland: nine members, so two thirds is six.
const NINE = [...ELECTORATE, '5057'];
const PERCENTAGES: CostKeyWeights = TRONDHEIMSREGIONEN.percentages2025;
const FEES: CostKeyWeights = TRONDHEIMSREGIONEN.fees2022;

describe('qualified majority by count', () => {
  const byCount = (decisions: RecordedDecision[], atLeast = '2/3') =>
    decideOutcome({ rule: { kind: 'qualified_majority', by: 'count', atLeast }, electorate: NINE, decisions });

  it('is approved with two thirds and one rejection, at the sixth adoption, before the others have decided', () => {
    const decisions = inOrder(
      ['rejected', '5059'],
      ['adopted', '5001'],
      ['adopted', '5035'],
      ['adopted', '5031'],
      ['adopted', '5028'],
      ['adopted', '5029'],
      ['adopted', '5027'],
    );
    expect(byCount(decisions.slice(0, 6))).toEqual({ status: 'open' });
    expect(byCount(decisions)).toEqual({ status: 'approved', decisive: '5027' });
    // What the remaining members decide later is recorded but changes nothing.
    const later = inOrder(['rejected', '5054'], ['rejected', '5057']).map((d) => ({ ...d, sequence: d.sequence + 10 }));
    expect(byCount([...decisions, ...later])).toEqual({ status: 'approved', decisive: '5027' });
  });

  it('is rejected once approval is impossible, at the refusal that leaves fewer than two thirds able to adopt', () => {
    const decisions = inOrder(
      ['adopted', '5001'],
      ['rejected', '5035'],
      ['adopted_with_amendments', '5031'],
      ['rejected', '5028'],
      ['adopted', '5029'],
      ['rejected', '5059'],
    );
    // Three refusals leave six who may still adopt: still open.
    expect(byCount(decisions.slice(0, 5))).toEqual({ status: 'open' });
    expect(byCount(decisions)).toEqual({ status: 'rejected', decisive: '5059' });
  });

  it('counts amendments as not adopting, and undecided statuses as undecided', () => {
    const amended = inOrder(...NINE.slice(0, 5).map((n): [MemberDecisionStatus, string] => ['adopted', n]), ['adopted_with_amendments', NINE[5]]);
    expect(byCount(amended)).toEqual({ status: 'open' });
    const scheduled = inOrder(...NINE.slice(0, 5).map((n): [MemberDecisionStatus, string] => ['adopted', n]), ['scheduled', NINE[5]]);
    expect(byCount(scheduled)).toEqual({ status: 'open' });
  });

  it('reaches the threshold exactly at p/q, compared in whole numbers', () => {
    const adoptions = (count: number) => inOrder(...ELECTORATE.slice(0, count).map((n): [MemberDecisionStatus, string] => ['adopted', n]));
    const threeQuarters = (decisions: RecordedDecision[]) =>
      decideOutcome({ rule: { kind: 'qualified_majority', by: 'count', atLeast: '3/4' }, electorate: ELECTORATE, decisions });
    expect(threeQuarters(adoptions(5))).toEqual({ status: 'open' });
    expect(threeQuarters(adoptions(6))).toEqual({ status: 'approved', decisive: ELECTORATE[5] });
    // 1/1 by count is unanimity without the veto's wording: one refusal already makes it impossible.
    expect(byCount(inOrder(['adopted', '5001'], ['rejected', '5035']), '1/1')).toEqual({ status: 'rejected', decisive: '5035' });
  });
});

describe('qualified majority by weight', () => {
  const byWeight = (decisions: RecordedDecision[], weights: CostKeyWeights = PERCENTAGES) =>
    decideOutcome({ rule: twoThirds('weight'), electorate: ELECTORATE, decisions, weights });

  it('is approved with two thirds of the weights and one rejection', () => {
    // Fees 2022 as the key: Trondheim, Stjørdal and Malvik weigh 68.4 %, without Malvik 61.5 %.
    const decisions = inOrder(['adopted', '5001'], ['rejected', '5059'], ['adopted', '5035'], ['adopted', '5031']);
    expect(byWeight(decisions.slice(0, 3), FEES)).toEqual({ status: 'open' });
    expect(byWeight(decisions, FEES)).toEqual({ status: 'approved', decisive: '5031' });
  });

  it('can disagree with the count: one heavy member decides either way', () => {
    const byCount = (decisions: RecordedDecision[]) => decideOutcome({ rule: twoThirds('count'), electorate: ELECTORATE, decisions });
    // Trondheim weighs 67 of 100: its adoption alone is two thirds of the weights, one of eight members.
    const trondheimAlone = inOrder(['rejected', '5035'], ['adopted', '5001']);
    expect(byWeight(trondheimAlone)).toEqual({ status: 'approved', decisive: '5001' });
    expect(byCount(trondheimAlone)).toEqual({ status: 'open' });
    // Without Trondheim, six of eight members adopt (three quarters) but only 27 of 100 weights can ever adopt.
    const allButTrondheim = inOrder(
      ['rejected', '5001'],
      ...ELECTORATE.filter((n) => n !== '5001').slice(0, 6).map((n): [MemberDecisionStatus, string] => ['adopted', n]),
    );
    expect(byWeight(allButTrondheim)).toEqual({ status: 'rejected', decisive: '5001' });
    expect(byCount(allButTrondheim)).toEqual({ status: 'approved', decisive: allButTrondheim[6].municipalityNumber });
  });

  it('leaves a member of weight zero without influence', () => {
    const weights = { ...PERCENTAGES, '5001': '0', '5035': '75' };
    expect(byWeight(inOrder(['adopted', '5001']), weights)).toEqual({ status: 'open' });
    expect(byWeight(inOrder(['adopted', '5001'], ['adopted', '5035']), weights)).toEqual({ status: 'approved', decisive: '5035' });
  });

  it('refuses a key without a weight for every member, with invalid or negative weights, or with zero in all', () => {
    const { '5054': _left, ...withoutIndreFosen } = PERCENTAGES;
    const refused = (weights: CostKeyWeights | undefined) => () =>
      decideOutcome({ rule: twoThirds('weight'), electorate: ELECTORATE, decisions: [], ...(weights && { weights }) });
    expect(refused(withoutIndreFosen)).toThrow(
      expect.objectContaining({ code: 'ALLOCATION.MEMBER_MISSING', kind: 'invalid', details: { field: 'weights', municipalityNumbers: ['5054'] } }),
    );
    expect(refused(undefined)).toThrow(expect.objectContaining({ code: 'ALLOCATION.MEMBER_MISSING', message: expect.stringContaining('5001') }));
    expect(refused({ ...PERCENTAGES, '5029': '3,5' })).toThrow(expect.objectContaining({ code: 'ALLOCATION.INVALID_WEIGHT' }));
    expect(refused({ ...PERCENTAGES, '5029': '-3' })).toThrow(expect.objectContaining({ code: 'ALLOCATION.NEGATIVE_WEIGHT' }));
    const zeros = Object.fromEntries(ELECTORATE.map((n) => [n, '0.00']));
    expect(refused(zeros)).toThrow(expect.objectContaining({ code: 'ALLOCATION.ALL_ZERO_WEIGHTS', kind: 'invalid' }));
    // A count needs no key.
    expect(decideOutcome({ rule: twoThirds('count'), electorate: ELECTORATE, decisions: [] })).toEqual({ status: 'open' });
  });
});

describe('the decision rule as a value', () => {
  it('reads the rules a round can carry', () => {
    expect(parseDecisionRule({ kind: 'unanimity' })).toEqual(UNANIMITY);
    expect(parseDecisionRule({ kind: 'qualified_majority', by: 'count', atLeast: '2/3' })).toEqual(twoThirds('count'));
    expect(parseDecisionRule({ kind: 'qualified_majority', by: 'weight', atLeast: '100/100' })).toEqual({
      kind: 'qualified_majority',
      by: 'weight',
      atLeast: '100/100',
    });
  });

  it.each<[string, unknown, string]>([
    ['nothing', undefined, 'object'],
    ['a string', 'unanimity', 'object'],
    ['a list', [{ kind: 'unanimity' }], 'object'],
    ['an unknown kind', { kind: 'simple_majority' }, '"simple_majority"'],
    ['an extra field on unanimity', { kind: 'unanimity', atLeast: '2/3' }, 'atLeast'],
    ['an unknown way of counting', { kind: 'qualified_majority', by: 'population', atLeast: '2/3' }, '"population"'],
    ['no fraction', { kind: 'qualified_majority', by: 'count' }, 'atLeast'],
    ['a fraction as a number', { kind: 'qualified_majority', by: 'count', atLeast: 0.67 }, '0.67'],
    ['a decimal fraction', { kind: 'qualified_majority', by: 'count', atLeast: '0.67' }, '"0.67"'],
    ['zero', { kind: 'qualified_majority', by: 'count', atLeast: '0/3' }, '"0/3"'],
    ['more than all', { kind: 'qualified_majority', by: 'count', atLeast: '4/3' }, '"4/3"'],
    ['a denominator above 100', { kind: 'qualified_majority', by: 'count', atLeast: '67/101' }, '"67/101"'],
    ['spaces', { kind: 'qualified_majority', by: 'count', atLeast: '2 / 3' }, '"2 / 3"'],
    ['a leading zero', { kind: 'qualified_majority', by: 'count', atLeast: '02/3' }, '"02/3"'],
    ['an extra field', { kind: 'qualified_majority', by: 'count', atLeast: '2/3', quorum: 5 }, 'quorum'],
  ])('refuses %s', (_, value, mentioned) => {
    expect(() => parseDecisionRule(value)).toThrow(
      expect.objectContaining({ code: 'ROUND.DECISION_RULE_INVALID', message: expect.stringContaining(mentioned) }),
    );
  });

  it('refuses to decide by a stored rule whose fraction is not one', () => {
    const rule = { kind: 'qualified_majority', by: 'count', atLeast: '3/2' } as const;
    expect(() => decideOutcome({ rule, electorate: ELECTORATE, decisions: [] })).toThrow(
      expect.objectContaining({ code: 'ROUND.DECISION_RULE_INVALID' }),
    );
  });

  it('requires unanimity for agreements and for fee changes that raise any fee', () => {
    expect(unanimityRequiredFor({ type: 'agreement' })).toBe(true);
    expect(unanimityRequiredFor({ type: 'fees', raisesAnyFee: true })).toBe(true);
    expect(unanimityRequiredFor({ type: 'fees', raisesAnyFee: false })).toBe(false);
  });

  it('describes each rule in bokmål', () => {
    expect(describeDecisionRule(UNANIMITY)).toBe('Enstemmighet: alle medlemmer må vedta (vetorett)');
    expect(describeDecisionRule(twoThirds('count'))).toBe('Kvalifisert flertall: minst 2/3 av medlemmene');
    expect(describeDecisionRule(twoThirds('weight'))).toBe('Kvalifisert flertall: minst 2/3 av vektene i kostnadsnøkkelen');
  });
});

describe('every rule: properties', () => {
  // Weights with up to two decimals, such as "12.34" or "0.05", so the common scale is exercised.
  const weightArbitrary = fc
    .tuple(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 2 }))
    .map(([units, scale]) => {
      const digits = String(units).padStart(scale + 1, '0');
      return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    });
  const weightsArbitrary = fc
    .tuple(...ELECTORATE.map(() => weightArbitrary))
    .map((weights): CostKeyWeights => Object.fromEntries(ELECTORATE.map((n, i) => [n, weights[i]])));
  const fractionArbitrary = fc
    .integer({ min: 1, max: 100 })
    .chain((q) => fc.tuple(fc.integer({ min: 1, max: q }), fc.constant(q)))
    .map(([p, q]) => `${p}/${q}`);
  const ruleArbitrary: fc.Arbitrary<DecisionRule> = fc.oneof(
    fc.constant(UNANIMITY),
    fc.record({
      kind: fc.constant('qualified_majority' as const),
      by: fc.constantFrom('count' as const, 'weight' as const),
      atLeast: fractionArbitrary,
    }),
  );
  const decisionsArbitrary = fc
    .shuffledSubarray([...ELECTORATE])
    .chain((numbers) =>
      fc.tuple(
        ...numbers.map((municipalityNumber) =>
          fc.record({
            municipalityNumber: fc.constant(municipalityNumber),
            status: fc.constantFrom(...MEMBER_DECISION_STATUSES, 'adopted', 'adopted'),
            sequence: fc.integer({ min: 0, max: 20 }),
          }),
        ),
      ),
    )
    .map((decisions): RecordedDecision[] => decisions);
  const inputArbitrary = fc
    .record({ rule: ruleArbitrary, weights: weightsArbitrary, decisions: decisionsArbitrary })
    .filter(({ weights }) => Object.values(weights).some((w) => /[1-9]/.test(w)))
    .map(({ rule, weights, decisions }): OutcomeInput => ({ rule, electorate: ELECTORATE, weights, decisions }));

  it('gives the same status whatever order the same decisions arrive in', () => {
    fc.assert(
      fc.property(
        inputArbitrary.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray([...input.decisions], { minLength: input.decisions.length }),
            fc.shuffledSubarray(
              input.decisions.map((d) => d.sequence),
              { minLength: input.decisions.length },
            ),
          ),
        ),
        ([input, shuffled, sequences]) => {
          const settled = decideOutcome(input);
          // The same registrations listed in another order: the same outcome, the same decisive member.
          expect(decideOutcome({ ...input, decisions: shuffled })).toEqual(settled);
          // The same decisions registered in another order: the same status (the decisive member may differ).
          const reordered = input.decisions.map((d, i) => ({ ...d, sequence: sequences[i] }));
          expect(decideOutcome({ ...input, decisions: reordered }).status).toBe(settled.status);
        },
      ),
    );
  });

  it('never changes once approved or rejected, whatever is registered next', () => {
    fc.assert(
      fc.property(inputArbitrary, decisionsArbitrary, (input, later) => {
        const settled = decideOutcome(input);
        fc.pre(settled.status !== 'open');
        expect(settleOutcome(settled, { ...input, decisions: later })).toBe(settled);
        const decidedNumbers = new Set(input.decisions.map((d) => d.municipalityNumber));
        const latecomers = later.filter((d) => !decidedNumbers.has(d.municipalityNumber)).map((d) => ({ ...d, sequence: d.sequence + 100 }));
        expect(decideOutcome({ ...input, decisions: [...input.decisions, ...latecomers] })).toEqual(settled);
      }),
    );
  });

  it('is approved only when the adopted share reaches the threshold, and rejected only when it no longer can', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const { rule } = input;
        fc.pre(rule.kind === 'qualified_majority');
        // Worked out apart from the rule: every weight in hundredths, and the smallest total that is at least p/q.
        const hundredths = (text: string) => {
          const [whole, fraction = ''] = text.split('.');
          return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
        };
        const weightOf = (n: string) => (rule.by === 'count' ? 1n : hundredths(input.weights![n]));
        const [p, q] = rule.atLeast.split('/').map(BigInt);
        const total = ELECTORATE.reduce((sum, n) => sum + weightOf(n), 0n);
        const smallestEnough = (p * total + q - 1n) / q;
        const statusOf = new Map(input.decisions.map((d) => [d.municipalityNumber, d.status]));
        const adopted = ELECTORATE.filter((n) => statusOf.get(n) === 'adopted').reduce((sum, n) => sum + weightOf(n), 0n);
        const refused = ELECTORATE.filter((n) => ['rejected', 'adopted_with_amendments'].includes(statusOf.get(n) ?? '')).reduce(
          (sum, n) => sum + weightOf(n),
          0n,
        );
        const expected = adopted >= smallestEnough ? 'approved' : total - refused < smallestEnough ? 'rejected' : 'open';
        expect(decideOutcome(input).status).toBe(expected);
      }),
    );
  });
});
