import { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { createApi } from '../apps/api/src/bootstrap';
import { TestApi, startTestApi } from './support/api';
import { testConfig } from './support/config';
import { startOwnRedis } from './support/redis-server';
import { COUNCIL } from './support/round-story';
import { adminToken, secretariatToken, tokenFor } from './support/tokens';
import { waitFor } from './support/wait';

// /admin/queues: bull-board for admins, behind a gate of its own (outside Nest's routing). A
// browser signs in once with ?token= and gets a server-side session whose cookie is only an id.
describe('/admin/queues', () => {
  // A queue prefix of the suite's own: the board may change the queue, and the sessions are keyed under it.
  const prefix = `{board-${process.pid}-${Date.now()}}`;
  let api: TestApi;
  let base: string;
  let redis: Redis;
  const board = () => request(base).get('/admin/queues');
  const cookieOf = (response: request.Response) => ((response.headers['set-cookie'] as unknown as string[] | undefined) ?? [])[0] ?? '';
  const signIn = async (token: string, headers: Record<string, string> = {}) => {
    const response = await request(base).get(`/admin/queues?token=${token}`).set(headers);
    expect(response.status).toBe(200);
    return response;
  };

  beforeAll(async () => {
    api = await startTestApi({ seed: true, env: { QUEUE_PREFIX: prefix } });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.http.address() as AddressInfo).port}`;
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });

  afterAll(async () => {
    await api?.close();
    if (redis) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  });

  it('answers 401 problem+json without a token, and for a bad one', async () => {
    const none = await board();
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.body).toMatchObject({ status: 401, type: '/problems/unauthenticated' });

    const forged = await board().set('Authorization', 'Bearer not.a.token');
    expect(forged.status).toBe(401);
    expect(forged.body.type).toBe('/problems/invalid-token');
  });

  it('answers 403 to anyone but an admin, by header or by ?token=, and sets no cookie', async () => {
    const secretariat = await secretariatToken(COUNCIL);
    const byHeader = await board().set('Authorization', `Bearer ${secretariat}`);
    expect(byHeader.status).toBe(403);
    expect(byHeader.headers['content-type']).toMatch(/application\/problem\+json/);

    const byQuery = await request(base).get(`/admin/queues?token=${secretariat}`);
    expect(byQuery.status).toBe(403);
    expect(byQuery.headers['set-cookie']).toBeUndefined();
    expect(byQuery.body.instance).toBe('/admin/queues');
  });

  it('shows the board to an admin’s bearer token, with the product’s queue, and sets no cookie', async () => {
    const admin = `Bearer ${await adminToken()}`;
    const page = await board().set('Authorization', admin);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<base href="/admin/queues/"');
    expect(page.headers['set-cookie']).toBeUndefined();

    const queues = await request(base).get('/admin/queues/api/queues').set('Authorization', admin);
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((queue: { name: string }) => queue.name)).toContain('vedtak');
  });

  it('trades ?token= for a session: the cookie is a signed id, not the token, HttpOnly, SameSite=Strict, on /admin/queues, ending with the token', async () => {
    const token = await adminToken('admin.board');
    const response = await signIn(token);
    expect(response.text).toContain('http-equiv="refresh" content="0; url=/admin/queues"');
    expect(response.text).not.toContain('token=');
    expect(response.headers['cache-control']).toBe('no-store');
    const cookie = cookieOf(response);
    const value = /^vedtak_admin=([^;]+);/.exec(cookie)?.[1];
    expect(value).toBeDefined();
    expect(decodeURIComponent(value!)).toMatch(/^s:[\w-]+\.[\w+/=-]+$/);
    expect(value).not.toContain(token);
    expect(value).not.toContain('eyJ');
    expect(cookie).toMatch(/; Path=\/admin\/queues(;|$)/);
    expect(cookie).toMatch(/; HttpOnly(;|$)/);
    expect(cookie).toMatch(/; SameSite=Strict(;|$)/);
    // Over plain http it cannot be Secure, or the browser would drop it.
    expect(cookie).not.toMatch(/; Secure/i);
    const expires = Date.parse(/; Expires=([^;]+)/.exec(cookie)![1]);
    expect(Math.abs(expires - decodeJwt(token).exp! * 1000)).toBeLessThan(2000);

    // What the session stands for is in Redis, under the suite's prefix, and expires with the token.
    const sid = /^s:([^.]+)\./.exec(decodeURIComponent(value!))![1];
    const stored = await redis.get(`${prefix}:board-session:${sid}`);
    expect(JSON.parse(stored!)).toMatchObject({ admin: { subject: 'admin.board', issuer: 'vedtaksrunde' } });
    expect(stored).not.toContain(token);
    const ttl = await redis.pttl(`${prefix}:board-session:${sid}`);
    expect(ttl).toBeGreaterThan(3_500_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);

    const session = cookie.split(';')[0];
    const withCookie = await board().set('Cookie', session);
    expect(withCookie.status).toBe(200);
    expect(withCookie.text).toContain('<base href="/admin/queues/"');
    // What the page loads next (scripts, the board's API) carries the cookie too.
    const script = /src="(static\/js\/[^"]+)"/.exec(withCookie.text)![1];
    await request(base).get(`/admin/queues/${script}`).set('Cookie', session).expect(200);
    await request(base).get('/admin/queues/api/queues').set('Cookie', session).expect(200);
    await request(base).get(`/admin/queues/${script}`).expect(401);
  });

  it('makes the cookie Secure when the request came over TLS (X-Forwarded-Proto from the trusted proxy)', async () => {
    const response = await signIn(await adminToken(), { 'X-Forwarded-Proto': 'https' });
    expect(cookieOf(response)).toMatch(/; Secure(;|$)/);
    expect(cookieOf(response)).toMatch(/; HttpOnly(;|$)/);
    expect(cookieOf(response)).toMatch(/; SameSite=Strict(;|$)/);
  });

  it('ends the session when the admin token expires', async () => {
    const token = await tokenFor({ sub: 'admin.short', roles: [{ role: 'admin' }] }, { expiresInSeconds: 2 });
    const session = cookieOf(await signIn(token)).split(';')[0];
    await board().set('Cookie', session).expect(200);
    const ended = (await waitFor('the session to end with the token', async () => {
      const response = await board().set('Cookie', session);
      return response.status === 401 ? response : null;
    }, 5000, 200))!;
    expect(ended.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(cookieOf(ended)).toMatch(/^vedtak_admin=;/);
  });

  it('answers an undecodable cookie with a 4xx problem+json, never a 500', async () => {
    const response = await board().set('Cookie', 'vedtak_admin=%E0%A4%A');
    expect([400, 401]).toContain(response.status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers a spoiled or forged cookie, or a token put in it, with 401 problem+json and clears it', async () => {
    for (const cookie of ['vedtak_admin=spoiled', 'vedtak_admin=s%3Aforged.c2lnbmF0dXJl', `vedtak_admin=${await adminToken()}`]) {
      const response = await board().set('Cookie', cookie);
      expect({ cookie, status: response.status, type: response.headers['content-type'] }).toEqual({
        cookie,
        status: 401,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(response.body.type).toBe('/problems/unauthenticated');
      expect(cookieOf(response)).toMatch(/^vedtak_admin=;/);
    }
  });

  it('refuses a change from another origin with 403, by cookie or by bearer token, and lets the board’s own through', async () => {
    const session = cookieOf(await signIn(await adminToken())).split(';')[0];
    const resume = () => request(base).put('/admin/queues/api/queues/vedtak/resume');
    for (const refused of [
      resume().set('Cookie', session).set('Origin', 'https://evil.example'),
      resume().set('Authorization', `Bearer ${await adminToken()}`).set('Origin', 'https://evil.example'),
      resume().set('Cookie', session).set('Origin', 'null'),
      resume().set('Cookie', session).set('Sec-Fetch-Site', 'cross-site'),
      request(base).post('/admin/queues/api/queues/vedtak/clean/failed').set('Cookie', session).set('Origin', 'http://127.0.0.1.evil.example'),
    ]) {
      const response = await refused;
      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.type).toBe('/problems/cross-origin-request');
    }
    // The board's own page: the Origin is the host it was served from.
    const own = await resume().set('Cookie', session).set('Origin', base);
    expect(own.status).not.toBe(403);
    expect(own.status).toBeLessThan(500);
    // Reading from another origin is harmless (the answer is not readable cross-origin).
    await board().set('Cookie', session).set('Origin', 'https://evil.example').expect(200);
  });

  it('answers 503 problem+json, never a 500, while the Redis of its sessions is away', async () => {
    const own = await startOwnRedis();
    const other = await createApi(testConfig({ DATABASE_URL: api.database.url, REDIS_URL: own.url, QUEUE_PREFIX: prefix }));
    try {
      await other.init();
      const token = await adminToken();
      const session = cookieOf(await request(other.getHttpServer()).get(`/admin/queues?token=${token}`).expect(200)).split(';')[0];
      await own.stop();
      for (const response of [
        await request(other.getHttpServer()).get(`/admin/queues?token=${token}`),
        await request(other.getHttpServer()).get('/admin/queues').set('Cookie', session),
      ]) {
        expect(response.status).toBe(503);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.headers['retry-after']).toBe('30');
        expect(response.body.type).toBe('/problems/queue-board-unavailable');
      }
    } finally {
      await other.close();
      await own.dispose();
    }
  });

  it('writes an access log line per request: who, method, path and status, never the token', async () => {
    const log = jest.spyOn(Logger.prototype, 'log');
    try {
      const token = await adminToken('admin.logged');
      await request(base).get('/admin/queues/api/queues').set('Authorization', `Bearer ${token}`).expect(200);
      await request(base).get(`/admin/queues?token=${token}`).expect(200);
      await request(base).get('/admin/queues/api/queues?x=1').expect(401);
      const lines = await waitFor('three access log lines', async () => {
        const found = log.mock.calls.filter(([, message]) => message === 'queue board request').map(([fields]) => fields);
        return found.length >= 3 ? found : null;
      }, 3000, 20);
      expect(lines).toEqual([
        { who: 'admin.logged', method: 'GET', path: '/admin/queues/api/queues', status: 200 },
        { who: 'admin.logged', method: 'GET', path: '/admin/queues', status: 200 },
        { who: 'anonymous', method: 'GET', path: '/admin/queues/api/queues', status: 401 },
      ]);
      expect(JSON.stringify(log.mock.calls)).not.toContain(token);
    } finally {
      log.mockRestore();
    }
  });
});

