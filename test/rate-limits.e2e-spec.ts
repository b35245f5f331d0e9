import { INestApplication, Logger } from '@nestjs/common';
import request from 'supertest';
import { createApi } from '../apps/api/src/bootstrap';
import { TestApi, startTestApi } from './support/api';
import { testConfig } from './support/config';
import { OwnRedis, startOwnRedis } from './support/redis-server';
import { COUNCIL } from './support/round-story';
import { adminToken, tokenFor } from './support/tokens';

// The request budgets, shared by every api process through Redis: per address, per signed-in
// person, and for refused sign-ins per address. Each test comes from an address of its own
// (X-Forwarded-For, which the api honours from the loopback proxy) and as people of its own,
// since a budget lasts a minute.
const LIMITS = { RATE_LIMIT_PERSON_PER_MINUTE: '8', RATE_LIMIT_IP_PER_MINUTE: '12', RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '4' };

describe('rate limits', () => {
  // Keys of the suite's own: other suites running at the same time count under theirs.
  const prefix = `{rate-${process.pid}-${Date.now()}}`;
  const env = { QUEUE_PREFIX: prefix, ...LIMITS };
  let api: TestApi;
  let second: INestApplication | undefined;

  const get = (http: unknown, path: string, address: string, token?: string) => {
    const call = request(http as Parameters<typeof request>[0]).get(path).set('X-Forwarded-For', address);
    return token ? call.set('Authorization', `Bearer ${token}`) : call;
  };
  const personToken = (sub: string) => tokenFor({ sub, roles: [{ role: 'leader', council: COUNCIL }] });

  const expectRefused = (response: request.Response, policy: string, limit: number) => {
    expect(response.status).toBe(429);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: '/problems/rate-limited', status: 429, policy });
    const retryAfter = Number(response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(response.headers['ratelimit-policy']).toContain(`"${policy}";q=${limit};w=60`);
    expect(response.headers.ratelimit).toMatch(new RegExp(`"${policy}";r=0;t=\\d+`));
    expect(response.headers['ratelimit-remaining']).toBe('0');
    expect(response.headers['ratelimit-limit']).toBe(String(limit));
    expect(Number(response.headers['ratelimit-reset'])).toBe(retryAfter);
  };

  beforeAll(async () => {
    api = await startTestApi({ seed: true, env });
  });

  afterAll(async () => {
    await second?.close();
    await api?.close();
  });

  it('tells every answer where it stands, by address and by person, in the draft’s RateLimit fields and the older three headers', async () => {
    const token = await personToken('leder.telt');
    const first = await get(api.http, '/api/councils', '198.51.100.1', token).expect(200);
    expect(first.headers['ratelimit-policy']).toBe('"ip";q=12;w=60, "person";q=8;w=60');
    expect(first.headers.ratelimit).toMatch(/^"ip";r=11;t=\d+, "person";r=7;t=\d+$/);
    // The older form tells the budget closest to running out.
    expect(first.headers['ratelimit-limit']).toBe('8');
    expect(first.headers['ratelimit-remaining']).toBe('7');
    expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThan(0);
    const again = await get(api.http, '/api/councils', '198.51.100.1', token).expect(200);
    expect(again.headers.ratelimit).toMatch(/^"ip";r=10;t=\d+, "person";r=6;t=\d+$/);
    // Without a token, the address's budget only; the health check counts for nothing.
    const anonymous = await get(api.http, `/public/${COUNCIL}`, '198.51.100.1').expect(200);
    expect(anonymous.headers['ratelimit-policy']).toBe('"ip";q=12;w=60');
    const health = await get(api.http, '/api/health', '198.51.100.1');
    expect(health.headers['ratelimit-policy']).toBeUndefined();
  });

  it('refuses a person past their budget with 429, from whichever address, and not someone else', async () => {
    const token = await personToken('leder.ivrig');
    for (let i = 1; i <= 8; i++) await get(api.http, '/api/councils', `198.51.100.${10 + i}`, token).expect(200);
    expectRefused(await get(api.http, '/api/councils', '198.51.100.30', token), 'person', 8);
    await get(api.http, '/api/councils', '198.51.100.30', await personToken('leder.rolig')).expect(200);
  });

  it('refuses an address past its budget with 429, whoever signs in from it, and never the health check', async () => {
    const address = '203.0.113.7';
    for (let i = 1; i <= 12; i++) {
      const response = i % 2 ? await get(api.http, '/api/councils', address, await personToken(`leder.by.${i}`)) : await get(api.http, `/public/${COUNCIL}`, address);
      expect(response.status).toBe(200);
    }
    expectRefused(await get(api.http, `/public/${COUNCIL}`, address), 'ip', 12);
    expectRefused(await get(api.http, '/api/councils', address, await personToken('leder.by.ny')), 'ip', 12);
    await get(api.http, '/api/health', address).expect(200);
    // Another address is not held back.
    await get(api.http, `/public/${COUNCIL}`, '203.0.113.8').expect(200);
  });

  it('refuses an address with too many refused sign-ins everything but a valid token, bad bearer and bad feed tokens alike', async () => {
    const address = '203.0.113.20';
    const bad = [
      () => get(api.http, '/api/councils', address, 'not.a.token'),
      () => get(api.http, '/api/councils', address),
      () => get(api.http, `/api/councils/${COUNCIL}/calendar.ics?token=not-a-feed-token`, address),
      () => get(api.http, '/api/councils', address, 'eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl'),
    ];
    for (const attempt of bad) expect((await attempt()).status).toBe(401);
    expectRefused(await get(api.http, '/api/councils', address, 'yet.another.guess'), 'auth-failures', 4);
    expectRefused(await get(api.http, `/api/councils/${COUNCIL}/calendar.ics?token=guess`, address), 'auth-failures', 4);
    expectRefused(await get(api.http, `/public/${COUNCIL}`, address), 'auth-failures', 4);
    // Whoever holds a valid token is still answered from there.
    await get(api.http, '/api/councils', address, await personToken('leder.samme.kontor')).expect(200);
    // And the refusals of one address do not hold back another.
    expect((await get(api.http, '/api/councils', '203.0.113.21', 'not.a.token')).status).toBe(401);
  });

  it('shares the budgets between two api processes on the same Redis', async () => {
    second = await createApi(testConfig({ DATABASE_URL: api.database.url, ...env }));
    await second.init();
    const address = '192.0.2.44';
    const token = await personToken('leder.to.prosesser');
    for (let i = 0; i < 8; i++) {
      const response = await get(i % 2 ? second.getHttpServer() : api.http, '/api/councils', `192.0.2.${50 + i}`, token);
      expect(response.status).toBe(200);
    }
    expectRefused(await get(second.getHttpServer(), '/api/councils', '192.0.2.70', token), 'person', 8);
    expectRefused(await get(api.http, '/api/councils', '192.0.2.71', token), 'person', 8);

    for (let i = 0; i < 12; i++) expect((await get(i % 2 ? second.getHttpServer() : api.http, `/public/${COUNCIL}`, address)).status).toBe(200);
    expectRefused(await get(api.http, `/public/${COUNCIL}`, address), 'ip', 12);
    expectRefused(await get(second.getHttpServer(), `/public/${COUNCIL}`, address), 'ip', 12);
  });
});

describe('rate limits while Redis is down', () => {
  let redis: OwnRedis;
  let api: TestApi;

  beforeAll(async () => {
    redis = await startOwnRedis();
    api = await startTestApi({ seed: true, env: { REDIS_URL: redis.url, QUEUE_PREFIX: '{rate-down}', ...LIMITS } });
  });

  afterAll(async () => {
    await api?.close();
    await redis?.dispose();
  });

  it('still answers every request without waiting, logs one warning for the outage, counts in the process meanwhile, and shares again once Redis is back', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const log = jest.spyOn(Logger.prototype, 'log');
    const outageWarnings = () => warn.mock.calls.filter(([, message]) => typeof message === 'string' && message.startsWith('Rate limits: Redis does not answer'));
    try {
      const token = await adminToken('admin.uten.redis');
      await get(api.http, '/api/councils', '198.51.100.200', token).expect(200);
      await redis.stop();

      const started = Date.now();
      const answers: number[] = [];
      for (let i = 0; i < 6; i++) answers.push((await get(api.http, '/api/councils', `198.51.100.${201 + i}`, token)).status);
      expect(answers).toEqual([200, 200, 200, 200, 200, 200]);
      // Nothing waited for Redis (a command timeout or a connect attempt would show here).
      expect(Date.now() - started).toBeLessThan(1500);
      expect(outageWarnings()).toHaveLength(1);

      // Meanwhile each process counts on its own, with the same limits: the person is at 1 + 6 of 8 in Redis, 6 of 8 here.
      await get(api.http, '/api/councils', '198.51.100.210', token).expect(200);
      await get(api.http, '/api/councils', '198.51.100.211', token).expect(200);
      const refused = await get(api.http, '/api/councils', '198.51.100.212', token);
      expect(refused.status).toBe(429);
      expect(refused.body.policy).toBe('person');
      expect(outageWarnings()).toHaveLength(1);

      await redis.start();
      let polls = 0;
      await waitForAnswer(() => get(api.http, `/public/${COUNCIL}`, `192.0.2.${++polls}`), (response) =>
        log.mock.calls.some(([message]) => typeof message === 'string' && message.startsWith('Rate limits: Redis answers again')) && response.status === 200,
      );
      // Back on Redis, where this person's minute had only just begun before the outage.
      const shared = await get(api.http, '/api/councils', '198.51.100.221', token);
      expect(shared.status).toBe(200);
      expect(shared.headers.ratelimit).toContain('"person";r=6;');
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
  });

  function get(http: unknown, path: string, address: string, token?: string) {
    const call = request(http as Parameters<typeof request>[0]).get(path).set('X-Forwarded-For', address);
    return token ? call.set('Authorization', `Bearer ${token}`) : call;
  }

  async function waitForAnswer(ask: () => Promise<request.Response>, done: (response: request.Response) => boolean): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (done(await ask())) return;
      if (Date.now() > deadline) throw new Error('Redis did not come back for the rate limits');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});
