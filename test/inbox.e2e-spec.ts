import request from 'supertest';
import { TRONDHEIMSREGIONEN } from '@app/domain/testing/trondheimsregionen.fixture';
import { TestApi, startTestApi } from './support/api';
import { OpenApiDocument, itIsDocumented } from './support/openapi-schema';
import { countQueries } from './support/query-counter';
import { COUNCIL, MEMBERS, decision, launchFeeRound, register } from './support/round-story';
import { adminToken, clerkToken, leaderToken, secretariatToken } from './support/tokens';

// A municipality's inbox: what awaits its kommunestyre in every council it belongs to. Malvik
// (5031) is in Trondheimsregionen and in Trondheimsalliansen IPR (the same eight municipalities,
// seed 000); Stjørdal (5035) is also in Innherred. "Today" starts at 2022-10-01 in Oslo.

const PATH = '/api/municipalities/{municipalityNumber}/inbox';
const ALLIANCE = 'trondheimsalliansen';
const INNHERRED = 'innherred';

interface InboxItem {
  round: { id: string; title: string; council: { slug: string; name: string }; deadline: string; daysToDeadline: number; subject: Record<string, string> };
  member: { status: string; overdue: boolean; decision: Record<string, unknown> | null; etag: string };
  action: 'register' | 'none';
}

interface Inbox {
  municipality: { number: string; name: string };
  asOf: string;
  items: InboxItem[];
  decided: Array<{ round: { id: string; title: string; council: { slug: string; name: string }; status: string }; member: { status: string; meetingDate: string | null } }>;
}

/** Creates a council as the admin, with its members and a cost key named `budget`. */
async function createCouncil(
  api: TestApi,
  council: { slug: string; name: string },
  members: Record<string, string>,
  weights: Record<string, string>,
): Promise<void> {
  const admin = `Bearer ${await adminToken()}`;
  await request(api.http).post('/api/councils').set('Authorization', admin).send(council).expect(201);
  for (const [number, name] of Object.entries(members)) {
    await request(api.http)
      .put(`/api/councils/${council.slug}/members/${number}`)
      .set('Authorization', admin)
      .send({ name, joinedOn: '2020-01-01', representatives: 1 })
      .expect(201);
  }
  await request(api.http).put(`/api/councils/${council.slug}/cost-keys/budget`).set('Authorization', admin).send({ weights }).expect(200);
}

/** Launches a fee round in a council as the admin. */
async function launchIn(api: TestApi, slug: string, effectiveFrom: string, deadline: string, title?: string): Promise<string> {
  const response = await request(api.http)
    .post(`/api/councils/${slug}/rounds`)
    .set('Authorization', `Bearer ${await adminToken()}`)
    .send({ subject: { type: 'fees', total: '100000.00', costKey: 'budget', effectiveFrom }, deadline, ...(title ? { title } : {}) });
  if (response.status !== 201) throw new Error(`launch in ${slug} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

const ALLIANCE_MEMBERS = Object.fromEntries(TRONDHEIMSREGIONEN.members.map((member) => [member.municipalityNumber, member.name]));

async function withAlliance(api: TestApi): Promise<void> {
  await createCouncil(api, { slug: ALLIANCE, name: 'Trondheimsalliansen IPR' }, ALLIANCE_MEMBERS, TRONDHEIMSREGIONEN.percentages2025);
}

describe('GET /api/municipalities/{municipalityNumber}/inbox', () => {
  let api: TestApi;
  let document: OpenApiDocument;
  const answers: request.Response[] = [];
  const rounds = {} as Record<'region' | 'alliance' | 'innherred', string>;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2022-10-01T10:00:00+02:00' });
    document = await OpenApiDocument.of(api);
    rounds.region = (await launchFeeRound(api)).id;
    await withAlliance(api);
    rounds.alliance = await launchIn(api, ALLIANCE, '2025-01-01', '2022-11-30', 'Budsjett 2025');
    await createCouncil(api, { slug: INNHERRED, name: 'Innherred' }, { '5035': 'Stjørdal', '5053': 'Inderøy' }, { '5035': '1', '5053': '1' });
    rounds.innherred = await launchIn(api, INNHERRED, '2023-01-01', '2022-12-15');
  });

  afterAll(() => api?.close());

  const inboxAs = (authorization: string | null, number: string) => {
    const test = request(api.http).get(`/api/municipalities/${number}/inbox`);
    return authorization === null ? test : test.set('Authorization', authorization);
  };

  async function inbox(number: string): Promise<Inbox> {
    const response = await inboxAs(`Bearer ${await clerkToken(number)}`, number);
    expect({ status: response.status, body: response.status === 200 ? 'an inbox' : response.body }).toEqual({ status: 200, body: 'an inbox' });
    answers.push(response);
    return response.body;
  }

  const itemFor = (view: Inbox, roundId: string) => view.items.find((item) => item.round.id === roundId)!;

  it("lists every open round the municipality is in, across its councils, the nearest deadline first, with what to send as If-Match", async () => {
    const malvik = await inbox('5031');
    expect(malvik.municipality).toEqual({ number: '5031', name: 'Malvik' });
    expect(malvik.asOf).toBe(new Date('2022-10-01T10:00:00+02:00').toISOString());
    expect(malvik.decided).toEqual([]);
    // Innherred's round is not Malvik's: it is not in that electorate.
    expect(malvik.items.map((item) => item.round.id)).toEqual([rounds.alliance, rounds.region]);
    expect(malvik.items[0]).toEqual({
      round: {
        id: rounds.alliance,
        title: 'Budsjett 2025',
        council: { slug: ALLIANCE, name: 'Trondheimsalliansen IPR' },
        deadline: '2022-11-30',
        daysToDeadline: 60,
        subject: { type: 'fees', total: '100000.00', costKey: 'budget', effectiveFrom: '2025-01-01', roundTo: 'ore' },
      },
      member: { status: 'pending', overdue: false, decision: null, etag: `"${rounds.alliance.slice(0, 8)}-5031-0"` },
      action: 'register',
    });
    expect(malvik.items[1]).toMatchObject({
      round: { council: { slug: COUNCIL, name: 'Trondheimsregionen' }, deadline: '2022-12-15', daysToDeadline: 75, subject: { total: '10000000.00' } },
      action: 'register',
    });

    // Stjørdal is in all three; two deadlines on the same day go by council slug.
    const stjordal = await inbox('5035');
    expect(stjordal.items.map((item) => [item.round.council.slug, item.round.deadline])).toEqual([
      [ALLIANCE, '2022-11-30'],
      [INNHERRED, '2022-12-15'],
      [COUNCIL, '2022-12-15'],
    ]);
  });

  it('moves a round the kommunestyre has decided behind those still to register, with a new ETag, and lists it as decided', async () => {
    api.clock.set('2022-11-25T12:00:00+01:00');
    const before = itemFor(await inbox('5031'), rounds.alliance);

    const adopted = await register(api, rounds.alliance, '5031', decision('adopted', '2022-11-24'), { 'If-Match': before.member.etag });
    expect(adopted.status).toBe(200);
    // Malvik's kommunestyre has the region's round on its December meeting: still to register.
    const scheduled = await register(api, rounds.region, '5031', decision('scheduled', '2022-12-08'));
    expect(scheduled.status).toBe(200);

    const after = await inbox('5031');
    expect(after.items.map((item) => [item.round.id, item.action])).toEqual([
      [rounds.region, 'register'],
      [rounds.alliance, 'none'],
    ]);
    const decided = itemFor(after, rounds.alliance);
    expect(decided.member).toMatchObject({ status: 'adopted', overdue: false, decision: { meetingDate: '2022-11-24', caseNumber: '2022/1124', revision: 1 } });
    expect(decided.member.etag).not.toBe(before.member.etag);
    expect(decided.member.etag).toBe(adopted.headers.etag);
    expect(itemFor(after, rounds.region).member).toMatchObject({ status: 'scheduled', decision: { meetingDate: '2022-12-08' } });
    expect(after.decided).toEqual([
      { round: { id: rounds.alliance, title: 'Budsjett 2025', council: { slug: ALLIANCE, name: 'Trondheimsalliansen IPR' }, status: 'open' }, member: { status: 'adopted', meetingDate: '2022-11-24' } },
    ]);

    // The ETag shown is the one the decision's PUT checks: the old one is now stale.
    const stale = await register(api, rounds.alliance, '5031', decision('adopted', '2022-11-24', { note: 'Protokoll godkjent', reason: 'Protokollen er godkjent' }), { 'If-Match': before.member.etag });
    expect(stale.status).toBe(412);
    const current = await register(api, rounds.alliance, '5031', decision('adopted', '2022-11-24', { note: 'Protokoll godkjent', reason: 'Protokollen er godkjent' }), { 'If-Match': decided.member.etag });
    expect(current.status).toBe(200);
  });

  it('marks what is overdue after the deadline, and keeps a postponed case to register', async () => {
    api.clock.set('2022-12-01T09:00:00+01:00');
    const postponed = await register(api, rounds.alliance, '5035', decision('postponed', '2022-11-30', { nextMeetingDate: '2022-12-14' }));
    expect(postponed.status).toBe(200);
    const stjordal = await inbox('5035');
    expect(itemFor(stjordal, rounds.alliance)).toMatchObject({
      round: { daysToDeadline: -1 },
      member: { status: 'postponed', overdue: true, decision: { nextMeetingDate: '2022-12-14' } },
      action: 'register',
    });
    expect(itemFor(stjordal, rounds.region)).toMatchObject({ round: { daysToDeadline: 14 }, member: { overdue: false }, action: 'register' });
    // Malvik's decision came in time.
    expect(itemFor(await inbox('5031'), rounds.alliance).member.overdue).toBe(false);
  });

  it('drops a settled round from the items and keeps it among the decided, the latest meeting first', async () => {
    api.clock.set('2022-12-16T10:00:00+01:00');
    for (const number of MEMBERS.filter((member) => member !== '5031')) {
      const response = await register(api, rounds.alliance, number, decision('adopted', '2022-12-14'));
      expect({ number, status: response.status }).toEqual({ number, status: 200 });
    }
    const veto = await register(api, rounds.region, '5031', decision('rejected', '2022-12-08'));
    expect(veto.body.round.status).toBe('rejected');

    const malvik = await inbox('5031');
    expect(malvik.items).toEqual([]);
    expect(malvik.decided.map((entry) => [entry.round.id, entry.round.status, entry.member.status, entry.member.meetingDate])).toEqual([
      [rounds.region, 'rejected', 'rejected', '2022-12-08'],
      [rounds.alliance, 'approved', 'adopted', '2022-11-24'],
    ]);
    const stjordal = await inbox('5035');
    expect(stjordal.items.map((item) => item.round.id)).toEqual([rounds.innherred]);
    expect(stjordal.decided.map((entry) => entry.round.id)).toEqual([rounds.alliance]);
  });

  describe('who may read it', () => {
    it("answers the municipality's clerk and the admin", async () => {
      expect((await inboxAs(`Bearer ${await clerkToken('5031')}`, '5031')).status).toBe(200);
      const admin = await inboxAs(`Bearer ${await adminToken()}`, '5031');
      expect(admin.status).toBe(200);
      expect(admin.body.municipality).toEqual({ number: '5031', name: 'Malvik' });
    });

    it('answers 404 to everyone else, as if the municipality were unknown: another clerk, its leaders and secretariat', async () => {
      const others = [await clerkToken('5031'), await leaderToken(COUNCIL), await secretariatToken(COUNCIL), await secretariatToken(ALLIANCE)];
      for (const token of others) {
        const response = await inboxAs(`Bearer ${token}`, '5001');
        expectProblem(response, 404);
        expect(response.body.code).toBe('MUNICIPALITY.NOT_FOUND');
        answers.push(response);
      }
      const unknown = await inboxAs(`Bearer ${await clerkToken('0301')}`, '0301');
      expectProblem(unknown, 404);
      expect(unknown.body.detail).toBe((await inboxAs(`Bearer ${await clerkToken('5031')}`, '0301')).body.detail);
    });

    it('answers 401 without a token or with a bad one', async () => {
      expectProblem(await inboxAs(null, '5031'), 401);
      const bad = await inboxAs('Bearer not-a-token', '5031');
      expectProblem(bad, 401);
      answers.push(bad);
    });

    it('answers 400 naming the municipality number when it is not four digits', async () => {
      for (const number of ['503', '50311', 'malv', '5O31']) {
        const response = await inboxAs(`Bearer ${await adminToken()}`, number);
        expectProblem(response, 400);
        expect(response.body.errors).toEqual([expect.objectContaining({ field: 'municipalityNumber' })]);
        answers.push(response);
      }
    });
  });

  describe('its OpenAPI document', () => {
    itIsDocumented(PATH, [400, 401, 404], () => document, () => answers, 8);
  });
});

describe('what the inbox costs', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2022-10-01T10:00:00+02:00' });
    await withAlliance(api);
  });

  afterAll(() => api?.close());

  const inboxAs = (authorization: string, number: string) => request(api.http).get(`/api/municipalities/${number}/inbox`).set('Authorization', authorization);

  /** What reading an inbox sends to PostgreSQL, and its answer. */
  const measured = async (authorization: string, number: string) => {
    // Signing in is remembered on the first request of a token; the measure starts after it.
    await inboxAs(authorization, number);
    const counter = countQueries(api.dataSource);
    try {
      let response: request.Response | undefined;
      const trips = await counter.during(async () => {
        response = await inboxAs(authorization, number);
      });
      return { trips, response: response! };
    } finally {
      counter.detach();
    }
  };

  it('reads in one round trip to PostgreSQL for 1 open round as for 50 across two councils, with rounds decided beside them', async () => {
    const authorization = `Bearer ${await clerkToken('5031')}`;
    const read = async () => {
      const { trips, response } = await measured(authorization, '5031');
      expect(response.status).toBe(200);
      return { trips, body: response.body as Inbox };
    };
    await launchFeeRound(api);
    const one = await read();
    expect(one.body.items).toHaveLength(1);

    for (let i = 1; i < 50; i++) {
      const round = i % 2
        ? await launchIn(api, ALLIANCE, `${2030 + i}-01-01`, '2023-03-01')
        : (await launchFeeRound(api, { subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: `${2030 + i}-01-01` } })).id;
      if (i % 3 === 0) await register(api, round, '5031', decision('adopted', '2022-09-29'));
    }
    const fifty = await read();
    expect(fifty.body.items).toHaveLength(50);
    expect(new Set(fifty.body.items.map((item) => item.round.council.slug))).toEqual(new Set([COUNCIL, ALLIANCE]));
    // Sixteen rounds decided, the inbox looks back on ten.
    expect(fifty.body.decided).toHaveLength(10);

    // One trip: the snapshot's BEGIN, the four statements of the inbox, COMMIT.
    expect(one.trips).toHaveLength(1);
    expect(one.trips[0]).toMatch(/^BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\n[\s\S]*FROM round_member rm[\s\S]*;\nCOMMIT$/);
    expect(fifty.trips).toEqual(one.trips);
  });

  it('refuses an unknown municipality in one round trip, and whoever is not its clerk without asking PostgreSQL', async () => {
    for (const authorization of [`Bearer ${await adminToken()}`, `Bearer ${await clerkToken('0301')}`]) {
      const unknown = await measured(authorization, '0301');
      expect({ status: unknown.response.status, code: unknown.response.body.code, trips: unknown.trips.length }).toEqual({ status: 404, code: 'MUNICIPALITY.NOT_FOUND', trips: 1 });
    }
    for (const authorization of [`Bearer ${await clerkToken('5001')}`, `Bearer ${await leaderToken(COUNCIL)}`, `Bearer ${await secretariatToken(COUNCIL)}`]) {
      const other = await measured(authorization, '5031');
      expect({ status: other.response.status, code: other.response.body.code, trips: other.trips.length }).toEqual({ status: 404, code: 'MUNICIPALITY.NOT_FOUND', trips: 0 });
    }
  });
});

function expectProblem(response: request.Response, status: number): void {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(/^application\/problem\+json/) });
  expect(response.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
}
