import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { COUNCIL_TABLES, ROUND_TABLES, tableDigests } from './support/table-digest';
import { COUNCIL, decision } from './support/round-story';
import { adminToken, clerkToken, leaderToken, secretariatToken, tokenFor } from './support/tokens';

// Authorisation on every object, not only on every route: each role × each rounds endpoint × a
// round of Trondheimsregionen ("own": the council the roles below belong to) and a round of
// Innherred ("foreign"). Stjørdal (5035) is a member of both councils. A caller with no part in
// the council or the round gets 404, as if it did not exist; one who can see it but lacks the
// right gets 403. "Today" is 2022-10-01 in Oslo.

const TR = COUNCIL;
const INNHERRED = 'innherred';
const NOW = '2022-10-01T10:00:00+02:00';

/** The callers, each described by what they are to Trondheimsregionen. */
const ROLES = [
  'anonymous',
  'admin',
  'secretariat', // of Trondheimsregionen
  'foreignSecretariat', // of Innherred
  'leader', // of Trondheimsregionen
  'foreignLeader', // of Innherred
  'clerk', // of Malvik 5031, a member of Trondheimsregionen only
  'otherClerk', // of Trondheim 5001, another member of Trondheimsregionen
  'outsideClerk', // of Inderøy 5053, a member of Innherred only
  'bothClerk', // of Stjørdal 5035, a member of both councils
  'strangerClerk', // of Oslo 0301, a member of neither
  'dual', // secretariat of Innherred and clerk of Stjørdal 5035 in one token
] as const;
type Role = (typeof ROLES)[number];

const ENDPOINTS = ['launch', 'list', 'get', 'decision', 'register', 'extend', 'withdraw', 'expire', 'events'] as const;
type Endpoint = (typeof ENDPOINTS)[number];
type Side = 'own' | 'foreign';

/** The member whose decision the decision endpoints read and write: Malvik in the own round, Inderøy in the foreign one. */
const MEMBER: Record<Side, string> = { own: '5031', foreign: '5053' };
const SLUG: Record<Side, string> = { own: TR, foreign: INNHERRED };

// The expected status per endpoint, one column per role in the order of ROLES:
//                 anon admin sec  fSec lead fLead clerk other outside both stranger dual
const EXPECTED: Record<Side, Record<Endpoint, string>> = {
  own: {
    launch: /*   */ '401  201  201  404  403  404   403   403   404     403  404      403',
    list: /*     */ '401  200  200  404  200  404   200   200   404     200  404      200',
    get: /*      */ '401  200  200  404  200  404   200   200   404     200  404      200',
    decision: /* */ '401  200  200  404  200  404   200   200   404     200  404      200',
    register: /* */ '401  403  403  404  403  404   200   403   404     403  404      403',
    extend: /*   */ '401  200  200  404  403  404   403   403   404     403  404      403',
    withdraw: /* */ '401  200  200  404  403  404   403   403   404     403  404      403',
    expire: /*   */ '401  200  200  404  403  404   403   403   404     403  404      403',
    events: /*   */ '401  200  200  404  200  404   200   200   404     200  404      200',
  },
  foreign: {
    launch: /*   */ '401  201  404  201  404  403   404   404   403     403  404      201',
    list: /*     */ '401  200  404  200  404  200   404   404   200     200  404      200',
    get: /*      */ '401  200  404  200  404  200   404   404   200     200  404      200',
    decision: /* */ '401  200  404  200  404  200   404   404   200     200  404      200',
    register: /* */ '401  403  404  403  404  403   404   404   200     403  404      403',
    extend: /*   */ '401  200  404  200  404  403   404   404   403     403  404      200',
    withdraw: /* */ '401  200  404  200  404  403   404   404   403     403  404      200',
    expire: /*   */ '401  200  404  200  404  403   404   404   403     403  404      200',
    events: /*   */ '401  200  404  200  404  200   404   404   200     200  404      200',
  },
};

interface Case {
  side: Side;
  endpoint: Endpoint;
  role: Role;
  status: number;
}

const CASES: Case[] = (['own', 'foreign'] as const).flatMap((side) =>
  ENDPOINTS.flatMap((endpoint) => {
    const statuses = EXPECTED[side][endpoint].trim().split(/\s+/).map(Number);
    if (statuses.length !== ROLES.length) throw new Error(`EXPECTED.${side}.${endpoint} has ${statuses.length} columns`);
    return ROLES.map((role, column) => ({ side, endpoint, role, status: statuses[column] }));
  }),
);

const WRITES: readonly Endpoint[] = ['launch', 'register', 'extend', 'withdraw', 'expire'];
/** A response body: an object, or for the list a list of them. */
type Answer = Record<string, unknown> & Array<Record<string, unknown>>;

const member = (name: string, joinedOn = '2020-01-01') => ({ name, joinedOn, representatives: 2 });

/** What a fee round in each council proposes. */
const FEES: Record<Side, { total: string; costKey: string }> = {
  own: { total: '10000000.00', costKey: 'fees-2022' },
  foreign: { total: '200000.00', costKey: 'even' },
};

describe('authorisation on every round, for every role', () => {
  let api: TestApi;
  const bearer = {} as Record<Exclude<Role, 'anonymous'>, string>;
  const shared = {} as Record<Side, string>;
  let year = 2030;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: NOW });
    bearer.admin = await adminToken();
    bearer.secretariat = await secretariatToken(TR);
    bearer.foreignSecretariat = await secretariatToken(INNHERRED);
    bearer.leader = await leaderToken(TR);
    bearer.foreignLeader = await leaderToken(INNHERRED);
    bearer.clerk = await clerkToken('5031');
    bearer.otherClerk = await clerkToken('5001');
    bearer.outsideClerk = await clerkToken('5053');
    bearer.bothClerk = await clerkToken('5035');
    bearer.strangerClerk = await clerkToken('0301');
    bearer.dual = await tokenFor({
      sub: 'dual',
      roles: [
        { role: 'secretariat', council: INNHERRED },
        { role: 'clerk', municipality: '5035' },
      ],
    });

    // Innherred: Stjørdal (also in Trondheimsregionen) and Inderøy, an even cost key, and its 2022 fees.
    await call('post', '/api/councils', 'admin', { slug: INNHERRED, name: 'Innherred' }).expect(201);
    await call('put', `/api/councils/${INNHERRED}/members/5035`, 'admin', member('Stjørdal')).expect(201);
    await call('put', `/api/councils/${INNHERRED}/members/5053`, 'admin', member('Inderøy')).expect(201);
    await call('put', `/api/councils/${INNHERRED}/cost-keys/even`, 'foreignSecretariat', { weights: { '5035': '1', '5053': '1' } }).expect(200);
    await call('put', `/api/councils/${INNHERRED}/fees/2022-01-01`, 'foreignSecretariat', {
      fees: [
        { municipalityNumber: '5035', amount: '100000.00' },
        { municipalityNumber: '5053', amount: '50000.00' },
      ],
      reason: 'Medlemsavgift 2022, vedtatt før oppstart',
    }).expect(201);

    shared.own = await launchIn('own');
    shared.foreign = await launchIn('foreign');
  });

  afterAll(() => api?.close());

  function call(method: 'get' | 'post' | 'put', path: string, role: Role, body?: unknown): request.Test {
    const test = request(api.http)[method](path);
    if (role !== 'anonymous') test.set('Authorization', `Bearer ${bearer[role]}`);
    return body === undefined ? test : test.send(body as object);
  }

  function launchBody(side: Side, deadline = '2022-12-15') {
    return { subject: { type: 'fees', ...FEES[side], effectiveFrom: `${year++}-01-01` }, deadline };
  }

  /** A fresh open round in the council, launched by the admin; its id. */
  async function launchIn(side: Side, deadline?: string): Promise<string> {
    const response = await call('post', `/api/councils/${SLUG[side]}/rounds`, 'admin', launchBody(side, deadline));
    expect(response.status).toBe(201);
    return response.body.id;
  }

  const snapshot = (tables: string[]) => tableDigests(api.dataSource, tables);

  function expectProblem(response: request.Response, status: number): void {
    expect({ status: response.status, code: response.body.code }).toMatchObject({ status });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  }

  /** Sends the endpoint's request for the round (or the council, for launch and list). */
  function send(endpoint: Endpoint, side: Side, role: Role, roundId: string): request.Test {
    const round = `/api/rounds/${roundId}`;
    switch (endpoint) {
      case 'launch':
        return call('post', `/api/councils/${SLUG[side]}/rounds`, role, launchBody(side));
      case 'list':
        return call('get', `/api/councils/${SLUG[side]}/rounds`, role);
      case 'get':
        return call('get', round, role);
      case 'decision':
        return call('get', `${round}/decisions/${MEMBER[side]}`, role);
      case 'register':
        return call('put', `${round}/decisions/${MEMBER[side]}`, role, decision('scheduled', '2022-11-10'));
      case 'extend':
        return call('post', `${round}/extend`, role, { deadline: '2023-01-31', reason: 'Et medlem behandler saken i januar' });
      case 'withdraw':
        return call('post', `${round}/withdraw`, role, { reason: 'Nye budsjettrammer' });
      case 'expire':
        return call('post', `${round}/expire`, role, { reason: 'Fristen er ute' });
      case 'events':
        return call('get', `${round}/events`, role);
    }
  }

  /** What the answer of an allowed request must show about the object it was asked about. */
  function expectAnswerAbout(endpoint: Endpoint, side: Side, roundId: string, body: Answer): void {
    switch (endpoint) {
      case 'launch':
        return expect(body).toMatchObject({ council: SLUG[side], status: 'open' });
      case 'list':
        return expect(body.map((round) => round.id)).toContain(shared[side]);
      case 'get':
        return expect(body).toMatchObject({ id: roundId, council: SLUG[side] });
      case 'decision':
        return expect(body).toMatchObject({ roundId, municipalityNumber: MEMBER[side] });
      case 'register':
        return expect(body).toMatchObject({
          member: { municipalityNumber: MEMBER[side], status: 'scheduled' },
          round: { id: roundId, status: 'open' },
        });
      case 'extend':
        return expect(body).toMatchObject({ id: roundId, deadline: '2023-01-31' });
      case 'withdraw':
        return expect(body).toMatchObject({ id: roundId, status: 'withdrawn', statusReason: 'Nye budsjettrammer' });
      case 'expire':
        return expect(body).toMatchObject({ id: roundId, status: 'expired' });
      case 'events':
        return expect(body[0]).toMatchObject({ type: 'round.launched' });
    }
  }

  it.each(CASES)('$side round: $role → $endpoint → $status', async ({ side, endpoint, role, status }) => {
    const allowed = status < 300;
    const writes = WRITES.includes(endpoint);
    if (allowed && writes) {
      // Every allowed write acts on a round of its own, so that the other cases find the shared rounds open.
      // Expiry needs a round whose deadline has passed: one that ends today, asked tomorrow.
      const roundId = endpoint === 'launch' ? '' : await launchIn(side, endpoint === 'expire' ? '2022-10-01' : undefined);
      if (endpoint === 'expire') api.clock.set('2022-10-02T10:00:00+02:00');
      try {
        const response = await send(endpoint, side, role, roundId);
        expect({ status: response.status, body: response.body }).toMatchObject({ status });
        expectAnswerAbout(endpoint, side, roundId, response.body);
      } finally {
        api.clock.set(NOW);
      }
      return;
    }

    const before = await snapshot(ROUND_TABLES);
    const response = await send(endpoint, side, role, shared[side]);
    if (allowed) {
      expect({ status: response.status, body: response.body }).toMatchObject({ status });
      expectAnswerAbout(endpoint, side, shared[side], response.body);
    } else {
      expectProblem(response, status);
      if (status === 404) expect(response.body.code).toBe(endpoint === 'launch' || endpoint === 'list' ? 'COUNCIL.NOT_FOUND' : 'ROUND.NOT_FOUND');
      if (status === 403) expect(response.body.code).toMatch(/^ACCESS\./);
    }
    expect(await snapshot(ROUND_TABLES)).toEqual(before);
  });

  describe('a municipality in two councils', () => {
    it('lets the clerk of Stjørdal register for Stjørdal in the rounds of both councils', async () => {
      for (const side of ['own', 'foreign'] as const) {
        const response = await call('put', `/api/rounds/${shared[side]}/decisions/5035`, 'bothClerk', decision('scheduled', '2022-11-17'));
        expect(response.status).toBe(200);
        expect(response.body.member).toMatchObject({ municipalityNumber: '5035', status: 'scheduled' });
        const history = await call('get', `/api/rounds/${shared[side]}/decisions/5035`, 'admin').expect(200);
        expect(history.body.revisions).toEqual([expect.objectContaining({ registeredBy: 'clerk.5035', meetingDate: '2022-11-17' })]);
      }
    });

    it('never lets the clerk of Stjørdal register for Malvik: 403 where Malvik is a member, 404 where it is not', async () => {
      const before = await snapshot(ROUND_TABLES);
      const own = await call('put', `/api/rounds/${shared.own}/decisions/5031`, 'bothClerk', decision('scheduled', '2022-11-17'));
      expectProblem(own, 403);
      expect(own.body.code).toBe('ACCESS.CLERK_ONLY');
      const foreign = await call('put', `/api/rounds/${shared.foreign}/decisions/5031`, 'bothClerk', decision('scheduled', '2022-11-17'));
      expectProblem(foreign, 404);
      expect(foreign.body.code).toBe('DECISION.NOT_IN_ELECTORATE');
      const inderoy = await call('put', `/api/rounds/${shared.foreign}/decisions/5053`, 'bothClerk', decision('scheduled', '2022-11-17'));
      expectProblem(inderoy, 403);
      expect(await snapshot(ROUND_TABLES)).toEqual(before);
    });

    it('shows a clerk the rounds of the councils their municipality is in, and 404 for the others', async () => {
      const listed = async (role: Role, side: Side) =>
        (await call('get', `/api/councils/${SLUG[side]}/rounds`, role).expect(200)).body.map((round: { id: string }) => round.id);
      expect(await listed('bothClerk', 'own')).toContain(shared.own);
      expect(await listed('bothClerk', 'foreign')).toContain(shared.foreign);
      expect(await listed('clerk', 'own')).toContain(shared.own);
      expect(await listed('outsideClerk', 'foreign')).toContain(shared.foreign);
      expectProblem(await call('get', `/api/councils/${INNHERRED}/rounds`, 'clerk'), 404);
      expectProblem(await call('get', `/api/rounds/${shared.foreign}`, 'clerk'), 404);
      expectProblem(await call('get', `/api/councils/${TR}/rounds`, 'outsideClerk'), 404);
      expectProblem(await call('get', `/api/rounds/${shared.own}/events`, 'outsideClerk'), 404);
    });

    it('answers a round the caller may not see exactly as a round that does not exist', async () => {
      const strip = (body: Record<string, unknown>, id: string) =>
        JSON.parse(JSON.stringify(body).replaceAll(id, '<id>')) as Record<string, unknown>;
      const missing = '00000000-0000-4000-8000-000000000000';
      for (const path of ['', '/events', '/decisions/5031']) {
        const hidden = await call('get', `/api/rounds/${shared.own}${path}`, 'outsideClerk');
        const absent = await call('get', `/api/rounds/${missing}${path}`, 'outsideClerk');
        expect(hidden.status).toBe(404);
        expect(strip(hidden.body, shared.own)).toEqual(strip(absent.body, missing));
      }
      const hiddenCouncil = await call('get', `/api/councils/${TR}/rounds`, 'foreignLeader');
      const absentCouncil = await call('get', '/api/councils/nowhere/rounds', 'foreignLeader');
      expect(hiddenCouncil.status).toBe(404);
      expect(strip(hiddenCouncil.body, TR)).toEqual(strip(absentCouncil.body, 'nowhere'));
    });
  });

  describe('the council endpoints, for callers with no part in the council', () => {
    // councils.e2e-spec covers the leader's and the clerk's 403 and the foreign secretariat's 404 on
    // these; here the foreign leader and a clerk of a municipality outside the council.
    const WRITES_OF_COUNCILS: Array<[string, 'post' | 'put', string, unknown]> = [
      ['add a member', 'put', `/api/councils/${TR}/members/5031`, { name: 'Malvik', joinedOn: '2020-01-01', representatives: 2 }],
      ['save a cost key', 'put', `/api/councils/${TR}/cost-keys/flat`, { weights: { '5001': '1' } }],
      ['record fees', 'put', `/api/councils/${TR}/fees/2021-01-01`, { fees: [{ municipalityNumber: '5001', amount: '1.00' }], reason: 'x' }],
      ['preview an allocation', 'post', `/api/councils/${TR}/allocations`, { total: '100.00', costKey: 'fees-2022' }],
      [
        'write an agreement version',
        'post',
        `/api/councils/${TR}/agreement-versions`,
        { title: 'x', effectiveFrom: '2023-01-01', sections: [{ ref: '§ 1', heading: 'Navn', text: 'x' }], minimumContent: { a: '§ 1' } },
      ],
    ];
    const READS_OF_COUNCILS = ['', '/fees', '/agreement', '/cost-keys/fees-2022', '/agreement-versions'];

    const OUTSIDERS = ['foreignLeader', 'outsideClerk'] as const;

    it.each(WRITES_OF_COUNCILS.flatMap(([what, method, path, body]) => OUTSIDERS.map((role) => ({ what, method, path, body, role }))))(
      '$role may not $what: 404, nothing written',
      async ({ method, path, body, role }) => {
        const before = await snapshot(COUNCIL_TABLES);
        const response = await call(method, path, role, body);
        expectProblem(response, 404);
        expect(response.body.code).toBe('COUNCIL.NOT_FOUND');
        expect(await snapshot(COUNCIL_TABLES)).toEqual(before);
      },
    );

    it.each(READS_OF_COUNCILS.flatMap((path) => OUTSIDERS.map((role) => ({ path, role }))))(
      '$role may not read /api/councils/trondheimsregionen$path: 404',
      async ({ path, role }) => {
        expectProblem(await call('get', `/api/councils/${TR}${path}`, role), 404);
      },
    );
  });

  describe('a member that joined after the round was launched', () => {
    it('sees the council but not the round it had no vote in', async () => {
      await call('put', `/api/councils/${INNHERRED}/members/5037`, 'admin', member('Levanger', '2022-10-01')).expect(201);
      bearer.strangerClerk = await clerkToken('5037');
      await call('get', `/api/councils/${INNHERRED}`, 'strangerClerk').expect(200);
      const listed = await call('get', `/api/councils/${INNHERRED}/rounds`, 'strangerClerk').expect(200);
      expect(listed.body).toEqual([]);
      expectProblem(await call('get', `/api/rounds/${shared.foreign}`, 'strangerClerk'), 404);
      const before = await snapshot(ROUND_TABLES);
      expectProblem(await call('put', `/api/rounds/${shared.foreign}/decisions/5037`, 'strangerClerk', decision('scheduled', '2022-11-17')), 404);
      expect(await snapshot(ROUND_TABLES)).toEqual(before);
    });
  });
});
