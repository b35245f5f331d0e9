import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { webRoot } from '../apps/api/src/web/web-app';
import { TestApi, startTestApi } from './support/api';

// The api serves the built web app at `/`, leaving its own paths alone.
describe('the web app as the api serves it', () => {
  let api: TestApi;
  const issuer = 'http://127.0.0.1:3999/idp';

  beforeAll(async () => {
    if (!existsSync(join(webRoot(), 'index.html'))) throw new Error(`the web app is not built in ${webRoot()}: npm run build:web`);
    api = await startTestApi({
      env: { OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'vedtaksrunde-api', OIDC_JWKS_URL: `${issuer}/jwks` },
    });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers / with the app under a Content-Security-Policy that runs only its own scripts', async () => {
    const response = await request(api.http).get('/').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('<div id="root">');
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    // The browser talks to the identity provider itself: only that origin is added.
    expect(csp).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:3999(;|$)/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-cache');
    // Its own silent sign-in frame may embed it; nobody else.
    expect(csp).toContain("frame-ancestors 'self'");
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    // HSTS only over TLS (see security-headers.e2e-spec).
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('answers every client route with index.html, so a link or a reload opens the page', async () => {
    for (const path of ['/councils/trondheimsregionen', '/rounds/4c5e0f7a-1b2c-4d3e-8f9a-0b1c2d3e4f5a', '/municipalities/5031', '/settings']) {
      const response = await request(api.http).get(path).expect(200);
      expect(response.text).toContain('<div id="root">');
    }
  });

  it('serves built assets for a year and a missing one as 404, not as the app', async () => {
    const index = (await request(api.http).get('/').expect(200)).text;
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(script).toBeDefined();
    const asset = await request(api.http).get(script!).expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await request(api.http).get('/assets/gone-0000.js');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<div id="root">');
  });

  it('leaves /api alone: an unknown api path is a problem+json 404, not the app', async () => {
    const response = await request(api.http).get('/api/no-such-thing').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const health = await request(api.http).get('/api/health');
    expect(health.headers['content-type']).toMatch(/^application\/(problem\+)?json/);
  });

  it('leads the old round links of notices and calendars to the round page, and refuses a bad id', async () => {
    const id = '4c5e0f7a-1b2c-4d3e-8f9a-0b1c2d3e4f5a';
    const response = await request(api.http).get(`/app/rounds/${id}`).expect(301);
    expect(response.headers.location).toBe(`/rounds/${id}`);
    const bad = await request(api.http).get('/app/rounds/not-a-round').expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
