import { isSettled, launchRound, ROUND_STATUSES, transitionRound, type RoundState, type RoundStatus } from './round.state-machine';

// 2022-12-10 12:00 in Oslo (winter: UTC+1).
const now = new Date('2022-12-10T11:00:00Z');
const round: RoundState = { status: 'open', deadline: '2022-12-15', expiresAutomatically: false };
const refused = (code: string, details?: object) =>
  expect.objectContaining(details ? { code, details: expect.objectContaining(details) } : { code });

describe('launchRound', () => {
  it('opens a round with a deadline today or later', () => {
    expect(launchRound({ deadline: '2022-12-15', electorate: ['5001'], now })).toEqual(round);
    expect(launchRound({ deadline: '2022-12-10', electorate: ['5001'], now, expiresAutomatically: true })).toEqual({
      status: 'open',
      deadline: '2022-12-10',
      expiresAutomatically: true,
    });
  });

  it('refuses a deadline in the past, a date that does not exist, and a round without members', () => {
    expect(() => launchRound({ deadline: '2022-12-09', electorate: ['5001'], now })).toThrow(
      refused('ROUND.DEADLINE_IN_PAST', { field: 'deadline' }),
    );
    expect(() => launchRound({ deadline: '2022-02-30', electorate: ['5001'], now })).toThrow(refused('CALENDAR.INVALID_DATE'));
    expect(() => launchRound({ deadline: '2022-12-15', electorate: [], now })).toThrow(refused('ROUND.EMPTY_ELECTORATE'));
  });
});

describe('transitionRound: allowed steps', () => {
  it('settles an open round as approved or rejected', () => {
    expect(transitionRound(round, { type: 'settle', outcome: 'approved' }, { now })).toEqual(
      { transition: 'approve', state: { ...round, status: 'approved' } },
    );
    expect(transitionRound(round, { type: 'settle', outcome: 'rejected' }, { now })).toEqual(
      { transition: 'reject', state: { ...round, status: 'rejected' } },
    );
  });

  it('withdraws an open round with a reason', () => {
    expect(transitionRound(round, { type: 'withdraw', reason: 'Saken trekkes' }, { now })).toEqual(
      { transition: 'withdraw', state: { ...round, status: 'withdrawn' } },
    );
  });

  it('lets the secretariat close a round after the deadline (23:59:59 Oslo), and the scheduler when launched with an expiry', () => {
    const justAfter = new Date('2022-12-15T23:00:00Z'); // 00:00 on 16 December in Oslo
    expect(transitionRound(round, { type: 'expire', by: 'secretariat' }, { now: justAfter })).toEqual(
      { transition: 'expire', state: { ...round, status: 'expired' } },
    );
    const automatic = { ...round, expiresAutomatically: true };
    expect(transitionRound(automatic, { type: 'expire', by: 'automatic' }, { now: justAfter }).state.status).toBe('expired');
  });

  it('extends an open round to a later deadline with a reason, also after the old deadline has passed', () => {
    expect(transitionRound(round, { type: 'extend', deadline: '2023-01-15', reason: 'Møteplan' }, { now })).toEqual({
      transition: 'extend',
      state: { ...round, deadline: '2023-01-15' },
    });
    const late = new Date('2022-12-20T10:00:00Z');
    expect(transitionRound(round, { type: 'extend', deadline: '2022-12-20', reason: 'Møteplan' }, { now: late }).state.deadline).toBe('2022-12-20');
  });
});

describe('transitionRound: refused', () => {
  it.each<[RoundStatus, string]>([
    ['approved', 'ROUND.ALREADY_SETTLED'],
    ['rejected', 'ROUND.ALREADY_SETTLED'],
    ['withdrawn', 'ROUND.NOT_OPEN'],
    ['expired', 'ROUND.NOT_OPEN'],
  ])('does nothing to a round that is %s (%s)', (status, code) => {
    const closed = { ...round, status };
    for (const command of [
      { type: 'settle', outcome: 'approved' },
      { type: 'withdraw', reason: 'x' },
      { type: 'expire', by: 'secretariat' },
      { type: 'extend', deadline: '2023-01-15', reason: 'x' },
    ] as const) {
      expect(() => transitionRound(closed, command, { now: new Date('2023-01-01T00:00:00Z') })).toThrow(
        expect.objectContaining({ code, kind: 'conflict', details: { roundStatus: status } }),
      );
    }
  });

  it('refuses to withdraw or extend without a reason', () => {
    expect(() => transitionRound(round, { type: 'withdraw', reason: ' ' }, { now })).toThrow(
      refused('ROUND.REASON_REQUIRED', { field: 'reason' }),
    );
    expect(() => transitionRound(round, { type: 'extend', deadline: '2023-01-15', reason: '' }, { now })).toThrow(
      refused('ROUND.REASON_REQUIRED'),
    );
  });

  it('refuses to expire before the deadline has run out', () => {
    const lastSecond = new Date('2022-12-15T22:59:59Z'); // 23:59:59 in Oslo
    expect(() => transitionRound(round, { type: 'expire', by: 'secretariat' }, { now: lastSecond })).toThrow(
      refused('ROUND.DEADLINE_NOT_PASSED'),
    );
  });

  it('refuses automatic expiry of a round launched without one', () => {
    expect(() => transitionRound(round, { type: 'expire', by: 'automatic' }, { now: new Date('2023-01-01T00:00:00Z') })).toThrow(
      expect.objectContaining({ code: 'ROUND.NO_AUTOMATIC_EXPIRY', kind: 'conflict' }),
    );
  });

  it('refuses a new deadline that is not after the old one, or is in the past', () => {
    for (const deadline of ['2022-12-15', '2022-12-14']) {
      expect(() => transitionRound(round, { type: 'extend', deadline, reason: 'x' }, { now })).toThrow(refused('ROUND.DEADLINE_NOT_LATER'));
    }
    const muchLater = new Date('2023-02-01T10:00:00Z');
    expect(() => transitionRound(round, { type: 'extend', deadline: '2023-01-15', reason: 'x' }, { now: muchLater })).toThrow(
      refused('ROUND.DEADLINE_IN_PAST'),
    );
  });
});

describe('round statuses', () => {
  it('are settled only when approved or rejected', () => {
    expect(ROUND_STATUSES.filter(isSettled)).toEqual(['approved', 'rejected']);
  });
});
