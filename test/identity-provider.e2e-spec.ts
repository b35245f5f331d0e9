import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { demoUsers } from '@app/demo';
import { TestApi, startTestApi } from './support/api';
import { DemoIdentityProvider, startDemoIdentityProvider } from './support/identity-provider';
import { freePort } from './support/redis-server';

// The web app's sign-in, walked over HTTP as a browser walks it, against the real demo identity
// provider and a real api: authorize, the sign-in page, the choice of a person, the code back at
// /auth/callback, the token request with the PKCE verifier, and the api taking the access token.

/** What a browser keeps between requests: cookies by name and path, sent where their path fits. */
class Browser {
  private readonly cookies = new Map<string, { name: string; value: string; path: string }>();

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(url, { method: 'GET', headers });
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.send(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  }

  /** Follows redirects by hand until one leads out of the identity provider (to the web app) or a page answers. */
  async follow(response: Response, from: string, until: string): Promise<{ response: Response; url: string }> {
    let url = from;
    for (let hop = 0; hop < 10; hop++) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, url };
      url = new URL(location, url).href;
      if (url.startsWith(until)) return { response, url };
      response = await this.get(url);
    }
    throw new Error(`more than 10 redirects, last to ${url}`);
  }

  private async send(url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Response> {
    const path = new URL(url).pathname;
    const cookie = [...this.cookies.values()]
      .filter((candidate) => path === candidate.path || path.startsWith(candidate.path.endsWith('/') ? candidate.path : `${candidate.path}/`))
      .map((candidate) => `${candidate.name}=${candidate.value}`)
      .join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, ...(cookie ? { cookie } : {}) } });
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';').map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const cookiePath = attributes.find((attribute) => /^path=/i.test(attribute))?.slice(5) || '/';
      const key = `${name};${cookiePath}`;
      const expired = attributes.some((attribute) => /^expires=/i.test(attribute) && new Date(attribute.slice(8)).getTime() < Date.now());
      if (!value || expired) this.cookies.delete(key);
      else this.cookies.set(key, { name, value, path: cookiePath });
    }
    return response;
  }
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

describe('signing in through the demo identity provider', () => {
  let idp: DemoIdentityProvider;
  let api: TestApi;
  let app: string;
  let discovery: Record<string, string & string[]>;
  const browser = new Browser();
  const people = demoUsers();
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash('sha256').update(verifier).digest());
  let tokens: { access_token: string; id_token: string; token_type: string; expires_in: number };

  beforeAll(async () => {
    const appPort = await freePort();
    app = `http://127.0.0.1:${appPort}`;
    // Two addresses of the same web app, as the demo serves it on localhost and 127.0.0.1.
    idp = await startDemoIdentityProvider({ people, appUrls: [app, `http://localhost:${appPort}`] });
    api = await startTestApi({
      seed: true,
      env: { OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: idp.audience, OIDC_JWKS_URL: idp.jwksUrl, OIDC_CLIENT_ID: idp.clientId },
    });
    discovery = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as typeof discovery;
  });

  afterAll(async () => {
    await api?.close();
    await idp?.close();
  });

  const authorize = (extra: Record<string, string> = {}) =>
    `${discovery.authorization_endpoint}?${new URLSearchParams({
      client_id: idp.clientId,
      redirect_uri: `${app}/auth/callback`,
      response_type: 'code',
      scope: 'openid profile email',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'til-dashbordet',
      nonce: 'n-0S6_WzA2Mj',
      ...extra,
    })}`;

  const tokenRequest = (code: string, codeVerifier: string, origin = app) =>
    fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${app}/auth/callback`, client_id: idp.clientId, code_verifier: codeVerifier }),
    });

  it('publishes a discovery document for a public client with PKCE, and its RS256 key', async () => {
    expect(discovery).toMatchObject({
      issuer: idp.issuer,
      jwks_uri: idp.jwksUrl,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      scopes_supported: expect.arrayContaining(['openid', 'profile', 'email']),
      end_session_endpoint: `${idp.issuer}/session/end`,
    });
    const jwks = (await (await fetch(idp.jwksUrl, { headers: { origin: app } })).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) })]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('tells the web app where to sign in: GET /api/auth/config', async () => {
    const response = await request(api.http).get('/api/auth/config').expect(200);
    expect(response.body).toEqual({ issuer: idp.issuer, clientId: idp.clientId, scope: 'openid profile email' });
  });

  /** Authorize, the sign-in page, the choice of a person, and the redirects back to the web app with the code. */
  async function signIn(sub: string): Promise<{ page: Response; html: string; callback: URL }> {
    const start = await browser.get(authorize());
    const { response: page, url: interaction } = await browser.follow(start, authorize(), app);
    expect({ status: page.status, interaction }).toEqual({ status: 200, interaction: expect.stringMatching(new RegExp(`^${idp.issuer}/interaction/[\\w-]+$`)) });
    const html = await page.text();
    const chosen = await browser.post(`${interaction}/login`, { sub });
    expect(chosen.status).toBe(303);
    const { url } = await browser.follow(chosen, `${interaction}/login`, app);
    return { page, html, callback: new URL(url) };
  }

  it('shows a sign-in page in Norwegian with one button per person, and signs the clerk of Malvik in with a code for /auth/callback', async () => {
    const { page, html, callback: back } = await signIn('clerk.5031');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`form-action 'self' ${app} http://localhost:`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain('<h1>Logg inn i Vedtaksrunde (demo)</h1>');
    expect(html).not.toMatch(/<script/i);
    for (const name of ['Siri Sekretariat', 'Lars Leder', ...people.filter((p) => p.sub.startsWith('clerk.')).map((p) => p.name)]) expect(html).toContain(name);
    for (const what of ['Sekretariat, Trondheimsregionen', 'Leder, Trondheimsregionen', 'Utvalgssekretær, Malvik (5031)']) expect(html).toContain(what);
    expect(html.match(/<button type="submit" name="sub" value="/g)).toHaveLength(people.length);

    expect(`${back.origin}${back.pathname}`).toBe(`${app}/auth/callback`);
    expect(back.searchParams.get('state')).toBe('til-dashbordet');
    expect(back.searchParams.get('iss')).toBe(idp.issuer);
    const code = back.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const wrong = await tokenRequest(code, base64url(randomBytes(32)));
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });

    const issued = await tokenRequest(code, verifier);
    expect(issued.status).toBe(200);
    // The web app runs on another origin than the identity provider and calls it from the browser.
    expect(issued.headers.get('access-control-allow-origin')).toBe(app);
    tokens = (await issued.json()) as typeof tokens;
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
  });

  it('issues a JWT access token for the api audience with the roles claim, though the web app never named the api', async () => {
    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt', kid: expect.any(String) });
    const { payload } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(idp.jwksUrl)), { issuer: idp.issuer, audience: idp.audience });
    expect(payload).toMatchObject({
      sub: 'clerk.5031',
      name: 'Utvalgssekretær Malvik',
      email: 'politisk.sekretariat.5031@kommune.local',
      roles: [{ role: 'clerk', municipality: '5031' }],
      client_id: idp.clientId,
    });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(decodeJwt(tokens.id_token)).toMatchObject({
      iss: idp.issuer,
      aud: idp.clientId,
      sub: 'clerk.5031',
      name: 'Utvalgssekretær Malvik',
      email: 'politisk.sekretariat.5031@kommune.local',
      nonce: 'n-0S6_WzA2Mj',
    });
  });

  it('lets the api take the access token: GET /api/me answers the clerk of Malvik, and the ID token is refused there', async () => {
    const me = await request(api.http).get('/api/me').set('Authorization', `Bearer ${tokens.access_token}`).expect(200);
    expect(me.body).toEqual({ subject: 'clerk.5031', name: 'Utvalgssekretær Malvik', roles: [{ role: 'clerk', municipality: '5031' }] });
    const idToken = await request(api.http).get('/api/me').set('Authorization', `Bearer ${tokens.id_token}`);
    expect(idToken.status).toBe(401);
    expect(idToken.body.reason).toBe('wrong audience');
  });

  it('renews silently in a hidden frame: with prompt=none the answer at /auth/silent carries a code, and no page', async () => {
    const silent = await browser.get(authorize({ redirect_uri: `${app}/auth/silent`, prompt: 'none', state: 'stille' }));
    expect(silent.status).toBe(303);
    const back = new URL(silent.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`${app}/auth/silent`);
    expect(back.searchParams.get('code')).toBeTruthy();
  });

  it('signs out with the ID token: end_session submits itself and leads back to the web app, and the session is gone', async () => {
    const logout = `${discovery.end_session_endpoint}?${new URLSearchParams({ id_token_hint: tokens.id_token, post_logout_redirect_uri: `${app}/`, state: 'ha-det' })}`;
    const page = await browser.get(logout);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="nb">');
    // Its one inline script is allowed by its hash, and nothing else is.
    const script = /<script>([^<]*)<\/script>/.exec(html)![1];
    const hash = createHash('sha256').update(script).digest('base64');
    expect(page.headers.get('content-security-policy')).toContain(`script-src 'sha256-${hash}'`);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)">/.exec(html)![1];
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"\/>/g)].map((match) => [match[1], match[2]]));
    expect(fields).toEqual({ xsrf: expect.any(String), logout: 'yes' });

    const confirmed = await browser.post(action, fields);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`${app}/?state=ha-det`);

    const silent = await browser.get(authorize({ redirect_uri: `${app}/auth/silent`, prompt: 'none' }));
    expect(new URL(silent.headers.get('location')!).searchParams.get('error')).toBe('login_required');
  });

  it('signs the leader in as well, and takes each code once only', async () => {
    const { callback } = await signIn('leder.trondheimsregionen');
    const code = callback.searchParams.get('code')!;
    const issued = await tokenRequest(code, verifier);
    expect(issued.status).toBe(200);
    const { access_token: accessToken } = (await issued.json()) as typeof tokens;
    const me = await request(api.http).get('/api/me').set('Authorization', `Bearer ${accessToken}`).expect(200);
    expect(me.body).toEqual({ subject: 'leder.trondheimsregionen', name: 'Lars Leder', roles: [{ role: 'leader', council: 'trondheimsregionen' }] });

    const again = await tokenRequest(code, verifier);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses what the web app would never send: no PKCE, a redirect URI it does not have, a token request from another origin', async () => {
    const withoutPkce = await fetch(authorize({ code_challenge: '', code_challenge_method: '' }), { redirect: 'manual' });
    expect(new URL(withoutPkce.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');

    const elsewhere = await fetch(authorize({ redirect_uri: 'https://evil.example/auth/callback' }), { redirect: 'manual' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.headers.get('location')).toBeNull();
    expect(await elsewhere.text()).toContain('<html lang="nb">');

    const foreign = await tokenRequest('no-such-code', verifier, 'https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('GET /api/auth/config without an identity provider', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(() => api?.close());

  it('answers 404 problem+json: sign-in is not configured', async () => {
    const response = await request(api.http).get('/api/auth/config').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: '/problems/sign-in-not-configured', status: 404, detail: expect.stringMatching(/^Sign-in is not configured/) });
  });
});
