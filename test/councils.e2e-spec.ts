import request from 'supertest';
import { Money } from '@app/domain';
import { TRONDHEIMSREGIONEN, TRONDHEIMSREGIONEN_MEMBERS } from '@app/domain/testing/trondheimsregionen.fixture';
import { TestApi, startTestApi } from './support/api';
import { COUNCIL_TABLES, tableDigests } from './support/table-digest';
import { adminToken, clerkToken, leaderToken, secretariatToken, tokenFor } from './support/tokens';

// Councils, members, cost keys, allocation previews, agreement versions and fee schedules, against
// a real api on its own database with Trondheimsregionen loaded. "Today" is 2023-03-01 in Oslo.

const TR = TRONDHEIMSREGIONEN.slug;
const INNHERRED = 'innherred';
const TODAY = '2023-03-01';

type Method = 'get' | 'post' | 'put';
type Fees = Record<string, string>;

const COMPLETE_MINIMUM_CONTENT = { a: '§ 1', b: '§ 2', c: '§ 5', d: '§ 3', e: '§ 4', f: '§ 9', g: '§ 11', h: '§ 12' };
const SECTIONS = [
  { ref: '§ 1', heading: 'Navn', text: 'Rådets navn er Trondheimsregionen.' },
  { ref: '§ 2', heading: 'Rettslig status', text: 'Rådet er et eget rettssubjekt.' },
];

describe('councils (e2e)', () => {
  let api: TestApi;
  const token: Record<
    'admin' | 'secretariat' | 'leader' | 'clerk' | 'stranger' | 'innherredSecretariat' | 'innherredSecretariatAndStjordalClerk',
    string
  > = {} as never;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: `${TODAY}T09:00:00Z` });
    token.admin = await adminToken();
    token.secretariat = await secretariatToken(TR);
    token.leader = await leaderToken(TR);
    token.clerk = await clerkToken('5031');
    token.stranger = await clerkToken('0301');
    token.innherredSecretariat = await secretariatToken(INNHERRED);
    token.innherredSecretariatAndStjordalClerk = await tokenFor({
      sub: 'dual',
      roles: [
        { role: 'secretariat', council: INNHERRED },
        { role: 'clerk', municipality: '5035' },
      ],
    });
  });

  afterAll(async () => {
    await api?.close();
  });

  function call(method: Method, path: string, bearer?: string, body?: unknown): request.Test {
    const test = request(api.http)[method](path);
    if (bearer) test.set('Authorization', `Bearer ${bearer}`);
    return body === undefined ? test : test.send(body as object);
  }

  /** The answer is problem+json with that status, naming those fields. */
  function expectProblem(response: request.Response, status: number, fields: string[] = []): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
    const named = (response.body.errors ?? []).map((error: { field: string }) => error.field);
    for (const field of fields) expect(named).toContain(field);
  }


  /** Every row of the tables this part writes, so a refused request can be shown to have changed nothing. */
  const snapshot = () => tableDigests(api.dataSource, COUNCIL_TABLES);

  async function expectNothingWritten(requests: () => Promise<void>): Promise<void> {
    const before = await snapshot();
    await requests();
    expect(await snapshot()).toEqual(before);
  }

  async function eventsOf(type: string): Promise<Array<{ actor: string; data: Record<string, unknown> }>> {
    return api.dataSource.query(`SELECT actor, data FROM event WHERE type = $1 ORDER BY id`, [type]);
  }

  describe('POST /api/councils', () => {
    it('lets the admin create a council: 201 with no members, its address, and an audit event', async () => {
      const response = await call('post', '/api/councils', token.admin, { slug: INNHERRED, name: 'Innherred samkommune' }).expect(201);
      expect(response.body).toEqual({ slug: INNHERRED, name: 'Innherred samkommune', members: [], costKeys: [], withdrawalRule: { noticeMonths: 12, atYearEnd: true } });
      expect(response.headers.location).toBe(`/api/councils/${INNHERRED}`);
      expect(await eventsOf('council.created')).toEqual([
        { actor: 'admin', data: { after: { slug: INNHERRED, name: 'Innherred samkommune' } } },
      ]);
    });

    it('refuses a slug that is taken with 409, naming the field', async () => {
      await expectNothingWritten(async () => {
        const response = await call('post', '/api/councils', token.admin, { slug: TR, name: 'Another' });
        expectProblem(response, 409, ['slug']);
        expect(response.body.code).toBe('COUNCIL.SLUG_TAKEN');
      });
    });

    it('gives one 201 and 409s when the same slug is created at once', async () => {
      const admin = token.admin;
      const statuses = await Promise.all(
        Array.from({ length: 5 }, () => call('post', '/api/councils', admin, { slug: 'samtidig', name: 'Samtidig' }).then((r) => r.status)),
      );
      expect(statuses.sort()).toEqual([201, 409, 409, 409, 409]);
    });

    it('is for the admin only: 403 for secretariat, leader and clerk, 401 without a token', async () => {
      await expectNothingWritten(async () => {
        for (const bearer of [token.secretariat, token.leader, token.clerk]) {
          expectProblem(await call('post', '/api/councils', bearer, { slug: 'nytt-rad', name: 'Nytt råd' }), 403);
        }
        expectProblem(await call('post', '/api/councils', undefined, { slug: 'nytt-rad', name: 'Nytt råd' }), 401);
      });
    });

    it('refuses bad input with 400 naming each field, and writes nothing', async () => {
      await expectNothingWritten(async () => {
        expectProblem(await call('post', '/api/councils', token.admin, {}), 400, ['slug', 'name']);
        expectProblem(await call('post', '/api/councils', token.admin, { slug: 'Inn Herred', name: 'X' }), 400, ['slug']);
        expectProblem(await call('post', '/api/councils', token.admin, { slug: 'ok-slug', name: '   ' }), 400, ['name']);
        expectProblem(await call('post', '/api/councils', token.admin, { slug: 'ok-slug', name: 42 }), 400, ['name']);
        expectProblem(await call('post', '/api/councils', token.admin, { slug: 'ok-slug', name: 'X', extra: true }), 400, ['extra']);
        const malformed = await call('post', '/api/councils', token.admin).set('Content-Type', 'application/json').send('{"slug": "x",');
        expectProblem(malformed, 400);
        expect(malformed.body.detail).toMatch(/JSON/);
      });
    });
  });

  describe('PUT /api/councils/{slug}/members/{municipalityNumber}', () => {
    const stjordal = { name: 'Stjørdal', joinedOn: '2018-01-01', representatives: 3 };

    it('adds a known municipality as a member (201), then updates it (200), with an audit event each', async () => {
      const added = await call('put', `/api/councils/${INNHERRED}/members/5035`, token.innherredSecretariat, stjordal).expect(201);
      expect(added.body).toEqual({ municipalityNumber: '5035', name: 'Stjørdal', joinedOn: '2018-01-01', leftOn: null, representatives: 3, noticeGivenOn: null, ending: null, succeededBy: null });
      const updated = await call('put', `/api/councils/${INNHERRED}/members/5035`, token.innherredSecretariat, {
        ...stjordal,
        representatives: 2,
      }).expect(200);
      expect(updated.body.representatives).toBe(2);
      const events = await eventsOf('member.upserted');
      expect(events.at(-1)).toMatchObject({
        actor: `secretariat.${INNHERRED}`,
        data: { municipalityNumber: '5035', before: { representatives: 3 }, after: { representatives: 2 } },
      });
    });

    it('registers a municipality it did not know', async () => {
      await call('put', `/api/councils/${INNHERRED}/members/5053`, token.admin, {
        name: 'Inderøy',
        joinedOn: '2018-01-01',
        representatives: 2,
      }).expect(201);
      expect(await api.dataSource.query(`SELECT number, name FROM municipality WHERE number = '5053'`)).toEqual([
        { number: '5053', name: 'Inderøy' },
      ]);
      const council = await call('get', `/api/councils/${INNHERRED}`, token.innherredSecretariat).expect(200);
      expect(council.body.members.map((m: { municipalityNumber: string }) => m.municipalityNumber)).toEqual(['5035', '5053']);
    });

    it('keeps the registered name, shared by every council: a secretariat may not rename, the admin may', async () => {
      await expectNothingWritten(async () => {
        const response = await call('put', `/api/councils/${INNHERRED}/members/5035`, token.innherredSecretariat, {
          ...stjordal,
          name: 'Stjordal',
        });
        expectProblem(response, 409, ['name']);
        expect(response.body.detail).toContain('Stjørdal');
      });
      await call('put', `/api/councils/${INNHERRED}/members/5053`, token.admin, {
        name: 'Inderøy kommune',
        joinedOn: '2018-01-01',
        representatives: 2,
      }).expect(200);
      expect((await eventsOf('member.upserted')).at(-1)).toMatchObject({
        actor: 'admin',
        data: { before: { name: 'Inderøy' }, after: { name: 'Inderøy kommune' } },
      });
      await call('put', `/api/councils/${INNHERRED}/members/5053`, token.admin, {
        name: 'Inderøy',
        joinedOn: '2018-01-01',
        representatives: 2,
      }).expect(200);
    });

    it('is for the council’s own secretariat: 403 where the caller sees the council, 404 where not', async () => {
      const body = { name: 'Malvik', joinedOn: '2020-01-01', representatives: 2 };
      await expectNothingWritten(async () => {
        expectProblem(await call('put', `/api/councils/${TR}/members/5031`, token.leader, body), 403);
        expectProblem(await call('put', `/api/councils/${TR}/members/5031`, token.clerk, body), 403);
        expectProblem(await call('put', `/api/councils/${TR}/members/5031`, token.innherredSecretariatAndStjordalClerk, body), 403);
        expectProblem(await call('put', `/api/councils/${TR}/members/5031`, token.innherredSecretariat, body), 404);
        expectProblem(await call('put', `/api/councils/${INNHERRED}/members/5031`, token.secretariat, body), 404);
        expectProblem(await call('put', `/api/councils/nowhere/members/5031`, token.admin, body), 404);
        expectProblem(await call('put', `/api/councils/${TR}/members/5031`, undefined, body), 401);
      });
    });

    it('refuses bad input with 400 naming the field, and writes nothing', async () => {
      const path = `/api/councils/${INNHERRED}/members/5035`;
      await expectNothingWritten(async () => {
        expectProblem(await call('put', `/api/councils/${INNHERRED}/members/501`, token.admin, stjordal), 400, ['municipalityNumber']);
        expectProblem(await call('put', `/api/councils/${INNHERRED}/members/50355`, token.admin, stjordal), 400, ['municipalityNumber']);
        expectProblem(await call('put', path, token.admin, { ...stjordal, joinedOn: '2023-02-30' }), 400, ['joinedOn']);
        expectProblem(await call('put', path, token.admin, { ...stjordal, joinedOn: '01.01.2018' }), 400, ['joinedOn']);
        expectProblem(await call('put', path, token.admin, { ...stjordal, representatives: '2' }), 400, ['representatives']);
        expectProblem(await call('put', path, token.admin, { ...stjordal, representatives: -1 }), 400, ['representatives']);
        expectProblem(await call('put', path, token.admin, { ...stjordal, representatives: 1.5 }), 400, ['representatives']);
        expectProblem(await call('put', path, token.admin, { joinedOn: '2018-01-01', representatives: 2 }), 400, ['name']);
        expectProblem(await call('put', path, token.admin, { ...stjordal, leftOn: '2024-01-01' }), 400, ['leftOn']);
        expectProblem(await call('put', path, token.admin).set('Content-Type', 'application/json').send('{'), 400);
      });
    });
  });

  describe('GET /api/councils and /api/councils/{slug}', () => {
    it('lists every council to the admin, by name', async () => {
      const response = await call('get', '/api/councils', token.admin).expect(200);
      expect(response.body).toEqual([
        { slug: INNHERRED, name: 'Innherred samkommune' },
        { slug: 'samtidig', name: 'Samtidig' },
        { slug: TR, name: 'Trondheimsregionen' },
      ]);
    });

    it('lists to others only the councils they have a part in', async () => {
      const slugs = async (bearer: string) =>
        (await call('get', '/api/councils', bearer).expect(200)).body.map((council: { slug: string }) => council.slug);
      expect(await slugs(token.secretariat)).toEqual([TR]);
      expect(await slugs(token.leader)).toEqual([TR]);
      expect(await slugs(token.clerk)).toEqual([TR]);
      expect(await slugs(await clerkToken('5035'))).toEqual([INNHERRED, TR]);
      expect(await slugs(await clerkToken('5053'))).toEqual([INNHERRED]);
      expect(await slugs(token.innherredSecretariat)).toEqual([INNHERRED]);
      expect(await slugs(token.stranger)).toEqual([]);
      expectProblem(await call('get', '/api/councils'), 401);
    });

    it('shows a council with its members and cost keys', async () => {
      const response = await call('get', `/api/councils/${TR}`, token.clerk).expect(200);
      expect(response.body.slug).toBe(TR);
      expect(response.body.name).toBe('Trondheimsregionen');
      expect(response.body.costKeys).toEqual(['fees-2022']);
      expect(response.body.members).toHaveLength(8);
      expect(response.body.members.map((m: { municipalityNumber: string }) => m.municipalityNumber)).toEqual([...TRONDHEIMSREGIONEN_MEMBERS].sort());
      expect(response.body.members[0]).toEqual({
        municipalityNumber: '5001',
        name: 'Trondheim',
        joinedOn: '2019-12-01',
        leftOn: null,
        representatives: 2,
        noticeGivenOn: null,
        ending: null,
        succeededBy: null,
      });
    });

    it('answers 404 to whoever cannot see the council, as to a council that does not exist', async () => {
      expectProblem(await call('get', `/api/councils/${TR}`, token.stranger), 404);
      expectProblem(await call('get', `/api/councils/${TR}`, token.innherredSecretariat), 404);
      expectProblem(await call('get', `/api/councils/${INNHERRED}`, token.clerk), 404);
      const missing = await call('get', '/api/councils/nowhere', token.admin);
      expectProblem(missing, 404);
      expect(missing.body.code).toBe('COUNCIL.NOT_FOUND');
    });
  });

  describe('PUT /api/councils/{slug}/cost-keys/{key}', () => {
    it('saves a key covering exactly the current members and shows it', async () => {
      const response = await call('put', `/api/councils/${TR}/cost-keys/percent-2025`, token.secretariat, {
        weights: TRONDHEIMSREGIONEN.percentages2025,
      }).expect(200);
      expect(response.body).toEqual({ key: 'percent-2025', weights: { ...TRONDHEIMSREGIONEN.percentages2025 } });
      expect((await call('get', `/api/councils/${TR}`, token.secretariat)).body.costKeys).toEqual(['fees-2022', 'percent-2025']);
      const read = await call('get', `/api/councils/${TR}/cost-keys/percent-2025`, token.clerk).expect(200);
      expect(read.body).toEqual(response.body);
      expect((await eventsOf('cost_key.upserted')).at(-1)).toMatchObject({
        actor: 'sekretariat.trondheimsregionen',
        data: { key: 'percent-2025', before: null, after: { '5001': '67' } },
      });
    });

    it('shows stored weights as written, without the column’s trailing zeros', async () => {
      const read = await call('get', `/api/councils/${TR}/cost-keys/fees-2022`, token.leader).expect(200);
      expect(read.body.weights['5001']).toBe('3320454');
      expectProblem(await call('get', `/api/councils/${TR}/cost-keys/no-such-key`, token.leader), 404);
    });

    it('takes whole JSON numbers and decimal strings, and replaces a key with a new set of weights', async () => {
      const whole = Object.fromEntries(TRONDHEIMSREGIONEN_MEMBERS.map((number) => [number, 1]));
      const created = await call('put', `/api/councils/${TR}/cost-keys/scratch`, token.secretariat, { weights: whole }).expect(200);
      expect(created.body.weights['5001']).toBe('1');
      const decimals = Object.fromEntries(TRONDHEIMSREGIONEN_MEMBERS.map((number) => [number, '12.50']));
      const replaced = await call('put', `/api/councils/${TR}/cost-keys/scratch`, token.admin, { weights: decimals }).expect(200);
      expect(replaced.body.weights).toEqual(Object.fromEntries(TRONDHEIMSREGIONEN_MEMBERS.map((number) => [number, '12.5'])));
      expect((await eventsOf('cost_key.upserted')).at(-1)?.data).toMatchObject({ before: { '5001': '1' }, after: { '5001': '12.5' } });
    });

    it('refuses weights that break the rules with 422 naming the problem and the municipalities', async () => {
      const key = `/api/councils/${TR}/cost-keys/percent-2025`;
      const { '5054': _left, ...withoutIndreFosen } = TRONDHEIMSREGIONEN.percentages2025;
      await expectNothingWritten(async () => {
        const missing = await call('put', key, token.secretariat, { weights: withoutIndreFosen });
        expectProblem(missing, 422, ['weights']);
        expect(missing.body).toMatchObject({ code: 'ALLOCATION.MEMBER_MISSING', details: { municipalityNumbers: ['5054'] } });
        expect(missing.body.detail).toContain('5054');

        const stranger = await call('put', key, token.secretariat, { weights: { ...TRONDHEIMSREGIONEN.percentages2025, '0301': '1' } });
        expectProblem(stranger, 422, ['weights']);
        expect(stranger.body).toMatchObject({ code: 'ALLOCATION.NOT_A_MEMBER', details: { municipalityNumbers: ['0301'] } });

        const negative = await call('put', key, token.secretariat, { weights: { ...TRONDHEIMSREGIONEN.percentages2025, '5031': '-5' } });
        expectProblem(negative, 422, ['weights']);
        expect(negative.body.code).toBe('ALLOCATION.NEGATIVE_WEIGHT');

        const zeros = Object.fromEntries(TRONDHEIMSREGIONEN_MEMBERS.map((number) => [number, '0']));
        const allZero = await call('put', key, token.secretariat, { weights: zeros });
        expectProblem(allZero, 422, ['weights']);
        expect(allZero.body.code).toBe('ALLOCATION.ALL_ZERO_WEIGHTS');

        const comma = await call('put', key, token.secretariat, { weights: { ...TRONDHEIMSREGIONEN.percentages2025, '5001': '67,5' } });
        expectProblem(comma, 422, ['weights']);
        expect(comma.body.code).toBe('ALLOCATION.INVALID_WEIGHT');

        const tooPrecise = await call('put', key, token.secretariat, {
          weights: { ...TRONDHEIMSREGIONEN.percentages2025, '5001': '0.00000000001' },
        });
        expectProblem(tooPrecise, 422, ['weights']);
        expect(tooPrecise.body.code).toBe('COST_KEY.WEIGHT_TOO_PRECISE');

        expectProblem(await call('put', key, token.secretariat, { weights: {} }), 422, ['weights']);
      });
    });

    it('refuses floats and other shapes with 400 and a message saying how to write weights', async () => {
      const key = `/api/councils/${TR}/cost-keys/percent-2025`;
      await expectNothingWritten(async () => {
        const float = await call('put', key, token.secretariat, { weights: { ...TRONDHEIMSREGIONEN.percentages2025, '5001': 0.1 } });
        expectProblem(float, 400, ['weights']);
        expect(float.body.errors).toEqual([
          { field: 'weights', message: 'weights cannot be read: the weight of 5001 is the JSON number 0.1; write it as a string such as "0.1", since a number with decimals is not exact' },
        ]);
        expectProblem(await call('put', key, token.secretariat, {}), 400, ['weights']);
        expectProblem(await call('put', key, token.secretariat, { weights: ['67', '8'] }), 400, ['weights']);
        expectProblem(await call('put', key, token.secretariat, { weights: 'fees' }), 400, ['weights']);
        expectProblem(await call('put', key, token.secretariat, { weights: { trondheim: '67' } }), 400, ['weights']);
        expectProblem(await call('put', key, token.secretariat, { weights: { '5001': true } }), 400, ['weights']);
        expectProblem(
          await call('put', key, token.secretariat, { weights: TRONDHEIMSREGIONEN.percentages2025, name: 'x' }),
          400,
          ['name'],
        );
        expectProblem(
          await call('put', `/api/councils/${TR}/cost-keys/Bad_Key`, token.secretariat, { weights: TRONDHEIMSREGIONEN.percentages2025 }),
          400,
          ['key'],
        );
        expectProblem(await call('put', key, token.secretariat).set('Content-Type', 'application/json').send('{"weights": {'), 400);
      });
    });

    it('is for the council’s own secretariat', async () => {
      const body = { weights: TRONDHEIMSREGIONEN.percentages2025 };
      await expectNothingWritten(async () => {
        expectProblem(await call('put', `/api/councils/${TR}/cost-keys/percent-2025`, token.leader, body), 403);
        expectProblem(await call('put', `/api/councils/${TR}/cost-keys/percent-2025`, token.clerk, body), 403);
        expectProblem(await call('put', `/api/councils/${TR}/cost-keys/percent-2025`, token.innherredSecretariatAndStjordalClerk, body), 403);
        expectProblem(await call('put', `/api/councils/${TR}/cost-keys/percent-2025`, token.innherredSecretariat, body), 404);
        expectProblem(await call('get', `/api/councils/${TR}/cost-keys/percent-2025`, token.stranger), 404);
      });
    });
  });

  describe('POST /api/councils/{slug}/allocations', () => {
    const allocations = `/api/councils/${TR}/allocations`;

    it('shares NOK 10 000 000 over the 2022 fees exactly as DOMAIN.md, to the øre, against the fees in force today', async () => {
      const response = await call('post', allocations, token.secretariat, { total: '10000000.00', costKey: 'fees-2022' }).expect(200);
      expect(response.body).toMatchObject({
        total: '10000000.00',
        costKey: 'fees-2022',
        roundTo: 'ore',
        currentFeesOn: TODAY,
        currentSchedule: { effectiveFrom: '2022-01-01', inForceFrom: '2022-01-01' },
      });
      const byNumber = Object.fromEntries(response.body.members.map((line: { municipalityNumber: string }) => [line.municipalityNumber, line]));
      expect(Object.keys(byNumber).sort()).toEqual([...TRONDHEIMSREGIONEN_MEMBERS].sort());
      for (const number of TRONDHEIMSREGIONEN_MEMBERS) {
        const current = TRONDHEIMSREGIONEN.fees2022[number as keyof typeof TRONDHEIMSREGIONEN.fees2022];
        const next = TRONDHEIMSREGIONEN.allocation2023[number as keyof typeof TRONDHEIMSREGIONEN.allocation2023];
        expect(byNumber[number]).toMatchObject({
          currentFee: current,
          newFee: next,
          change: Money.fromNok(next).minus(Money.fromNok(current)).toNok(),
        });
      }
      expect(byNumber['5001']).toEqual({
        municipalityNumber: '5001',
        name: 'Trondheim',
        weight: '3320454',
        currentFee: '3320454.00',
        newFee: '5194646.68',
        change: '1874192.68',
      });
      const sum = Money.sum(response.body.members.map((line: { newFee: string }) => Money.fromNok(line.newFee)));
      expect(sum.toNok()).toBe('10000000.00');
    });

    it('shares in whole kroner when asked', async () => {
      const response = await call('post', allocations, token.leader, { total: '10000000', costKey: 'fees-2022', roundTo: 'krone' }).expect(200);
      expect(response.body.roundTo).toBe('krone');
      const newFees = Object.fromEntries(response.body.members.map((line: { municipalityNumber: string; newFee: string }) => [line.municipalityNumber, line.newFee]));
      expect(newFees).toEqual({ ...TRONDHEIMSREGIONEN.allocation2023Kroner });
    });

    it('shares NOK 100 000 over the 2025 percentages as 67 000, 8 000, …', async () => {
      const response = await call('post', allocations, token.leader, { total: '100000', costKey: 'percent-2025' }).expect(200);
      const newFees = Object.fromEntries(response.body.members.map((line: { municipalityNumber: string; newFee: string }) => [line.municipalityNumber, line.newFee]));
      expect(newFees).toEqual({ ...TRONDHEIMSREGIONEN.allocation2025 });
      expect(response.body.members.find((line: { municipalityNumber: string }) => line.municipalityNumber === '5001')).toMatchObject({
        newFee: '67000.00',
        change: '-3253454.00',
      });
    });

    it('measures against nothing (0.00) on a day before any schedule was in force', async () => {
      api.clock.set('2021-06-01T10:00:00Z');
      try {
        const response = await call('post', allocations, token.admin, { total: '100000.00', costKey: 'percent-2025' }).expect(200);
        expect(response.body.currentSchedule).toBeNull();
        expect(response.body.currentFeesOn).toBe('2021-06-01');
        expect(response.body.members[0]).toMatchObject({ currentFee: '0.00', newFee: '67000.00', change: '67000.00' });
      } finally {
        api.clock.set(`${TODAY}T09:00:00Z`);
      }
    });

    it('saves nothing, and is for the secretariat, the leaders and the admin only', async () => {
      const body = { total: '10000000.00', costKey: 'fees-2022' };
      await expectNothingWritten(async () => {
        await call('post', allocations, token.secretariat, body).expect(200);
        await call('post', allocations, token.admin, body).expect(200);
        expectProblem(await call('post', allocations, token.clerk, body), 403);
        expectProblem(await call('post', allocations, token.innherredSecretariatAndStjordalClerk, body), 403);
        expectProblem(await call('post', allocations, token.innherredSecretariat, body), 404);
        expectProblem(await call('post', allocations, token.stranger, body), 404);
        expectProblem(await call('post', allocations, undefined, body), 401);
      });
    });

    it('refuses a key it does not have, and a total with øre in kroner, with 422 naming the field', async () => {
      const unknown = await call('post', allocations, token.secretariat, { total: '100.00', costKey: 'fees-1999' });
      expectProblem(unknown, 422, ['costKey']);
      expect(unknown.body.code).toBe('COST_KEY.NOT_FOUND');
      expectProblem(await call('post', allocations, token.secretariat, { total: '100.50', costKey: 'fees-2022', roundTo: 'krone' }), 422, ['total']);
    });

    it('refuses a key that no longer matches the members, naming the key', async () => {
      const response = await call('post', `/api/councils/${INNHERRED}/allocations`, token.innherredSecretariat, {
        total: '100.00',
        costKey: 'even',
      });
      expectProblem(response, 422, ['costKey']);
      await call('put', `/api/councils/${INNHERRED}/cost-keys/even`, token.innherredSecretariat, { weights: { '5035': '1', '5053': '1' } }).expect(200);
      await call('put', `/api/councils/${INNHERRED}/members/5054`, token.admin, { name: 'Indre Fosen', joinedOn: '2023-01-01', representatives: 1 }).expect(201);
      const outdated = await call('post', `/api/councils/${INNHERRED}/allocations`, token.innherredSecretariat, { total: '100.00', costKey: 'even' });
      expectProblem(outdated, 422, ['costKey']);
      expect(outdated.body).toMatchObject({ code: 'COST_KEY.OUT_OF_DATE', details: { municipalityNumbers: ['5054'] } });
      await call('put', `/api/councils/${INNHERRED}/cost-keys/even`, token.innherredSecretariat, {
        weights: { '5035': '1', '5053': '1', '5054': '1' },
      }).expect(200);
      const shared = await call('post', `/api/councils/${INNHERRED}/allocations`, token.innherredSecretariat, { total: '100.00', costKey: 'even' }).expect(200);
      expect(shared.body.members.map((line: { newFee: string }) => line.newFee)).toEqual(['33.34', '33.33', '33.33']);
    });

    it('refuses floats, negative amounts, extra decimals and other bad input with 400 naming the field', async () => {
      await expectNothingWritten(async () => {
        const float = await call('post', allocations, token.secretariat, { total: 10000000.5, costKey: 'fees-2022' });
        expectProblem(float, 400, ['total']);
        expect(float.body.errors[0].message).toMatch(/string/);
        expectProblem(await call('post', allocations, token.secretariat, { total: '-5.00', costKey: 'fees-2022' }), 400, ['total']);
        expectProblem(await call('post', allocations, token.secretariat, { total: '1.234', costKey: 'fees-2022' }), 400, ['total']);
        expectProblem(await call('post', allocations, token.secretariat, { total: '1e7', costKey: 'fees-2022' }), 400, ['total']);
        expectProblem(await call('post', allocations, token.secretariat, { costKey: 'fees-2022' }), 400, ['total']);
        expectProblem(await call('post', allocations, token.secretariat, { total: '100.00' }), 400, ['costKey']);
        expectProblem(await call('post', allocations, token.secretariat, { total: '100.00', costKey: 'fees-2022', roundTo: 'cent' }), 400, ['roundTo']);
        expectProblem(await call('post', allocations, token.secretariat, { total: '100.00', costKey: 'fees-2022', weights: {} }), 400, ['weights']);
        expectProblem(await call('post', allocations, token.secretariat).set('Content-Type', 'application/json').send('total=100'), 400);
      });
    });
  });

  describe('agreement versions', () => {
    const versions = `/api/councils/${TR}/agreement-versions`;
    const draft = { title: 'Utkast til samarbeidsavtale', effectiveFrom: '2020-01-01', sections: SECTIONS, minimumContent: { a: '§ 1', b: '§ 2', c: '§ 5', d: '§ 3', e: '§ 4', f: '§ 9' } };
    const complete = { ...draft, title: 'Samarbeidsavtale for Trondheimsregionen', minimumContent: COMPLETE_MINIMUM_CONTENT };
    let draftId: string;
    let completeId: string;

    it('keeps a version that lacks items of § 18-4 as a draft, listing the missing letters; creates the agreement with it', async () => {
      expect(await api.dataSource.query(`SELECT 1 FROM agreement a JOIN council c ON c.id = a.council_id WHERE c.slug = $1`, [TR])).toEqual([]);
      const response = await call('post', versions, token.secretariat, draft).expect(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        number: 1,
        title: 'Utkast til samarbeidsavtale',
        effectiveFrom: '2020-01-01',
        sections: SECTIONS,
        minimumContent: draft.minimumContent,
        missingMinimumContent: ['g', 'h'],
        adoption: null,
        adoptedOn: null,
        inForceFrom: null,
      });
      expect(response.headers.location).toBe(`${versions}/${response.body.id}`);
      draftId = response.body.id;
      expect((await eventsOf('agreement_version.created')).at(-1)).toMatchObject({
        actor: 'sekretariat.trondheimsregionen',
        data: { versionId: draftId, number: 1, missingMinimumContent: ['g', 'h'] },
      });
    });

    it('numbers the next version 2, with nothing missing', async () => {
      const response = await call('post', versions, token.admin, complete).expect(201);
      expect(response.body).toMatchObject({ number: 2, missingMinimumContent: [], inForceFrom: null });
      completeId = response.body.id;
      expect(await api.dataSource.query(`SELECT count(*)::int AS n FROM agreement a JOIN council c ON c.id = a.council_id WHERE c.slug = $1`, [TR])).toEqual([{ n: 1 }]);
    });

    it('numbers versions written at the same moment one after the other', async () => {
      const responses = await Promise.all(
        Array.from({ length: 4 }, (_, i) => call('post', `/api/councils/${INNHERRED}/agreement-versions`, token.innherredSecretariat, { ...complete, title: `V${i}` })),
      );
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(responses.map((r) => r.body.number).sort()).toEqual([1, 2, 3, 4]);
    });

    it('lists and shows versions to the secretariat and the leaders, not to clerks', async () => {
      const list = await call('get', versions, token.leader).expect(200);
      expect(list.body.map((v: { number: number }) => v.number)).toEqual([1, 2]);
      const one = await call('get', `${versions}/${completeId}`, token.secretariat).expect(200);
      expect(one.body.title).toBe('Samarbeidsavtale for Trondheimsregionen');
      expectProblem(await call('get', versions, token.clerk), 403);
      expectProblem(await call('get', `${versions}/${completeId}`, token.clerk), 403);
      expectProblem(await call('get', `${versions}/00000000-0000-4000-8000-000000000000`, token.secretariat), 404);
      expectProblem(await call('get', `/api/councils/${INNHERRED}/agreement-versions/${completeId}`, token.admin), 404);
      expectProblem(await call('get', `${versions}/not-a-uuid`, token.secretariat), 400, ['id']);
    });

    it('is written by the council’s own secretariat only', async () => {
      await expectNothingWritten(async () => {
        expectProblem(await call('post', versions, token.leader, complete), 403);
        expectProblem(await call('post', versions, token.clerk, complete), 403);
        expectProblem(await call('post', versions, token.innherredSecretariatAndStjordalClerk, complete), 403);
        expectProblem(await call('post', versions, token.innherredSecretariat, complete), 404);
        expectProblem(await call('post', versions, undefined, complete), 401);
      });
    });

    it('refuses bad input with 400 naming the field, and writes nothing', async () => {
      await expectNothingWritten(async () => {
        const empty = await call('post', versions, token.secretariat, {});
        expectProblem(empty, 400, ['title', 'effectiveFrom', 'sections', 'minimumContent']);
        expect(empty.body.errors).toContainEqual({ field: 'title', message: 'title is required: text of at most 300 characters' });
        expect(empty.body.errors.filter((error: { field: string }) => error.field === 'title')).toHaveLength(1);
        expectProblem(await call('post', versions, token.secretariat, { ...complete, effectiveFrom: '2023-02-30' }), 400, ['effectiveFrom']);
        expectProblem(await call('post', versions, token.secretariat, { ...complete, sections: [] }), 400, ['sections']);
        expectProblem(await call('post', versions, token.secretariat, { ...complete, sections: 'text' }), 400, ['sections']);
        expectProblem(await call('post', versions, token.secretariat, { ...complete, sections: [{ ref: '§ 1' }] }), 400, [
          'sections.0.heading',
          'sections.0.text',
        ]);
        expectProblem(await call('post', versions, token.secretariat, { ...complete, sections: [{ ...SECTIONS[0], page: 1 }] }), 400, [
          'sections.0.page',
        ]);
        expectProblem(await call('post', versions, token.secretariat, { ...complete, minimumContent: { ...COMPLETE_MINIMUM_CONTENT, i: '§ 13' } }), 400, [
          'minimumContent.i',
        ]);
        expectProblem(await call('post', versions, token.secretariat, { ...complete, minimumContent: { a: 1 } }), 400, ['minimumContent.a']);
        expectProblem(await call('post', versions, token.secretariat, { ...complete, minimumContent: 'all' }), 400, ['minimumContent']);
        expectProblem(await call('post', versions, token.secretariat, { ...complete, id: completeId }), 400, ['id']);
        const twice = await call('post', versions, token.secretariat, { ...complete, sections: [SECTIONS[0], SECTIONS[0]] });
        expectProblem(twice, 422, ['sections']);
        expect(twice.body.detail).toContain('§ 1');
      });
    });

    describe('POST …/agreement-versions/{id}/adopted-before and GET …/agreement?on=', () => {
      const agreement = `/api/councils/${TR}/agreement`;

      it('has no agreement in force before one is recorded: 404 problem+json', async () => {
        const response = await call('get', agreement, token.clerk);
        expectProblem(response, 404);
        expect(response.body.code).toBe('AGREEMENT.NONE_IN_FORCE');
      });

      it('refuses a version lacking items of § 18-4 with 422 naming the letters', async () => {
        await expectNothingWritten(async () => {
          const response = await call('post', `${versions}/${draftId}/adopted-before`, token.secretariat, { adoptedOn: '2020-06-18', reason: 'Vedtatt 2020' });
          expectProblem(response, 422, ['minimumContent']);
          expect(response.body).toMatchObject({ code: 'AGREEMENT.MINIMUM_CONTENT_MISSING', details: { missing: ['g', 'h'] } });
          expect(response.body.detail).toContain('g) how a participant withdraws');
          expect(response.body.detail).toContain('h) how the council is dissolved');
        });
      });

      it('records a complete version as adopted: in force from the later of effectiveFrom and adoptedOn', async () => {
        const response = await call('post', `${versions}/${completeId}/adopted-before`, token.secretariat, {
          adoptedOn: '2020-06-18',
          reason: 'Vedtatt i alle kommunestyrer i 2020, før rådet tok i bruk systemet',
        }).expect(200);
        expect(response.body).toMatchObject({ id: completeId, adoption: 'onboarding', adoptedOn: '2020-06-18', inForceFrom: '2020-06-18' });
        expect((await eventsOf('agreement_version.adopted_before')).at(-1)).toMatchObject({
          actor: 'sekretariat.trondheimsregionen',
          data: { versionId: completeId, after: { adoption: 'onboarding', inForceFrom: '2020-06-18' } },
        });
      });

      it('answers which version was in force on a date, past or future, to anyone who sees the council', async () => {
        const onDay = await call('get', `${agreement}?on=2020-06-18`, token.clerk).expect(200);
        expect(onDay.body).toMatchObject({
          id: completeId,
          title: 'Samarbeidsavtale for Trondheimsregionen',
          effectiveFrom: '2020-01-01',
          inForceFrom: '2020-06-18',
          sections: SECTIONS,
          minimumContent: COMPLETE_MINIMUM_CONTENT,
        });
        expect((await call('get', agreement, token.leader).expect(200)).body.id).toBe(completeId);
        expectProblem(await call('get', `${agreement}?on=2020-06-17`, token.clerk), 404);

        const next = await call('post', versions, token.secretariat, { ...complete, title: 'Revidert avtale', effectiveFrom: '2024-01-01' }).expect(201);
        const adopted = await call('post', `${versions}/${next.body.id}/adopted-before`, token.secretariat, { adoptedOn: '2022-12-01', reason: 'Vedtatt 2022' }).expect(200);
        expect(adopted.body.inForceFrom).toBe('2024-01-01');
        expect((await call('get', `${agreement}?on=2023-12-31`, token.clerk).expect(200)).body.id).toBe(completeId);
        expect((await call('get', `${agreement}?on=2024-01-01`, token.clerk).expect(200)).body.id).toBe(next.body.id);
        expect((await call('get', agreement, token.secretariat).expect(200)).body.id).toBe(completeId);
      });

      it('refuses to record a version twice with 409', async () => {
        await expectNothingWritten(async () => {
          const response = await call('post', `${versions}/${completeId}/adopted-before`, token.secretariat, { adoptedOn: '2020-06-18', reason: 'Igjen' });
          expectProblem(response, 409);
          expect(response.body.code).toBe('AGREEMENT_VERSION.ALREADY_ADOPTED');
        });
      });

      it('refuses an adoption in the future, and bad input, naming the field', async () => {
        const fresh = await call('post', versions, token.secretariat, { ...complete, title: 'Ny' }).expect(201);
        const path = `${versions}/${fresh.body.id}/adopted-before`;
        await expectNothingWritten(async () => {
          expectProblem(await call('post', path, token.secretariat, { adoptedOn: '2023-03-02', reason: 'Framtidig' }), 422, ['adoptedOn']);
          expectProblem(await call('post', path, token.secretariat, { adoptedOn: '2023-02-29', reason: 'x' }), 400, ['adoptedOn']);
          expectProblem(await call('post', path, token.secretariat, { adoptedOn: '2023-01-01' }), 400, ['reason']);
          expectProblem(await call('post', path, token.secretariat, { adoptedOn: '2023-01-01', reason: '   ' }), 400, ['reason']);
          expectProblem(await call('post', path, token.secretariat, { adoptedOn: '2023-01-01', reason: 'x', inForceFrom: '2023-01-01' }), 400, ['inForceFrom']);
          expectProblem(await call('post', `${versions}/nope/adopted-before`, token.secretariat, { adoptedOn: '2023-01-01', reason: 'x' }), 400, ['id']);
          expectProblem(
            await call('post', `${versions}/00000000-0000-4000-8000-000000000000/adopted-before`, token.secretariat, { adoptedOn: '2023-01-01', reason: 'x' }),
            404,
          );
          expectProblem(await call('post', path, token.leader, { adoptedOn: '2023-01-01', reason: 'x' }), 403);
          expectProblem(await call('post', path, token.clerk, { adoptedOn: '2023-01-01', reason: 'x' }), 403);
          expectProblem(await call('post', path, token.innherredSecretariat, { adoptedOn: '2023-01-01', reason: 'x' }), 404);
        });
      });

      it('validates ?on= as a real date, and hides the council from strangers', async () => {
        expectProblem(await call('get', `${agreement}?on=2023-02-30`, token.clerk), 400, ['on']);
        expectProblem(await call('get', `${agreement}?on=tomorrow`, token.clerk), 400, ['on']);
        expectProblem(await call('get', `${agreement}?at=2023-01-01`, token.clerk), 400, ['at']);
        expectProblem(await call('get', agreement, token.stranger), 404);
        expectProblem(await call('get', agreement, token.innherredSecretariat), 404);
        expectProblem(await call('get', agreement), 401);
      });
    });
  });

  describe('fee schedules', () => {
    const fees = `/api/councils/${TR}/fees`;
    const lines = (amounts: Fees) => Object.entries(amounts).map(([municipalityNumber, amount]) => ({ municipalityNumber, amount }));
    const innherredFees = `/api/councils/${INNHERRED}/fees`;
    const innherred2021 = { fees: lines({ '5035': '100000.00', '5053': '50000.50', '5054': '0.00' }), reason: 'Medlemsavgift 2021, vedtatt før oppstart' };

    it('answers the 2022 schedule on 2022-06-01 and today, and 404 before 2022-01-01', async () => {
      const response = await call('get', `${fees}?on=2022-06-01`, token.clerk).expect(200);
      expect(response.body).toMatchObject({ effectiveFrom: '2022-01-01', inForceFrom: '2022-01-01', source: 'onboarding', roundId: null, total: '6392069.00' });
      expect(Object.fromEntries(response.body.fees.map((fee: { municipalityNumber: string; amount: string }) => [fee.municipalityNumber, fee.amount]))).toEqual({
        ...TRONDHEIMSREGIONEN.fees2022,
      });
      expect(response.body.fees[0]).toEqual({ municipalityNumber: '5001', name: 'Trondheim', amount: '3320454.00' });
      expect((await call('get', fees, token.leader).expect(200)).body.effectiveFrom).toBe('2022-01-01');
      const before = await call('get', `${fees}?on=2021-12-31`, token.clerk);
      expectProblem(before, 404);
      expect(before.body.code).toBe('FEES.NONE_IN_FORCE');
    });

    it('records a schedule adopted before onboarding (201), and the same again is answered 200 and changes nothing', async () => {
      const first = await call('put', `${innherredFees}/2021-01-01`, token.innherredSecretariat, innherred2021).expect(201);
      expect(first.body).toMatchObject({ effectiveFrom: '2021-01-01', inForceFrom: '2021-01-01', source: 'onboarding', total: '150000.50', reason: innherred2021.reason });
      expect(first.body.fees).toEqual([
        { municipalityNumber: '5035', name: 'Stjørdal', amount: '100000.00' },
        { municipalityNumber: '5053', name: 'Inderøy', amount: '50000.50' },
        { municipalityNumber: '5054', name: 'Indre Fosen', amount: '0.00' },
      ]);
      expect((await eventsOf('fee_schedule.recorded')).at(-1)).toMatchObject({ actor: `secretariat.${INNHERRED}`, data: { effectiveFrom: '2021-01-01', total: '150000.50' } });
      await expectNothingWritten(async () => {
        const again = await call('put', `${innherredFees}/2021-01-01`, token.innherredSecretariat, { ...innherred2021, fees: [...innherred2021.fees].reverse() }).expect(200);
        expect(again.body).toEqual(first.body);
        await call('put', `${fees}/2022-01-01`, token.secretariat, { fees: lines(TRONDHEIMSREGIONEN.fees2022), reason: 'Medlemsavgift 2022' }).expect(200);
      });
      expect((await call('get', `${innherredFees}?on=2021-06-01`, await clerkToken('5053')).expect(200)).body.total).toBe('150000.50');
    });

    it('refuses a different schedule for a date already recorded with 409: schedules are history', async () => {
      await expectNothingWritten(async () => {
        const changed = await call('put', `${innherredFees}/2021-01-01`, token.innherredSecretariat, {
          ...innherred2021,
          fees: lines({ '5035': '100000.01', '5053': '50000.50', '5054': '0.00' }),
        });
        expectProblem(changed, 409);
        expect(changed.body.code).toBe('FEES.SCHEDULE_EXISTS');
        expectProblem(await call('put', `${fees}/2022-01-01`, token.secretariat, { fees: lines({ ...TRONDHEIMSREGIONEN.fees2022, '5001': '1.00' }), reason: 'x' }), 409);
      });
    });

    it('refuses fees that do not cover exactly the current members with 422 naming them', async () => {
      const { '5054': _left, ...withoutIndreFosen } = TRONDHEIMSREGIONEN.fees2022;
      await expectNothingWritten(async () => {
        const missing = await call('put', `${fees}/2021-01-01`, token.secretariat, { fees: lines(withoutIndreFosen), reason: 'x' });
        expectProblem(missing, 422, ['fees']);
        expect(missing.body).toMatchObject({ code: 'FEES.MEMBER_MISSING', details: { municipalityNumbers: ['5054'] } });
        const stranger = await call('put', `${fees}/2021-01-01`, token.secretariat, { fees: lines({ ...TRONDHEIMSREGIONEN.fees2022, '0301': '1.00' }), reason: 'x' });
        expectProblem(stranger, 422, ['fees']);
        expect(stranger.body).toMatchObject({ code: 'FEES.NOT_A_MEMBER', details: { municipalityNumbers: ['0301'] } });
        const twice = await call('put', `${fees}/2021-01-01`, token.secretariat, {
          fees: [...lines(TRONDHEIMSREGIONEN.fees2022), { municipalityNumber: '5001', amount: '1.00' }],
          reason: 'x',
        });
        expectProblem(twice, 422, ['fees']);
        expect(twice.body.code).toBe('FEES.DUPLICATE_MEMBER');
      });
    });

    it('refuses negative amounts, floats, bad dates and other bad input with 400 naming the field', async () => {
      const good = { fees: lines(TRONDHEIMSREGIONEN.fees2022), reason: 'Medlemsavgift 2021' };
      const withAmount = (amount: unknown) => ({ ...good, fees: [{ municipalityNumber: '5001', amount }, ...good.fees.slice(1)] });
      await expectNothingWritten(async () => {
        const negative = await call('put', `${fees}/2021-01-01`, token.secretariat, withAmount('-1.00'));
        expectProblem(negative, 400, ['fees.0.amount']);
        expect(negative.body.errors[0].message).toMatch(/negative/);
        const float = await call('put', `${fees}/2021-01-01`, token.secretariat, withAmount(3320454.5));
        expectProblem(float, 400, ['fees.0.amount']);
        expect(float.body.errors[0].message).toMatch(/string/);
        expectProblem(await call('put', `${fees}/2021-01-01`, token.secretariat, withAmount('3320454.505')), 400, ['fees.0.amount']);
        expectProblem(await call('put', `${fees}/2021-01-01`, token.secretariat, withAmount('3 320 454')), 400, ['fees.0.amount']);
        expectProblem(await call('put', `${fees}/2021-01-01`, token.secretariat, withAmount(undefined)), 400, ['fees.0.amount']);
        expectProblem(
          await call('put', `${fees}/2021-01-01`, token.secretariat, { ...good, fees: [{ municipalityNumber: '50', amount: '1.00' }] }),
          400,
          ['fees.0.municipalityNumber'],
        );
        expectProblem(await call('put', `${fees}/2021-01-01`, token.secretariat, { fees: good.fees }), 400, ['reason']);
        expectProblem(await call('put', `${fees}/2021-01-01`, token.secretariat, { ...good, reason: '' }), 400, ['reason']);
        expectProblem(await call('put', `${fees}/2021-01-01`, token.secretariat, { ...good, fees: [] }), 400, ['fees']);
        expectProblem(await call('put', `${fees}/2021-01-01`, token.secretariat, { ...good, fees: { '5001': '1.00' } }), 400, ['fees']);
        expectProblem(await call('put', `${fees}/2021-01-01`, token.secretariat, { ...good, total: '6392069.00' }), 400, ['total']);
        expectProblem(await call('put', `${fees}/2023-02-30`, token.secretariat, good), 400, ['effectiveFrom']);
        expectProblem(await call('put', `${fees}/2021-1-1`, token.secretariat, good), 400, ['effectiveFrom']);
        expectProblem(await call('put', `${fees}/2021-01-01`, token.secretariat).set('Content-Type', 'application/json').send('{"fees": ['), 400);
      });
    });

    it('is recorded by the council’s own secretariat only; read by anyone who sees the council', async () => {
      const good = { fees: lines(TRONDHEIMSREGIONEN.fees2022), reason: 'Medlemsavgift 2021' };
      await expectNothingWritten(async () => {
        expectProblem(await call('put', `${fees}/2021-01-01`, token.leader, good), 403);
        expectProblem(await call('put', `${fees}/2021-01-01`, token.clerk, good), 403);
        expectProblem(await call('put', `${fees}/2021-01-01`, token.innherredSecretariatAndStjordalClerk, good), 403);
        expectProblem(await call('put', `${fees}/2021-01-01`, token.innherredSecretariat, good), 404);
        expectProblem(await call('put', `${fees}/2021-01-01`, undefined, good), 401);
      });
      await call('get', fees, token.innherredSecretariatAndStjordalClerk).expect(200);
      expectProblem(await call('get', fees, token.stranger), 404);
      expectProblem(await call('get', fees, token.innherredSecretariat), 404);
      expectProblem(await call('get', `${fees}?on=2022-13-01`, token.clerk), 400, ['on']);
    });

    it('treats a schedule approved in a round like one recorded at onboarding, and then refuses later onboarding records', async () => {
      // The rounds part writes such a schedule when a fee round is approved; here it is written directly.
      const [{ id: councilId }] = await api.dataSource.query(`SELECT id FROM council WHERE slug = $1`, [TR]);
      const [{ id: roundId }] = await api.dataSource.query(
        `INSERT INTO round (council_id, title, subject_type, fee_total_ore, cost_key, fee_effective_from, round_to, decision_rule,
                            deadline, reminder_days_before, status, launched_by, launched_at, lock_version)
         VALUES ($1, 'Medlemsavgift 2023', 'fees', 1000000000, 'fees-2022', '2023-01-01', 'ore', '{"kind":"unanimity"}',
                 '2022-12-15', '[14,7,1]', 'approved', 'test', '2022-11-01T09:00:00Z', 1) RETURNING id`,
        [councilId],
      );
      const [{ id: scheduleId }] = await api.dataSource.query(
        `INSERT INTO fee_schedule (council_id, effective_from, in_force_from, source, reason, round_id)
         VALUES ($1, '2023-01-01', '2023-01-10', 'round', 'Vedtatt i godkjenningsrunde', $2) RETURNING id`,
        [councilId, roundId],
      );
      for (const [number, amount] of Object.entries(TRONDHEIMSREGIONEN.allocation2023)) {
        await api.dataSource.query(`INSERT INTO fee_schedule_line (fee_schedule_id, municipality_number, amount_ore) VALUES ($1, $2, $3)`, [
          scheduleId,
          number,
          Money.fromNok(amount).ore.toString(),
        ]);
      }

      expect((await call('get', `${fees}?on=2023-01-09`, token.clerk).expect(200)).body.effectiveFrom).toBe('2022-01-01');
      const approved = await call('get', `${fees}?on=2023-01-10`, token.clerk).expect(200);
      expect(approved.body).toMatchObject({ effectiveFrom: '2023-01-01', inForceFrom: '2023-01-10', source: 'round', roundId, total: '10000000.00' });
      expect((await call('get', fees, token.clerk).expect(200)).body.source).toBe('round');

      const preview = await call('post', `/api/councils/${TR}/allocations`, token.secretariat, { total: '10000000.00', costKey: 'fees-2022' }).expect(200);
      expect(preview.body.currentSchedule).toEqual({ effectiveFrom: '2023-01-01', inForceFrom: '2023-01-10' });
      expect(preview.body.members.every((line: { change: string }) => line.change === '0.00')).toBe(true);

      await expectNothingWritten(async () => {
        const late = await call('put', `${fees}/2023-06-01`, token.secretariat, { fees: lines(TRONDHEIMSREGIONEN.fees2022), reason: 'For sent' });
        expectProblem(late, 409);
        expect(late.body).toMatchObject({ code: 'FEES.AFTER_ROUND', details: { roundId, title: 'Medlemsavgift 2023' } });
        expectProblem(await call('put', `${fees}/2023-01-01`, token.secretariat, { fees: lines(TRONDHEIMSREGIONEN.allocation2023), reason: 'x' }), 409);
      });
      await call('put', `${fees}/2021-01-01`, token.secretariat, { fees: lines(TRONDHEIMSREGIONEN.fees2022), reason: 'Medlemsavgift 2021' }).expect(201);
      expect((await call('get', `${fees}?on=2021-07-01`, token.clerk).expect(200)).body.effectiveFrom).toBe('2021-01-01');
    });
  });

  describe('OpenAPI', () => {
    const operations: Array<[string, string, string[]]> = [
      ['post', '/api/councils', ['201', '400', '401', '403', '409']],
      ['get', '/api/councils', ['200', '400', '401']],
      ['get', '/api/councils/{slug}', ['200', '401', '404']],
      ['put', '/api/councils/{slug}/members/{municipalityNumber}', ['200', '201', '400', '401', '403', '404', '409', '422']],
      ['put', '/api/councils/{slug}/cost-keys/{key}', ['200', '400', '401', '403', '404', '422']],
      ['get', '/api/councils/{slug}/cost-keys/{key}', ['200', '400', '401', '404']],
      ['post', '/api/councils/{slug}/allocations', ['200', '400', '401', '403', '404', '422']],
      ['post', '/api/councils/{slug}/agreement-versions', ['201', '400', '401', '403', '404', '422']],
      ['get', '/api/councils/{slug}/agreement-versions', ['200', '400', '401', '403', '404']],
      ['get', '/api/councils/{slug}/agreement-versions/{id}', ['200', '400', '401', '403', '404']],
      ['post', '/api/councils/{slug}/agreement-versions/{id}/adopted-before', ['200', '400', '401', '403', '404', '409', '422']],
      ['get', '/api/councils/{slug}/agreement', ['200', '400', '401', '404']],
      ['put', '/api/councils/{slug}/fees/{effectiveFrom}', ['200', '201', '400', '401', '403', '404', '409', '422']],
      ['get', '/api/councils/{slug}/fees', ['200', '400', '401', '404']],
    ];

    it('documents every route with bearer auth, its answers and its problems as problem+json', async () => {
      const document = (await request(api.http).get('/api/docs-json').expect(200)).body;
      for (const [method, path, statuses] of operations) {
        const operation = document.paths[path]?.[method];
        expect({ method, path, defined: !!operation }).toEqual({ method, path, defined: true });
        expect(operation.security).toEqual([{ bearer: [] }]);
        expect({ method, path, statuses: Object.keys(operation.responses).sort() }).toEqual({ method, path, statuses });
        for (const status of statuses.filter((code) => code >= '400')) {
          expect(operation.responses[status].content['application/problem+json']).toBeDefined();
        }
      }
      expect(document.paths['/api/councils/{slug}/fees']?.get.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'on', in: 'query' }), expect.objectContaining({ name: 'slug', in: 'path' })]),
      );
      expect(document.components.schemas.ProblemResponse.properties.errors).toBeDefined();
      expect(document.components.schemas.AllocationPreviewResponse.properties.members.items.$ref).toBe(
        '#/components/schemas/AllocationPreviewLineResponse',
      );
      expect(document.components.schemas.PreviewAllocationDto.properties.total.example).toBe('10000000.00');
      expect(document.components.schemas.PutCostKeyDto.properties.weights.example).toMatchObject({ '5001': '67' });
    });
  });
});
