import request from 'supertest';
import { TRONDHEIMSREGIONEN } from '@app/domain/testing/trondheimsregionen.fixture';
import { TestApi, startTestApi } from './support/api';
import { OpenApiDocument, itIsDocumented } from './support/openapi-schema';
import { countQueries } from './support/query-counter';
import { COUNCIL, MEMBERS, decision, launchFeeRound, register } from './support/round-story';
import { adminToken, clerkToken, leaderToken, secretariatToken } from './support/tokens';

// The council's dashboard: what its secretariat and leaders follow. The demo's Trondheimsregionen
// with the NOK 10 000 000 fee round of 2022 (deadline 2022-12-15), watched from launch to approval.

const PATH = '/api/councils/{slug}/dashboard';
const BY_NUMBER = [...TRONDHEIMSREGIONEN.members].sort((a, b) => a.municipalityNumber.localeCompare(b.municipalityNumber));
const allocation2023 = TRONDHEIMSREGIONEN.allocation2023 as Record<string, string>;
const fees2022 = TRONDHEIMSREGIONEN.fees2022 as Record<string, string>;

const COMPLETE_VERSION = {
  title: 'Samarbeidsavtale 2023',
  effectiveFrom: '2023-01-01',
  sections: [{ ref: '§ 1', heading: 'Navn', text: 'Rådets navn er Trondheimsregionen.' }],
  minimumContent: { a: '§ 1', b: '§ 2', c: '§ 5', d: '§ 3', e: '§ 4', f: '§ 9', g: '§ 11', h: '§ 12' },
};

interface Cell {
  municipalityNumber: string;
  status: string | null;
  overdue: boolean;
  meetingDate: string | null;
  nextMeetingDate: string | null;
}

interface DashboardRound {
  id: string;
  title: string;
  subject: Record<string, string>;
  decisionRule: { kind: string; by?: string; atLeast?: string };
  deadline: string;
  daysToDeadline: number;
  progress: Record<string, number>;
  overdue: string[];
  forecast: { date: string | null; pastDeadline: boolean; unscheduled: string[] };
  cells: Cell[];
  fees: { items: Array<Record<string, string>>; sum: Record<string, string> } | null;
}

interface Dashboard {
  council: { slug: string; name: string };
  asOf: string;
  members: Array<{ municipalityNumber: string; name: string }>;
  openRounds: DashboardRound[];
  recentlySettled: Array<{ id: string; title: string; status: string; settledAt: string; decisiveMunicipalityNumber: string }>;
}

describe('GET /api/councils/{slug}/dashboard', () => {
  let api: TestApi;
  let document: OpenApiDocument;
  let secretariat: string;
  const answers: request.Response[] = [];

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2022-10-01T10:00:00+02:00' });
    document = await OpenApiDocument.of(api);
    secretariat = `Bearer ${await secretariatToken(COUNCIL)}`;
  });

  afterAll(() => api?.close());

  const dashboardAs = (authorization: string | null, slug: string = COUNCIL) => {
    const test = request(api.http).get(`/api/councils/${slug}/dashboard`);
    return authorization === null ? test : test.set('Authorization', authorization);
  };

  async function dashboard(authorization = secretariat): Promise<Dashboard> {
    const response = await dashboardAs(authorization);
    expect({ status: response.status, body: response.status === 200 ? 'a dashboard' : response.body }).toEqual({ status: 200, body: 'a dashboard' });
    answers.push(response);
    return response.body;
  }

  const cellOf = (round: DashboardRound, number: string) => round.cells.find((cell) => cell.municipalityNumber === number);

  it('follows the fee round: progress, the forecast past the deadline, the overdue members, the fee table and the settlement', async () => {
    const launched = await launchFeeRound(api);

    const atLaunch = await dashboard();
    expect(atLaunch.council).toEqual({ slug: COUNCIL, name: 'Trondheimsregionen' });
    expect(atLaunch.asOf).toBe(new Date('2022-10-01T10:00:00+02:00').toISOString());
    expect(atLaunch.members).toEqual(BY_NUMBER.map(({ municipalityNumber, name }) => ({ municipalityNumber, name })));
    expect(atLaunch.recentlySettled).toEqual([]);
    expect(atLaunch.openRounds).toHaveLength(1);
    const [round] = atLaunch.openRounds;
    expect(round).toMatchObject({
      id: launched.id,
      title: expect.any(String),
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2023-01-01', roundTo: 'ore' },
      decisionRule: { kind: 'unanimity' },
      deadline: '2022-12-15',
      daysToDeadline: 75,
      progress: { pending: 8, scheduled: 0, adopted: 0, rejected: 0, adopted_with_amendments: 0, postponed: 0, total: 8, overdue: 0 },
      overdue: [],
      forecast: { date: null, pastDeadline: false },
    });
    expect(round.cells).toEqual(
      BY_NUMBER.map(({ municipalityNumber }) => ({ municipalityNumber, status: 'pending', overdue: false, meetingDate: null, nextMeetingDate: null })),
    );

    // The fee table: the frozen allocation to the øre, with names, and a sum row that adds up.
    expect(round.fees!.items.map((item) => item.municipalityNumber)).toEqual(BY_NUMBER.map((member) => member.municipalityNumber));
    expect(round.fees!.items.find((item) => item.municipalityNumber === '5001')).toEqual({
      municipalityNumber: '5001',
      name: 'Trondheim',
      currentFee: '3320454.00',
      newFee: '5194646.68',
      change: '1874192.68',
    });
    for (const item of round.fees!.items) {
      expect(item).toMatchObject({ newFee: allocation2023[item.municipalityNumber], currentFee: fees2022[item.municipalityNumber] });
    }
    expect(round.fees!.sum).toEqual({ currentFee: '6392069.00', newFee: '10000000.00', change: '3607931.00' });

    // Trondheim and Malvik adopt; Melhus has it on a meeting after the deadline; Skaun postpones.
    api.clock.set('2022-11-25T12:00:00+01:00');
    const registered = [
      await register(api, launched.id, '5001', decision('adopted', '2022-11-24', { body: 'bystyre' })),
      await register(api, launched.id, '5031', decision('adopted', '2022-11-24')),
      await register(api, launched.id, '5028', decision('scheduled', '2022-12-20')),
      await register(api, launched.id, '5029', decision('postponed', '2022-11-24', { nextMeetingDate: '2022-12-08' })),
    ];
    expect(registered.map((response) => response.status)).toEqual([200, 200, 200, 200]);

    const waiting = (await dashboard()).openRounds[0];
    expect(waiting.daysToDeadline).toBe(20);
    expect(waiting.progress).toEqual({ pending: 4, scheduled: 1, adopted: 2, rejected: 0, adopted_with_amendments: 0, postponed: 1, total: 8, overdue: 0 });
    // The latest planned meeting of the undecided is after the deadline: the dashboard's warning.
    expect(waiting.forecast).toEqual({ date: '2022-12-20', pastDeadline: true, unscheduled: ['5027', '5035', '5054', '5059'] });
    expect(cellOf(waiting, '5001')).toEqual({ municipalityNumber: '5001', status: 'adopted', overdue: false, meetingDate: '2022-11-24', nextMeetingDate: null });
    expect(cellOf(waiting, '5028')).toEqual({ municipalityNumber: '5028', status: 'scheduled', overdue: false, meetingDate: '2022-12-20', nextMeetingDate: null });
    expect(cellOf(waiting, '5029')).toEqual({ municipalityNumber: '5029', status: 'postponed', overdue: false, meetingDate: '2022-11-24', nextMeetingDate: '2022-12-08' });
    expect(waiting.overdue).toEqual([]);

    // 23:30 on the deadline day in Oslo: still the deadline day, nobody overdue yet.
    api.clock.set('2022-12-15T23:30:00+01:00');
    const lastEvening = (await dashboard()).openRounds[0];
    expect({ days: lastEvening.daysToDeadline, overdue: lastEvening.overdue }).toEqual({ days: 0, overdue: [] });

    // 00:30 the day after in Oslo (still the 15th in UTC): the undecided are overdue.
    api.clock.set('2022-12-15T23:30:00Z');
    const late = (await dashboard()).openRounds[0];
    const undecided = ['5027', '5028', '5029', '5035', '5054', '5059'];
    expect(late.daysToDeadline).toBe(-1);
    expect(late.overdue).toEqual(undecided);
    expect(late.progress.overdue).toBe(6);
    expect(late.cells.filter((cell) => cell.overdue).map((cell) => cell.municipalityNumber)).toEqual(undecided);
    expect(cellOf(late, '5001')!.overdue).toBe(false);

    // The rest adopt, Indre Fosen last: approved, and Indre Fosen's decision is the decisive one.
    api.clock.set('2022-12-16T10:00:00+01:00');
    for (const number of ['5027', '5028', '5029', '5035', '5059', '5054']) {
      const response = await register(api, launched.id, number, decision('adopted', '2022-12-15'));
      expect({ number, status: response.status }).toEqual({ number, status: 200 });
    }
    const settled = await dashboard();
    expect(settled.openRounds).toEqual([]);
    expect(settled.recentlySettled).toEqual([
      { id: launched.id, title: round.title, status: 'approved', settledAt: new Date('2022-12-16T10:00:00+01:00').toISOString(), decisiveMunicipalityNumber: '5054' },
    ]);
  });

  it('lists the open rounds by deadline, each with its decision rule, an agreement without a fee table, and the last ten settled rounds, the latest first', async () => {
    api.clock.set('2023-01-10T10:00:00+01:00');
    const version = await request(api.http).post(`/api/councils/${COUNCIL}/agreement-versions`).set('Authorization', secretariat).send(COMPLETE_VERSION);
    expect(version.status).toBe(201);
    const agreement = await launchFeeRound(api, { subject: { type: 'agreement', versionId: version.body.id }, deadline: '2023-03-01', title: 'Ny samarbeidsavtale' });
    // A decrease (NOK 100 000 in all), so a qualified majority may decide it.
    const byWeight = { kind: 'qualified_majority', by: 'weight', atLeast: '3/4' };
    const fees = await launchFeeRound(api, {
      subject: { type: 'fees', total: '100000.00', costKey: 'fees-2022', effectiveFrom: '2024-01-01' },
      deadline: '2023-02-01',
      decisionRule: byWeight,
    });

    // Eleven more rounds, each settled at once by a veto, a minute apart.
    const vetoed: string[] = [];
    for (let year = 2030; year < 2041; year++) {
      api.clock.set(new Date(Date.parse('2023-01-10T10:00:00+01:00') + (year - 2029) * 60_000));
      const round = await launchFeeRound(api, { subject: { type: 'fees', total: '100000.00', costKey: 'fees-2022', effectiveFrom: `${year}-01-01` }, deadline: '2023-06-01' });
      const veto = await register(api, round.id, '5035', decision('rejected', '2023-01-09'));
      expect(veto.body.round).toMatchObject({ status: 'rejected', outcome: { decisiveMunicipalityNumber: '5035' } });
      vetoed.push(round.id);
    }

    const view = await dashboard(`Bearer ${await leaderToken(COUNCIL)}`);
    expect(view.openRounds.map((round) => round.id)).toEqual([fees.id, agreement.id]);
    const [, agreementRound] = view.openRounds;
    expect(agreementRound).toMatchObject({
      title: 'Ny samarbeidsavtale',
      subject: { type: 'agreement', versionId: version.body.id, versionTitle: 'Samarbeidsavtale 2023', effectiveFrom: '2023-01-01' },
      decisionRule: { kind: 'unanimity' },
      fees: null,
    });
    expect(view.openRounds[0].fees!.sum.newFee).toBe('100000.00');
    expect(view.openRounds[0].decisionRule).toEqual(byWeight);
    expect(view.recentlySettled).toHaveLength(10);
    expect(view.recentlySettled.map((round) => round.id)).toEqual(vetoed.slice(1).reverse());
    expect(view.recentlySettled.every((round) => round.status === 'rejected' && round.decisiveMunicipalityNumber === '5035')).toBe(true);
  });

  it('shows a member that joined after the launch with no status in that round', async () => {
    api.clock.set('2023-01-11T10:00:00+01:00');
    const joined = await request(api.http)
      .put(`/api/councils/${COUNCIL}/members/5053`)
      .set('Authorization', secretariat)
      .send({ name: 'Inderøy', joinedOn: '2023-01-11', representatives: 2 });
    expect(joined.status).toBe(201);

    const view = await dashboard();
    expect(view.members.map((member) => member.municipalityNumber)).toEqual([...MEMBERS, '5053'].sort());
    for (const round of view.openRounds) {
      expect(round.cells.map((cell) => cell.municipalityNumber)).toEqual(view.members.map((member) => member.municipalityNumber));
      expect(cellOf(round, '5053')).toEqual({ municipalityNumber: '5053', status: null, overdue: false, meetingDate: null, nextMeetingDate: null });
      expect(round.progress.total).toBe(8);
    }
  });

  describe('who may read it', () => {
    it('answers the admin, the secretariat and the leaders', async () => {
      for (const token of [await adminToken(), await secretariatToken(COUNCIL), await leaderToken(COUNCIL)]) {
        expect((await dashboardAs(`Bearer ${token}`)).status).toBe(200);
      }
    });

    it('refuses a clerk of a member with 403 (the council is theirs to see, its dashboard is not)', async () => {
      const response = await dashboardAs(`Bearer ${await clerkToken('5031')}`);
      expectProblem(response, 403);
      expect(response.body.code).toBe('ACCESS.SECRETARIAT_OR_LEADER_ONLY');
      answers.push(response);
    });

    it('answers 404 to whoever cannot see the council: another council’s people, a clerk of a non-member, an unknown slug', async () => {
      for (const token of [await leaderToken('innherred'), await secretariatToken('innherred'), await clerkToken('0301')]) {
        const response = await dashboardAs(`Bearer ${token}`);
        expectProblem(response, 404);
        expect(response.body.code).toBe('COUNCIL.NOT_FOUND');
      }
      const unknown = await dashboardAs(`Bearer ${await adminToken()}`, 'no-such-council');
      expectProblem(unknown, 404);
      answers.push(unknown);
    });

    it('answers 401 without a token or with a bad one', async () => {
      expectProblem(await dashboardAs(null), 401);
      const bad = await dashboardAs('Bearer not-a-token');
      expectProblem(bad, 401);
      answers.push(bad);
    });

    it('answers 400 naming the slug when it is not one', async () => {
      for (const slug of ['Trondheimsregionen', 'trondheims_regionen', '-x', encodeURIComponent('æøå')]) {
        const response = await dashboardAs(secretariat, slug);
        expectProblem(response, 400);
        expect(response.body.errors).toEqual([expect.objectContaining({ field: 'slug' })]);
        answers.push(response);
      }
    });
  });

  describe('its OpenAPI document', () => {
    itIsDocumented(PATH, [400, 401, 403, 404], () => document, () => answers, 5);
  });
});

describe('what the dashboard costs', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2022-10-01T10:00:00+02:00' });
  });

  afterAll(() => api?.close());

  const dashboardAs = (authorization: string, slug: string = COUNCIL) => request(api.http).get(`/api/councils/${slug}/dashboard`).set('Authorization', authorization);

  /** What reading the dashboard sends to PostgreSQL, and its answer. */
  const measured = async (authorization: string, slug: string = COUNCIL) => {
    // Signing in is remembered on the first request of a token; the measure starts after it.
    await dashboardAs(authorization, slug);
    const counter = countQueries(api.dataSource);
    try {
      let response: request.Response | undefined;
      const trips = await counter.during(async () => {
        response = await dashboardAs(authorization, slug);
      });
      return { trips, response: response! };
    } finally {
      counter.detach();
    }
  };

  it('reads in one round trip to PostgreSQL for 1 open round as for 50, with settled rounds beside them', async () => {
    const authorization = `Bearer ${await secretariatToken(COUNCIL)}`;
    const read = async () => {
      const { trips, response } = await measured(authorization);
      expect(response.status).toBe(200);
      return { trips, body: response.body as Dashboard };
    };
    const launch = (year: number) =>
      launchFeeRound(api, { subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: `${year}-01-01` } });
    const first = await launch(2023);
    await register(api, first.id, '5001', decision('adopted', '2022-09-29', { body: 'bystyre' }));
    const one = await read();
    expect(one.body.openRounds).toHaveLength(1);

    for (let year = 2024; year < 2073; year++) {
      const round = await launch(year);
      await register(api, round.id, '5031', decision(year % 2 ? 'adopted' : 'scheduled', year % 2 ? '2022-09-29' : '2022-11-10'));
    }
    for (const year of [2073, 2074, 2075]) {
      const vetoed = await launch(year);
      await register(api, vetoed.id, '5029', decision('rejected', '2022-09-29'));
    }
    const fifty = await read();
    expect(fifty.body.openRounds).toHaveLength(50);
    expect(fifty.body.recentlySettled).toHaveLength(3);

    // One trip: the snapshot's BEGIN, the access check, the five statements of the dashboard, COMMIT.
    expect(one.trips).toHaveLength(1);
    expect(one.trips[0]).toMatch(/^BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\n[\s\S]*FROM round_member rm[\s\S]*;\nCOMMIT$/);
    expect(fifty.trips).toEqual(one.trips);
  });

  it('refuses in one round trip too: a clerk of a member with 403, whoever cannot see the council with 404', async () => {
    const clerk = await measured(`Bearer ${await clerkToken('5031')}`);
    expect({ status: clerk.response.status, code: clerk.response.body.code, trips: clerk.trips.length }).toEqual({
      status: 403,
      code: 'ACCESS.SECRETARIAT_OR_LEADER_ONLY',
      trips: 1,
    });
    for (const [authorization, slug] of [
      [`Bearer ${await leaderToken('innherred')}`, COUNCIL],
      [`Bearer ${await clerkToken('0301')}`, COUNCIL],
      [`Bearer ${await adminToken()}`, 'no-such-council'],
    ]) {
      const refused = await measured(authorization, slug);
      expect({ slug, status: refused.response.status, code: refused.response.body.code, trips: refused.trips.length }).toEqual({
        slug,
        status: 404,
        code: 'COUNCIL.NOT_FOUND',
        trips: 1,
      });
    }
  });
});

function expectProblem(response: request.Response, status: number): void {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(/^application\/problem\+json/) });
  expect(response.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
}
