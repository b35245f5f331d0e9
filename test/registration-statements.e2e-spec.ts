import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { QueryCounter, countQueries } from './support/query-counter';
import { MEMBERS, decision, launchFeeRound, register } from './support/round-story';
import { clerkToken } from './support/tokens';

/**
 * A registration is the hottest path there is: every clerk of the country, on the evening of a
 * kommunestyre meeting. Its statements are counted here, on a round with a history of revisions
 * behind it, so that a change that adds a round trip or reads a row twice is seen at once. The
 * counter sees round trips: one string per trip, its statements separated by `;` and a newline.
 */
describe('the statements of a registration', () => {
  let api: TestApi;
  let counter: QueryCounter;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2022-10-01T10:00:00+02:00' });
    counter = countQueries(api.dataSource);
  });

  afterAll(async () => {
    counter?.detach();
    await api?.close();
  });

  /** The statements of the trips, transaction control left out. */
  const body = (trips: string[]) =>
    trips.flatMap((trip) => trip.split(/;\n(?=\s*(?:BEGIN|COMMIT|ROLLBACK|SELECT|WITH|INSERT|UPDATE|DELETE)\b)/i)).filter((sql) => !/^(START TRANSACTION|BEGIN|COMMIT)\b/i.test(sql.trim()));

  it('begins, locks the round and reads what it needs in one trip, and writes everything and commits in the next, however many revisions came before', async () => {
    const round = await launchFeeRound(api);
    api.clock.set('2022-11-25T12:00:00+01:00');
    const [first, ...others] = MEMBERS.filter((number) => number !== '5001');
    // A history: a postponement and its later adoption for one member, then corrections with reasons.
    expect((await register(api, round.id, first, decision('postponed', '2022-11-24', { nextMeetingDate: '2022-12-08' }))).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const corrected = decision('postponed', '2022-11-24', { nextMeetingDate: '2022-12-08', caseNumber: `2022/11${i}`, reason: `Feil saksnummer ${i}` });
      expect((await register(api, round.id, first, corrected)).status).toBe(200);
    }

    // The clerk has signed in before (the person is recorded once per sign-in, not per request).
    await request(api.http).get(`/api/rounds/${round.id}`).set('Authorization', `Bearer ${await clerkToken(others[0])}`).expect(200);

    const trips = await counter.during(async () => expect((await register(api, round.id, others[0], decision('adopted', '2022-11-24'))).status).toBe(200));
    expect(trips).toHaveLength(2);
    expect(trips[0]).toMatch(/^BEGIN;\n/);
    expect(trips[1]).toMatch(/;\nCOMMIT$/);
    const statements = body(trips);
    expect(statements).toHaveLength(3);
    expect(statements[0]).toMatch(/FOR UPDATE/);
    expect(statements[1]).toMatch(/FROM round_member m WHERE m.round_id = r.id/);
    expect(statements[2]).toMatch(/INSERT INTO member_decision_revision[\s\S]*UPDATE round_member[\s\S]*INSERT INTO event/);
  });

  it('answers a retry with the same Idempotency-Key from what it kept, writing nothing', async () => {
    const round = await launchFeeRound(api, { subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2025-01-01' } });
    const key = { 'Idempotency-Key': 'statements-retry-1' };
    const first = await register(api, round.id, '5029', decision('adopted', '2022-11-24'), key);
    expect(first.status).toBe(200);
    const trips = await counter.during(async () => {
      const again = await register(api, round.id, '5029', decision('adopted', '2022-11-24'), key);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
    });
    // The trip that locks and reads, then COMMIT on its own.
    expect(trips).toHaveLength(2);
    expect(body(trips)).toHaveLength(2);
    expect(body(trips).filter((sql) => /^\s*(INSERT|UPDATE|DELETE|WITH)\b/i.test(sql))).toEqual([]);
  });
});
