import {
  FINAL_DECISIONS,
  isFinalDecision,
  isUndecided,
  MEMBER_DECISION_STATUSES,
  PENDING,
  transitionMemberDecision,
  UNDECIDED_STATUSES,
  type MemberDecisionContext,
  type MemberDecisionState,
  type MemberDecisionTransition,
  type Registration,
} from './member-decision.state-machine';

const TODAY = '2022-11-24';
const open: MemberDecisionContext = { today: TODAY, roundStatus: 'open' };
const refused = (code: string, details?: object) =>
  expect.objectContaining(details ? { code, details: expect.objectContaining(details) } : { code });

const references = { caseNumber: '2022/1234', protocolRef: 'https://innsyn.example/2022/1234' };
const held = (decision: 'adopted' | 'rejected' | 'adopted_with_amendments' | 'postponed', extra: object = {}): Registration => ({
  decision,
  meetingDate: '2022-11-24',
  body: 'kommunestyre',
  ...references,
  ...extra,
});
const schedule = (meetingDate = '2022-12-01', extra: object = {}): Registration => ({ decision: 'scheduled', meetingDate, ...extra });

const scheduled: MemberDecisionState = { status: 'scheduled', meetingDate: '2022-11-24' };
const postponed: MemberDecisionState = {
  status: 'postponed',
  meetingDate: '2022-11-10',
  nextMeetingDate: '2022-12-08',
  body: 'kommunestyre',
  ...references,
};
const adopted: MemberDecisionState = { status: 'adopted', meetingDate: '2022-11-24', body: 'kommunestyre', ...references };

describe('member decision statuses', () => {
  it('splits into undecided and final decisions', () => {
    expect(MEMBER_DECISION_STATUSES).toEqual(['pending', 'scheduled', 'postponed', 'adopted', 'rejected', 'adopted_with_amendments']);
    expect(MEMBER_DECISION_STATUSES.filter(isUndecided)).toEqual([...UNDECIDED_STATUSES]);
    expect(MEMBER_DECISION_STATUSES.filter(isFinalDecision)).toEqual([...FINAL_DECISIONS]);
  });
});

describe('transitionMemberDecision: the ordinary steps', () => {
  const steps: [MemberDecisionState, Registration, MemberDecisionTransition][] = [
    [PENDING, schedule(), 'schedule'],
    [postponed, schedule(), 'schedule'],
    [scheduled, schedule('2022-12-15'), 'reschedule'],
    [postponed, { decision: 'pending' }, 'reopen'],
    ...[PENDING, scheduled, postponed].flatMap((from): [MemberDecisionState, Registration, MemberDecisionTransition][] => [
      [from, held('adopted'), 'adopt'],
      [from, held('rejected'), 'reject'],
      [from, held('adopted_with_amendments'), 'adopt_with_amendments'],
      [from, held('postponed', { meetingDate: '2022-11-20', nextMeetingDate: '2023-01-12' }), 'postpone'],
    ]),
  ];
  it.each(steps.map(([from, registration, transition]) => [from.status, registration.decision, transition, from, registration] as const))(
    'from %s, registering %s is the step %s',
    (_from, _to, transition, from, registration) => {
      const change = transitionMemberDecision(from, registration, open);
      expect(change.transition).toBe(transition);
      expect(change.state.status).toBe(registration.decision);
    },
  );

  it('keeps what the registration says, trimmed, leaving blanks out', () => {
    const change = transitionMemberDecision(
      scheduled,
      held('adopted', { body: 'bystyre', caseNumber: ' 2022/1234 ', note: '  ', votes: { for: 60, against: 7, blank: 0 } }),
      open,
    );
    expect(change.state).toEqual({
      status: 'adopted',
      meetingDate: '2022-11-24',
      body: 'bystyre',
      caseNumber: '2022/1234',
      protocolRef: references.protocolRef,
      votes: { for: 60, against: 7, blank: 0 },
    });
  });

  it('defaults the body of a decision to kommunestyre and keeps a formannskap recommendation as a note when scheduling', () => {
    const { body, ...withoutBody } = held('adopted') as Registration & { body: string };
    expect(body).toBe('kommunestyre');
    expect(transitionMemberDecision(PENDING, withoutBody as Registration, open).state.body).toBe('kommunestyre');
    const note = 'Formannskapet innstiller på å vedta avtalen.';
    expect(transitionMemberDecision(PENDING, schedule('2022-12-01', { note, body: 'kommunestyre' }), open).state).toEqual({
      status: 'scheduled',
      meetingDate: '2022-12-01',
      body: 'kommunestyre',
      note,
    });
  });

  it('keeps the next meeting of a postponed case, so reminders and the forecast follow it', () => {
    const change = transitionMemberDecision(scheduled, held('postponed', { nextMeetingDate: '2022-12-08' }), open);
    expect(change.state).toMatchObject({ status: 'postponed', meetingDate: '2022-11-24', nextMeetingDate: '2022-12-08' });
    expect(transitionMemberDecision(scheduled, held('postponed'), open).state).not.toHaveProperty('nextMeetingDate');
  });

  it('answers a repeated registration with unchanged', () => {
    expect(transitionMemberDecision(adopted, held('adopted'), open)).toEqual({ transition: 'unchanged', state: adopted });
    expect(transitionMemberDecision(scheduled, schedule('2022-11-24'), { today: '2022-11-20', roundStatus: 'open' }).transition).toBe('unchanged');
  });

  it('still records the decisions of undecided members after the round is rejected', () => {
    expect(transitionMemberDecision(scheduled, held('adopted'), { today: TODAY, roundStatus: 'rejected' }).transition).toBe('adopt');
  });
});

describe('transitionMemberDecision: corrections', () => {
  it('lets a decision change with a reason before the round is settled (adopted → rejected)', () => {
    const change = transitionMemberDecision(adopted, held('rejected', { reason: 'Feil registrert, vedtaket var avslag.' }), open);
    expect(change).toEqual({ transition: 'correct', state: { ...adopted, status: 'rejected' } });
  });

  it('treats a changed meeting date of a decision, or un-scheduling, as a correction', () => {
    expect(transitionMemberDecision(adopted, held('adopted', { meetingDate: '2022-11-17', reason: 'Riktig møtedato' }), open).transition).toBe('correct');
    expect(transitionMemberDecision(scheduled, { decision: 'pending', reason: 'Møtet ble avlyst' }, open).transition).toBe('correct');
  });

  it('refuses a change of decision without a reason, naming the step', () => {
    expect(() => transitionMemberDecision(adopted, held('rejected'), open)).toThrow(
      refused('DECISION.TRANSITION_NOT_ALLOWED', { from: 'adopted', to: 'rejected', field: 'reason' }),
    );
    expect(() => transitionMemberDecision(adopted, held('rejected', { reason: '  ' }), open)).toThrow(
      refused('DECISION.TRANSITION_NOT_ALLOWED'),
    );
    expect(() => transitionMemberDecision(adopted, schedule(), open)).toThrow(
      refused('DECISION.TRANSITION_NOT_ALLOWED', { from: 'adopted', to: 'scheduled' }),
    );
    expect(() => transitionMemberDecision(scheduled, { decision: 'pending' }, open)).toThrow(refused('DECISION.TRANSITION_NOT_ALLOWED'));
  });

  it('lets references be corrected with a reason, also after the round is settled', () => {
    const corrected = held('adopted', {
      caseNumber: '2022/4321',
      protocolRef: 'arkiv 22/4321',
      note: 'Rettet saksnummer',
      reason: 'Feil saksnummer',
    });
    for (const roundStatus of ['open', 'approved', 'rejected'] as const) {
      expect(transitionMemberDecision(adopted, corrected, { today: TODAY, roundStatus })).toEqual({
        transition: 'correct_references',
        state: { ...adopted, caseNumber: '2022/4321', protocolRef: 'arkiv 22/4321', note: 'Rettet saksnummer' },
      });
    }
    expect(() => transitionMemberDecision(adopted, { ...corrected, reason: undefined }, open)).toThrow(refused('DECISION.REASON_REQUIRED'));
  });

  it('never lets the decision itself change once the round is settled', () => {
    for (const roundStatus of ['approved', 'rejected'] as const) {
      expect(() => transitionMemberDecision(adopted, held('rejected', { reason: 'Feil' }), { today: TODAY, roundStatus })).toThrow(
        refused('ROUND.ALREADY_SETTLED', { roundStatus, from: 'adopted', to: 'rejected' }),
      );
    }
  });

  it('refuses anything on a withdrawn or expired round', () => {
    for (const roundStatus of ['withdrawn', 'expired'] as const) {
      expect(() => transitionMemberDecision(PENDING, held('adopted'), { today: TODAY, roundStatus })).toThrow(
        refused('ROUND.NOT_OPEN', { roundStatus }),
      );
    }
  });
});

describe('transitionMemberDecision: what a registration must hold', () => {
  it.each(['formannskap', 'utvalg', 'delegert', 'hastevedtak', 'Kommunestyre'])('refuses a decision by %s (kommuneloven § 18-4)', (body) => {
    expect(() => transitionMemberDecision(scheduled, held('adopted', { body }), open)).toThrow(
      expect.objectContaining({ code: 'DECISION.BODY_NOT_ALLOWED', kind: 'invalid', message: expect.stringContaining('§ 18-4') }),
    );
    expect(() => transitionMemberDecision(PENDING, schedule('2022-12-01', { body }), open)).toThrow(refused('DECISION.BODY_NOT_ALLOWED'));
  });

  it('refuses a decision dated in the future, but takes one dated today', () => {
    expect(() => transitionMemberDecision(scheduled, held('adopted', { meetingDate: '2022-11-25' }), open)).toThrow(
      refused('DECISION.MEETING_DATE_IN_FUTURE', { field: 'meetingDate' }),
    );
    expect(transitionMemberDecision(scheduled, held('adopted', { meetingDate: TODAY }), open).transition).toBe('adopt');
  });

  it('refuses to schedule a meeting that is not in the future, and a next meeting likewise', () => {
    for (const date of [TODAY, '2022-11-01']) {
      expect(() => transitionMemberDecision(PENDING, schedule(date), open)).toThrow(
        refused('DECISION.MEETING_DATE_NOT_IN_FUTURE', { field: 'meetingDate' }),
      );
      expect(() => transitionMemberDecision(PENDING, held('postponed', { nextMeetingDate: date }), open)).toThrow(
        refused('DECISION.MEETING_DATE_NOT_IN_FUTURE', { field: 'nextMeetingDate' }),
      );
    }
  });

  it.each(['adopted', 'rejected', 'adopted_with_amendments'] as const)('refuses a next meeting date with %s, a decision already made', (decision) => {
    expect(() => transitionMemberDecision(scheduled, held(decision, { nextMeetingDate: '2022-12-08' }), open)).toThrow(
      refused('DECISION.NEXT_MEETING_DATE_NOT_POSTPONED', { field: 'nextMeetingDate' }),
    );
  });

  it('refuses a next meeting date with a scheduled meeting, and takes one with a postponement', () => {
    expect(() => transitionMemberDecision(PENDING, schedule('2022-12-01', { nextMeetingDate: '2022-12-08' }), open)).toThrow(
      refused('DECISION.NEXT_MEETING_DATE_NOT_POSTPONED', { field: 'nextMeetingDate' }),
    );
    expect(transitionMemberDecision(PENDING, held('postponed', { nextMeetingDate: '2022-12-08' }), open).transition).toBe('postpone');
  });

  it('refuses a decision at a meeting before the round was launched, and takes one on the day of the launch', () => {
    const launched: MemberDecisionContext = { ...open, launchedOn: '2022-11-10' };
    for (const decision of ['adopted', 'rejected', 'adopted_with_amendments'] as const) {
      expect(() => transitionMemberDecision(PENDING, held(decision, { meetingDate: '2022-11-09' }), launched)).toThrow(
        refused('DECISION.MEETING_DATE_BEFORE_LAUNCH', { field: 'meetingDate', launchedOn: '2022-11-10' }),
      );
    }
    expect(transitionMemberDecision(PENDING, held('adopted', { meetingDate: '2022-11-10' }), launched).transition).toBe('adopt');
    // A postponement is no decision: the meeting that put the case off may be the one it was first on.
    expect(transitionMemberDecision(PENDING, held('postponed', { meetingDate: '2022-11-09' }), launched).transition).toBe('postpone');
  });

  it('refuses dates that do not exist', () => {
    expect(() => transitionMemberDecision(PENDING, schedule('2023-02-30'), open)).toThrow(
      refused('CALENDAR.INVALID_DATE', { field: 'meetingDate' }),
    );
    expect(() => transitionMemberDecision(PENDING, held('adopted'), { today: '24.11.2022', roundStatus: 'open' })).toThrow(
      refused('CALENDAR.INVALID_DATE', { field: 'today' }),
    );
  });

  it.each(['caseNumber', 'protocolRef'])('refuses a decision without its %s', (field) => {
    expect(() => transitionMemberDecision(scheduled, held('adopted', { [field]: ' ' }), open)).toThrow(
      refused('DECISION.MISSING_FIELD', { field }),
    );
  });

  const badVotes = [{ for: -1, against: 0, blank: 0 }, { for: 1.5, against: 0, blank: 0 }, { for: 1, against: Number.NaN, blank: 0 }];
  it.each(badVotes)('refuses votes %o', (votes) => {
    expect(() => transitionMemberDecision(scheduled, held('adopted', { votes }), open)).toThrow(refused('DECISION.INVALID_VOTES'));
  });

  it('sees a change of votes as a change of the decision', () => {
    const withVotes = transitionMemberDecision(scheduled, held('adopted', { votes: { for: 30, against: 1, blank: 0 } }), open).state;
    expect(transitionMemberDecision(withVotes, held('adopted', { votes: { for: 30, against: 1, blank: 0 } }), open).transition).toBe('unchanged');
    expect(() => transitionMemberDecision(withVotes, held('adopted', { votes: { for: 31, against: 0, blank: 0 } }), open)).toThrow(
      refused('DECISION.TRANSITION_NOT_ALLOWED'),
    );
  });
});
