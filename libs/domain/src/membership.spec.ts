import fc from 'fast-check';
import { addDays } from './calendar';
import { DomainError } from './domain-error';
import type { MemberDecisionStatus } from './member-decision.state-machine';
import {
  amendElectorate,
  assertCanLeave,
  isMemberOn,
  planMerger,
  withdrawalTakesEffect,
  type ElectorMember,
  type StandingOn,
} from './membership';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
};

describe('a membership over time', () => {
  it('covers its first and last day, and nothing outside', () => {
    const period = { joinedOn: '2020-01-01', leftOn: '2027-12-31' };
    expect(isMemberOn(period, '2019-12-31')).toBe(false);
    expect(isMemberOn(period, '2020-01-01')).toBe(true);
    expect(isMemberOn(period, '2027-12-31')).toBe(true);
    expect(isMemberOn(period, '2028-01-01')).toBe(false);
    expect(isMemberOn({ joinedOn: '2020-01-01', leftOn: null }, '2099-06-01')).toBe(true);
  });

  it('cannot end before it began or after it already ended', () => {
    const m = { municipalityNumber: '5030', joinedOn: '2003-01-01', leftOn: null };
    expect(code(() => assertCanLeave(m, '2002-12-31'))).toBe('MEMBERSHIP.LEAVES_BEFORE_JOINING');
    expect(code(() => assertCanLeave({ ...m, leftOn: '2019-12-31' }, '2020-06-30'))).toBe('MEMBERSHIP.ALREADY_ENDED');
    expect(code(() => assertCanLeave({ ...m, leftOn: '2027-12-31' }, '2026-12-31'))).toBeUndefined();
    expect(code(() => assertCanLeave(m, '2019-13-01'))).toBe('CALENDAR.INVALID_DATE');
  });
});

describe('a withdrawal', () => {
  it('takes effect on 31 December of the year the twelve months of notice run out', () => {
    expect(withdrawalTakesEffect('2026-12-02')).toBe('2027-12-31');
    expect(withdrawalTakesEffect('2026-01-01')).toBe('2026-12-31');
    expect(withdrawalTakesEffect('2026-01-02')).toBe('2027-12-31');
    expect(withdrawalTakesEffect('2026-06-30', { noticeMonths: 6, atYearEnd: true })).toBe('2026-12-31');
    expect(withdrawalTakesEffect('2026-07-01', { noticeMonths: 6, atYearEnd: true })).toBe('2026-12-31');
    expect(withdrawalTakesEffect('2026-07-02', { noticeMonths: 6, atYearEnd: true })).toBe('2027-12-31');
    expect(withdrawalTakesEffect('2000-01-01', { noticeMonths: 0, atYearEnd: true })).toBe('2000-12-31');
  });

  it('without the year-end, ends the day before the same date so many months on', () => {
    expect(withdrawalTakesEffect('2026-03-15', { noticeMonths: 3, atYearEnd: false })).toBe('2026-06-14');
    expect(withdrawalTakesEffect('2026-03-15', { noticeMonths: 0, atYearEnd: false })).toBe('2026-03-15');
    expect(code(() => withdrawalTakesEffect('2026-03-15', { noticeMonths: -1, atYearEnd: false }))).toBe('MEMBERSHIP.INVALID_WITHDRAWAL_RULE');
    expect(code(() => withdrawalTakesEffect('2026-02-30'))).toBe('CALENDAR.INVALID_DATE');
  });

  it('never takes effect before the full notice has run, and always on a 31 December', () => {
    const day = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDays('2000-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 60 }), (given, noticeMonths) => {
        const effect = withdrawalTakesEffect(given, { noticeMonths, atYearEnd: true });
        const plain = withdrawalTakesEffect(given, { noticeMonths, atYearEnd: false });
        expect(effect >= plain).toBe(true);
        expect(effect.slice(5)).toBe('12-31');
        expect(Number(effect.slice(0, 4))).toBe(Number(plain.slice(0, 4)));
      }),
    );
  });
});

describe('a merger', () => {
  const member = (municipalityNumber: string, joinedOn = '2003-01-01', leftOn: string | null = null) => ({ municipalityNumber, joinedOn, leftOn });

  it('ends Klæbu on 31 December and keeps Trondheim going', () => {
    expect(planMerger({ predecessors: [member('5001'), member('5030')], successor: '5001', effectiveFrom: '2020-01-01' })).toEqual({
      endOn: '2019-12-31',
      ending: ['5030'],
      successorContinues: true,
      successorJoinsOn: '2020-01-01',
    });
  });

  it('ends Orkdal and Agdenes and brings in Orkland under its own number', () => {
    expect(planMerger({ predecessors: [member('5024'), member('5016')], successor: '5059', effectiveFrom: '2020-01-01' })).toEqual({
      endOn: '2019-12-31',
      ending: ['5016', '5024'],
      successorContinues: false,
      successorJoinsOn: '2020-01-01',
    });
  });

  it('refuses a merger of one municipality into itself, a predecessor named twice, or one not a member the day before', () => {
    expect(code(() => planMerger({ predecessors: [member('5001')], successor: '5001', effectiveFrom: '2020-01-01' }))).toBe('MEMBERSHIP.MERGER_INVALID');
    expect(code(() => planMerger({ predecessors: [], successor: '5059', effectiveFrom: '2020-01-01' }))).toBe('MEMBERSHIP.MERGER_INVALID');
    expect(code(() => planMerger({ predecessors: [member('5024'), member('5024')], successor: '5059', effectiveFrom: '2020-01-01' }))).toBe(
      'MEMBERSHIP.MERGER_INVALID',
    );
    expect(code(() => planMerger({ predecessors: [member('5024', '2020-01-01')], successor: '5059', effectiveFrom: '2020-01-01' }))).toBe(
      'MEMBERSHIP.NOT_A_MEMBER',
    );
    expect(code(() => planMerger({ predecessors: [member('5024', '2003-01-01', '2018-12-31')], successor: '5059', effectiveFrom: '2020-01-01' }))).toBe(
      'MEMBERSHIP.NOT_A_MEMBER',
    );
  });
});

describe('amending an open round’s electorate', () => {
  const round = (statuses: Record<string, MemberDecisionStatus>, weights?: Record<string, string>): ElectorMember[] =>
    Object.entries(statuses).map(([municipalityNumber, status]) => ({ municipalityNumber, status, weight: weights?.[municipalityNumber] ?? null }));
  const standing =
    (changes: Record<string, StandingOn>) =>
    (n: string): StandingOn =>
      changes[n] ?? { kind: 'member' };

  it('takes Klæbu out; Trondheim decides anew unless both had adopted', () => {
    const merged = standing({ '5030': { kind: 'merged', successor: '5001' } });
    const pending = amendElectorate(round({ '5001': 'adopted', '5030': 'pending', '5035': 'adopted' }), merged);
    expect(pending.removed).toEqual([{ municipalityNumber: '5030', status: 'pending', successor: '5001' }]);
    expect(pending.added).toEqual([]);
    expect(pending.decidesAnew).toEqual(['5001']);

    const bothAdopted = amendElectorate(round({ '5001': 'adopted', '5030': 'adopted', '5035': 'pending' }), merged);
    expect(bothAdopted.decidesAnew).toEqual([]);
  });

  it('brings Orkland in for Orkdal and Agdenes, adopted only when both had adopted, with their weights together', () => {
    const merged = standing({ '5024': { kind: 'merged', successor: '5059' }, '5016': { kind: 'merged', successor: '5059' } });
    const weights = { '5024': '12.5', '5016': '1.75', '5001': '60' };
    const adopted = amendElectorate(round({ '5001': 'pending', '5016': 'adopted', '5024': 'adopted' }, weights), merged);
    expect(adopted.removed.map((r) => r.municipalityNumber)).toEqual(['5016', '5024']);
    expect(adopted.added).toEqual([{ municipalityNumber: '5059', status: 'adopted', weight: '14.25', predecessors: ['5016', '5024'] }]);

    const notYet = amendElectorate(round({ '5001': 'pending', '5016': 'adopted', '5024': 'postponed' }), merged);
    expect(notYet.added).toEqual([{ municipalityNumber: '5059', status: 'pending', weight: null, predecessors: ['5016', '5024'] }]);
  });

  it('drops a member that left, and refuses when nothing changed or nobody would be left', () => {
    const left = amendElectorate(round({ '5001': 'pending', '5035': 'rejected' }), standing({ '5035': { kind: 'left' } }));
    expect(left.removed).toEqual([{ municipalityNumber: '5035', status: 'rejected', successor: null }]);
    expect(code(() => amendElectorate(round({ '5001': 'pending' }), standing({})))).toBe('ROUND.ELECTORATE_UP_TO_DATE');
    expect(code(() => amendElectorate(round({ '5001': 'pending' }), standing({ '5001': { kind: 'left' } })))).toBe('ROUND.EMPTY_ELECTORATE');
  });

  it('keeps the sum of weights whatever merges into what', () => {
    const numbers = ['5001', '5030', '5035', '5036', '5028', '5029'];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.constantFrom<'member' | 'merged-5001' | 'merged-5099'>('member', 'merged-5001', 'merged-5099'), { minLength: 6, maxLength: 6 }),
        (weightList, fates) => {
          const weights = Object.fromEntries(numbers.map((n, i) => [n, String(weightList[i])]));
          const changes: Record<string, StandingOn> = {};
          numbers.forEach((n, i) => {
            if (n !== '5001' && fates[i] !== 'member') changes[n] = { kind: 'merged', successor: fates[i] === 'merged-5001' ? '5001' : '5099' };
          });
          fc.pre(Object.keys(changes).length > 0);
          const amended = amendElectorate(round(Object.fromEntries(numbers.map((n) => [n, 'pending' as const])), weights), standing(changes));
          const kept = numbers.filter((n) => !amended.removed.some((r) => r.municipalityNumber === n));
          const total = kept.reduce((sum, n) => sum + Number(amended.weights[n] ?? weights[n]), 0) + amended.added.reduce((sum, a) => sum + Number(a.weight), 0);
          expect(total).toBe(weightList.reduce((a, b) => a + b, 0));
        },
      ),
    );
  });
});
