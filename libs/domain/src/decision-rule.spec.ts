import fc from 'fast-check';
import { decideOutcome, settleOutcome, UNANIMITY, type RecordedDecision, type RoundOutcome } from './decision-rule';
import { MEMBER_DECISION_STATUSES, type MemberDecisionStatus } from './member-decision.state-machine';
import { TRONDHEIMSREGIONEN_MEMBERS as ELECTORATE } from './testing/trondheimsregionen.fixture';

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
