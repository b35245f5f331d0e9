import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { QueryCounter, countQueries } from './support/query-counter';
import { COUNCIL, decision, launchFeeRound, register } from './support/round-story';
import { clerkToken, leaderToken, secretariatToken } from './support/tokens';

// Every statement node-postgres sends is a round trip, and each blocks the api's event loop for a
// while. A round, a council's round list and the public page are each read in one: BEGIN
// REPEATABLE READ READ ONLY, the access check and the read's statements, COMMIT, in one string.
// A refusal costs the same trip (it is the access check's answer), and a page of 50 rounds what a
// page of one does.

const ONE_TRIP = /^BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\n[^]*;\nCOMMIT$/;
const ABSENT = '00000000-0000-4000-8000-000000000000';

describe('the reads of rounds, one round trip each', () => {
  let api: TestApi;
  let counter: QueryCounter;
  let secretariat: string;
  let round: string;

  /** What the api sent to PostgreSQL to answer one GET, and the answer's status. */
  const tripsOf = async (path: string, authorization: string | null, status: number) =>
    counter.during(async () => {
      const call = request(api.http).get(path);
      const response = await (authorization ? call.set('Authorization', authorization) : call);
      expect({ path, status: response.status }).toEqual({ path, status });
    });

  /** The statements one trip carries, between its BEGIN and COMMIT (none of these reads' literals holds a semicolon and a line break). */
  const statementsIn = (trip: string) => trip.split(';\n').slice(1, -1);

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2022-10-01T10:00:00+02:00' });
    counter = countQueries(api.dataSource);
    secretariat = `Bearer ${await secretariatToken(COUNCIL)}`;
    round = (await launchFeeRound(api, { public: true })).id;
    await register(api, round, '5001', decision('adopted', '2022-09-29', { body: 'bystyre' }));
    // Fifty-four copies of the round, written straight to the tables: a page of fifty, and more.
    await api.dataSource.query(
      `WITH made AS (
         INSERT INTO round (council_id, title, subject_type, fee_total_ore, cost_key, fee_effective_from, round_to, decision_rule, deadline,
                            reminder_days_before, expires_automatically, status, launched_by, launched_at, closed_at, lock_version, is_public)
         SELECT r.council_id, 'Kopi ' || n, r.subject_type, r.fee_total_ore, r.cost_key, r.fee_effective_from + make_interval(years => 100 + n), r.round_to,
                r.decision_rule, r.deadline, r.reminder_days_before, r.expires_automatically, 'approved', r.launched_by,
                r.launched_at - n * interval '1 second', r.launched_at, 1, n % 2 = 0
           FROM round r, generate_series(1, 54) n
          WHERE r.id = $1
         RETURNING id)
       INSERT INTO round_member (round_id, municipality_number, name, status, revision)
       SELECT made.id, rm.municipality_number, rm.name, 'adopted', 1 FROM made JOIN round_member rm ON rm.round_id = $1`,
      [round],
    );
    // Signing in is remembered on a token's first request; the counting starts after it.
    for (const who of [secretariat, `Bearer ${await clerkToken('5031')}`, `Bearer ${await clerkToken('5053')}`, `Bearer ${await leaderToken('innherred')}`]) {
      await request(api.http).get('/api/me').set('Authorization', who);
    }
  });

  afterAll(async () => {
    counter?.detach();
    await api?.close();
  });

  it('reads a round in one trip: the access check and the four statements of its view', async () => {
    for (const who of [secretariat, `Bearer ${await clerkToken('5031')}`]) {
      const trips = await tripsOf(`/api/rounds/${round}`, who, 200);
      expect(trips).toEqual([expect.stringMatching(ONE_TRIP)]);
      expect(statementsIn(trips[0])).toHaveLength(5);
    }
  });

  it('refuses a round in one trip, whether it is hidden from the caller or not there at all', async () => {
    for (const [path, who] of [
      [`/api/rounds/${round}`, `Bearer ${await clerkToken('5053')}`],
      [`/api/rounds/${round}`, `Bearer ${await leaderToken('innherred')}`],
      [`/api/rounds/${ABSENT}`, secretariat],
    ]) {
      expect(await tripsOf(path, who, 404)).toEqual([expect.stringMatching(ONE_TRIP)]);
    }
  });

  it('reads a page of fifty round summaries in one trip, as a page of one, for the staff and for a clerk', async () => {
    for (const who of [secretariat, `Bearer ${await clerkToken('5031')}`]) {
      for (const limit of [1, 50]) {
        const trips = await counter.during(async () => {
          const page = await request(api.http).get(`/api/councils/${COUNCIL}/rounds?limit=${limit}`).set('Authorization', who).expect(200);
          expect(page.body).toHaveLength(limit);
          expect(page.body.some((item: Record<string, unknown>) => 'members' in item || 'allocation' in item || 'forecast' in item)).toBe(false);
          expect(page.headers.link).toMatch(/rel="next"$/);
        });
        expect(trips).toEqual([expect.stringMatching(ONE_TRIP)]);
        // The council's access check, and the page with its summaries.
        expect(statementsIn(trips[0])).toHaveLength(2);
      }
    }
  });

  it('refuses a round list in one trip, whether the council is hidden from the caller or not there at all', async () => {
    for (const [path, who] of [
      [`/api/councils/${COUNCIL}/rounds`, `Bearer ${await clerkToken('5053')}`],
      [`/api/councils/${COUNCIL}/rounds?limit=50`, `Bearer ${await leaderToken('innherred')}`],
      ['/api/councils/nowhere/rounds', secretariat],
    ]) {
      expect(await tripsOf(path, who, 404)).toEqual([expect.stringMatching(ONE_TRIP)]);
    }
  });

  it('reads the public page in one trip, first page or older, and answers a council that is not there in one', async () => {
    const first = await counter.during(async () => {
      const page = await request(api.http).get(`/public/${COUNCIL}`).expect(200);
      expect(page.headers.link).toMatch(/rel="next"$/);
    });
    expect(first).toEqual([expect.stringMatching(ONE_TRIP)]);
    // The council, the page, and the four statements of its rounds' views.
    expect(statementsIn(first[0])).toHaveLength(6);
    const older = (await request(api.http).get(`/public/${COUNCIL}`).expect(200)).headers.link.replace(/^<([^>]+)>.*$/, '$1');
    expect(await tripsOf(older, null, 200)).toEqual([expect.stringMatching(ONE_TRIP)]);
    expect(await tripsOf('/public/nowhere', null, 404)).toEqual([expect.stringMatching(ONE_TRIP)]);
  });
});
