import { existsSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Browser } from 'playwright-core';
import request from 'supertest';
import { createApi } from '../apps/api/src/bootstrap';
import { webRoot } from '../apps/api/src/web/web-app';
import { TestApi, startTestApi } from './support/api';
import { launchBrowser, watchConsole } from './support/browser';
import { testConfig } from './support/config';
import { COUNCIL, launchFeeRound } from './support/round-story';
import { adminToken, secretariatToken } from './support/tokens';

// Every answer carries helmet's headers with a Content-Security-Policy fit for what it is (data,
// Swagger UI, the queue board, the public page, the web app), HSTS only over TLS, and CORS only
// for the origins of CORS_ORIGINS.
describe('security headers and CORS', () => {
  const allowedOrigin = 'https://kommune.example.no';
  const issuer = 'http://127.0.0.1:3999/idp';
  let api: TestApi;
  let base: string;
  let admin: string;
  let browser: Browser | undefined;

  const cspOf = (response: request.Response) => String(response.headers['content-security-policy'] ?? '');
  const directives = (csp: string) =>
    Object.fromEntries(
      csp
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .filter(([name]) => name)
        .map(([name, ...values]) => [name, values]),
    );
  const expectCommonHeaders = (response: request.Response) => {
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(directives(cspOf(response))['frame-ancestors']).toBeDefined();
    // Plain http from the test: no HSTS.
    expect(response.headers['strict-transport-security']).toBeUndefined();
  };

  beforeAll(async () => {
    if (!existsSync(join(webRoot(), 'index.html'))) throw new Error(`the web app is not built in ${webRoot()}: npm run build:web`);
    api = await startTestApi({
      seed: true,
      now: '2022-10-01T10:00:00+02:00',
      env: { CORS_ORIGINS: `${allowedOrigin}, https://other.example`, OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'vedtaksrunde-api', OIDC_JWKS_URL: `${issuer}/jwks` },
    });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.http.address() as AddressInfo).port}`;
    admin = await adminToken();
    await launchFeeRound(api, { public: true });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('gives the api’s JSON answers, errors included, a CSP that allows nothing: default-src none, frame-ancestors none', async () => {
    for (const response of [
      await request(base).get('/api/councils').set('Authorization', `Bearer ${admin}`).expect(200),
      await request(base).get('/api/councils').expect(401),
      await request(base).get('/api/no-such-thing').expect(404),
      await request(base).get('/api/docs-json').expect(200),
      await request(base).get('/api/health'),
    ]) {
      expectCommonHeaders(response);
      expect(cspOf(response)).toBe("default-src 'none';frame-ancestors 'none'");
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
    }
  });

  it('sends HSTS only when the request came over TLS: X-Forwarded-Proto: https from the trusted (loopback) proxy', async () => {
    for (const path of ['/api/councils', '/', '/api/docs', '/admin/queues', `/public/${COUNCIL}`]) {
      const secure = await request(base).get(path).set('X-Forwarded-Proto', 'https');
      expect({ path, hsts: secure.headers['strict-transport-security'] }).toEqual({ path, hsts: 'max-age=31536000; includeSubDomains' });
      const plain = await request(base).get(path);
      expect({ path, hsts: plain.headers['strict-transport-security'] }).toEqual({ path, hsts: undefined });
    }
  });

  it('gives Swagger UI a CSP that runs only its own script files, and the page works under it in a browser', async () => {
    const page = await request(base).get('/api/docs').expect(200);
    expectCommonHeaders(page);
    const csp = directives(cspOf(page));
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(cspOf(page)).not.toContain('unsafe-eval');

    browser ??= await launchBrowser();
    const tab = await browser.newPage();
    const problems = watchConsole(tab);
    await tab.goto(`${base}/api/docs`);
    await tab.locator('.opblock').first().waitFor({ timeout: 15_000 });
    expect(await tab.locator('.opblock').count()).toBeGreaterThan(10);
    expect(problems.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
    await tab.close();
  });

  it('gives the queue board a CSP that runs only its own scripts, and the board works under it in a browser', async () => {
    const page = await request(base).get('/admin/queues').set('Authorization', `Bearer ${admin}`).expect(200);
    expectCommonHeaders(page);
    const csp = directives(cspOf(page));
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(cspOf(page)).not.toContain('unsafe-eval');
    // The problems of the gate carry the same headers.
    expectCommonHeaders(await request(base).get('/admin/queues').expect(401));

    browser ??= await launchBrowser();
    const tab = await browser.newPage();
    const problems = watchConsole(tab);
    await tab.goto(`${base}/admin/queues?token=${admin}`);
    await tab.waitForURL(`${base}/admin/queues`);
    await tab.getByText('vedtak', { exact: true }).first().waitFor({ timeout: 15_000 });
    // The board's page asks for Google Fonts, which the policy keeps out on purpose; nothing else may be refused.
    expect(problems.filter((text) => /Content Security Policy|Refused to/i.test(text) && !/fonts\.googleapis\.com/.test(text))).toEqual([]);
    await tab.close();
  });

  it('keeps the public page’s own strict CSP, with nosniff, Referrer-Policy and frame-ancestors', async () => {
    for (const response of [await request(base).get(`/public/${COUNCIL}`).expect(200), await request(base).get('/public/no-such-council').expect(404)]) {
      expectCommonHeaders(response);
      const csp = directives(cspOf(response));
      expect(csp['default-src']).toEqual(["'none'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['script-src']).toBeUndefined();
    }
  });

  it('serves the web app’s pages under its strict CSP: its own scripts and styles, the identity provider only where it must be', async () => {
    for (const path of ['/', '/councils/trondheimsregionen', '/auth/silent']) {
      const response = await request(base).get(path).expect(200);
      expectCommonHeaders(response);
      const csp = directives(cspOf(response));
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['style-src']).toEqual(["'self'"]);
      expect(csp['connect-src']).toEqual(["'self'", 'http://127.0.0.1:3999']);
      expect(csp['frame-ancestors']).toEqual(["'self'"]);
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  describe('CORS', () => {
    it('answers a configured origin, with the headers the api reads and the ones a client must see', async () => {
      const preflight = await request(base)
        .options(`/api/councils/${COUNCIL}/rounds`)
        .set('Origin', allowedOrigin)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization, content-type, idempotency-key, if-match');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(allowedOrigin);
      const allowed = String(preflight.headers['access-control-allow-headers']).toLowerCase().split(',');
      expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'if-match', 'idempotency-key', 'last-event-id']));
      expect(String(preflight.headers['access-control-allow-methods'])).toMatch(/PUT/);
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();

      const answer = await request(base).get('/api/councils').set('Origin', allowedOrigin).set('Authorization', `Bearer ${admin}`).expect(200);
      expect(answer.headers['access-control-allow-origin']).toBe(allowedOrigin);
      expect(answer.headers.vary).toMatch(/Origin/);
      const exposed = String(answer.headers['access-control-expose-headers']).split(',');
      expect(exposed).toEqual(
        expect.arrayContaining(['ETag', 'Location', 'Retry-After', 'Link', 'RateLimit', 'RateLimit-Policy', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']),
      );
      // A refusal reaches the allowed origin readably too.
      const refused = await request(base).get('/api/councils').set('Origin', allowedOrigin).expect(401);
      expect(refused.headers['access-control-allow-origin']).toBe(allowedOrigin);
    });

    it('gives any other origin nothing', async () => {
      for (const origin of ['https://evil.example', 'https://kommune.example.no.evil.example', 'null']) {
        const preflight = await request(base).options('/api/councils').set('Origin', origin).set('Access-Control-Request-Method', 'GET');
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
        const answer = await request(base).get('/api/councils').set('Origin', origin).set('Authorization', `Bearer ${admin}`);
        expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      }
    });

    it('is off when CORS_ORIGINS is not set: no Access-Control-Allow-Origin for anyone', async () => {
      let other: INestApplication | undefined;
      try {
        other = await createApi(testConfig({ DATABASE_URL: api.database.url }));
        await other.init();
        const token = await secretariatToken(COUNCIL);
        for (const origin of [allowedOrigin, 'https://evil.example']) {
          const preflight = await request(other.getHttpServer()).options('/api/councils').set('Origin', origin).set('Access-Control-Request-Method', 'GET');
          expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
          expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
          const answer = await request(other.getHttpServer()).get('/api/councils').set('Origin', origin).set('Authorization', `Bearer ${token}`).expect(200);
          expect(answer.headers['access-control-allow-origin']).toBeUndefined();
        }
      } finally {
        await other?.close();
      }
    });
  });
});
