import { INestApplication } from '@nestjs/common';
import { KeyLike, SignJWT, UnsecuredJWT, exportSPKI, generateKeyPair, importJWK } from 'jose';
import request from 'supertest';
import { SettableClock } from '@app/application';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, signLocalToken } from '@app/identity';
import { createApi } from '../apps/api/src/bootstrap';
import { TEST_JWT_SECRET, testConfig } from './support/config';
import { TestDatabase, createTestDatabase } from './support/database';
import {
  FakeIdentityProvider,
  adminToken,
  clerkToken,
  leaderToken,
  secretariatToken,
  startFakeIdentityProvider,
  tokenFor,
  tokenWithPayload,
} from './support/tokens';

describe('authentication', () => {
  let database: TestDatabase;
  let idp: FakeIdentityProvider;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    idp = await startFakeIdentityProvider();
    app = await createApi(
      testConfig({ DATABASE_URL: database.url, OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: idp.audience, OIDC_JWKS_URL: idp.jwksUrl }),
    );
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await database?.drop();
  });

  const me = (token?: string) => {
    const call = request(app.getHttpServer()).get('/api/me');
    return token === undefined ? call : call.set('Authorization', `Bearer ${token}`);
  };

  async function expectRefused(token: string, reason: string): Promise<void> {
    const response = await me(token).expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    expect(response.body).toMatchObject({ type: '/problems/invalid-token', status: 401, reason, instance: '/api/me' });
    expect(response.body.detail).toContain(reason);
  }

  it('keeps GET /api/health open to anyone', async () => {
    await request(app.getHttpServer()).get('/api/health').expect(200);
  });

  it('asks a caller without a token to sign in: 401 problem+json with the Bearer challenge', async () => {
    const response = await me().expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.body).toEqual({
      type: '/problems/unauthenticated',
      title: 'Unauthorized',
      status: 401,
      detail: 'Sign in: send Authorization: Bearer <token>',
      instance: '/api/me',
    });
  });

  it('takes credentials of another scheme as no token at all', async () => {
    const response = await request(app.getHttpServer()).get('/api/me').set('Authorization', 'Basic a2FyaTpzZWNyZXQ=').expect(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.body.type).toBe('/problems/unauthenticated');
  });

  describe('local HS256 tokens', () => {
    it('are accepted, and GET /api/me tells who the caller is with their roles', async () => {
      const roles = [
        { role: 'secretariat' as const, council: 'trondheimsregionen' },
        { role: 'clerk' as const, municipality: '5031' },
        { role: 'leader' as const, council: 'trondheimsregionen' },
        { role: 'admin' as const },
      ];
      const response = await me(await tokenFor({ sub: 'kari.nordmann', name: 'Kari Nordmann', roles })).expect(200);
      expect(response.body).toEqual({ subject: 'kari.nordmann', name: 'Kari Nordmann', roles });
    });

    it('come ready-made per role for the other suites', async () => {
      expect((await me(await adminToken()).expect(200)).body.roles).toEqual([{ role: 'admin' }]);
      expect((await me(await secretariatToken('tr')).expect(200)).body.roles).toEqual([{ role: 'secretariat', council: 'tr' }]);
      expect((await me(await leaderToken('tr')).expect(200)).body.roles).toEqual([{ role: 'leader', council: 'tr' }]);
      expect((await me(await clerkToken('5001')).expect(200)).body).toMatchObject({
        subject: 'clerk.5001',
        roles: [{ role: 'clerk', municipality: '5001' }],
      });
    });

    it('leave out roles the API does not know', async () => {
      const token = await tokenWithPayload({ sub: 'a', name: 'A', roles: [{ role: 'auditor' }, { role: 'admin' }] });
      expect((await me(token).expect(200)).body.roles).toEqual([{ role: 'admin' }]);
    });

    it('refuses garbage', async () => {
      await expectRefused('not.a.jwt', 'malformed token');
      await expectRefused('garbage', 'malformed token');
    });

    it('refuses an expired token', async () => {
      await expectRefused(await tokenFor({ roles: [{ role: 'admin' }] }, { expiresInSeconds: -120 }), 'expired');
    });

    it('refuses a token signed with another secret', async () => {
      await expectRefused(
        await tokenFor({ roles: [{ role: 'admin' }] }, { secret: 'not-the-api-secret-0123456789abcdef' }),
        'bad signature',
      );
    });

    it('refuses an unsigned token (alg: none)', async () => {
      const unsigned = new UnsecuredJWT({ sub: 'mallory', name: 'Mallory', roles: [{ role: 'admin' }] })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setExpirationTime('1h')
        .encode();
      await expectRefused(unsigned, 'algorithm not allowed');
    });

    it('refuses a token for another audience or from an unknown issuer', async () => {
      await expectRefused(await tokenFor({ roles: [] }, { audience: 'another-api' }), 'wrong audience');
      await expectRefused(await tokenFor({ roles: [] }, { issuer: 'https://elsewhere.example' }), 'unknown issuer');
    });

    it('refuses a token without expiry', async () => {
      await expectRefused(await tokenFor({ roles: [] }, { withoutExpiry: true }), 'missing expiry');
    });

    it('refuses a token without issue time: its age could not be told', async () => {
      await expectRefused(await tokenFor({ roles: [{ role: 'admin' }] }, { withoutIssuedAt: true }), 'missing issue time');
    });

    it('refuses an admin token issued and expiring in the year 2100', async () => {
      const far = { issuedAt: new Date('2100-01-01T00:00:00Z'), expiresAt: new Date('2100-01-02T00:00:00Z') };
      await expectRefused(await tokenFor({ sub: 'admin', roles: [{ role: 'admin' }] }, far), 'issued in the future');
    });

    it('refuses a token older than TOKEN_MAX_AGE_SECONDS (12 hours) even when its exp is a year away', async () => {
      const old = { issuedAt: new Date(Date.now() - 13 * 3600_000), expiresAt: new Date(Date.now() + 365 * 24 * 3600_000) };
      await expectRefused(await tokenFor({ roles: [{ role: 'admin' }] }, old), 'too old');
      const recent = { issuedAt: new Date(Date.now() - 11 * 3600_000), expiresAt: new Date(Date.now() + 3600_000) };
      await me(await tokenFor({ roles: [{ role: 'admin' }] }, recent)).expect(200);
    });

    it('accepts what signLocalToken signs (the demo’s and the scripts’ tokens)', async () => {
      await me(await signLocalToken(TEST_JWT_SECRET, { sub: 'drift', name: 'Drift', roles: [{ role: 'admin' }] })).expect(200);
    });

    it('refuses a token whose grants it cannot read, rather than guessing', async () => {
      await expectRefused(await tokenWithPayload({ sub: 'a', roles: [{ role: 'clerk', municipality: '501' }] }), 'malformed claims');
      await expectRefused(await tokenWithPayload({ name: 'No Subject', roles: [] }), 'malformed claims');
    });
  });

  describe('tokens from the OIDC identity provider', () => {
    it('are accepted with their roles, checked against the published key set', async () => {
      const token = await idp.tokenFor({ sub: 'ola', name: 'Ola Nordmann', roles: [{ role: 'clerk', municipality: '5054' }] });
      const response = await me(token).expect(200);
      expect(response.body).toEqual({ subject: 'ola', name: 'Ola Nordmann', roles: [{ role: 'clerk', municipality: '5054' }] });
      expect(idp.jwksRequests()).toBeGreaterThanOrEqual(1);
    });

    it('fetch the key set once, not per request', async () => {
      const token = await idp.tokenFor({ roles: [] });
      await me(token).expect(200);
      const fetched = idp.jwksRequests();
      await me(token).expect(200);
      await me(token).expect(200);
      expect(idp.jwksRequests()).toBe(fetched);
    });

    it('are refused when signed by a key the provider did not publish', async () => {
      const stranger = await generateKeyPair('RS256');
      await expectRefused(
        await idp.tokenFor({ roles: [{ role: 'admin' }] }, { signWith: { privateKey: stranger.privateKey, kid: idp.kid } }),
        'bad signature',
      );
      await expectRefused(
        await idp.tokenFor({ roles: [{ role: 'admin' }] }, { signWith: { privateKey: stranger.privateKey, kid: 'forged-kid' } }),
        'unknown signing key',
      );
    });

    it('are refused when issued for another audience', async () => {
      await expectRefused(await idp.tokenFor({ roles: [{ role: 'admin' }] }, { audience: 'another-client' }), 'wrong audience');
    });

    it('are refused when expired', async () => {
      await expectRefused(await idp.tokenFor({ roles: [] }, { expiresInSeconds: -120 }), 'expired');
    });

    it('are refused when older than the maximum age, or issued in the future', async () => {
      const old = { issuedAt: new Date(Date.now() - 13 * 3600_000), expiresAt: new Date(Date.now() + 3600_000) };
      await expectRefused(await idp.tokenFor({ roles: [{ role: 'admin' }] }, old), 'too old');
      const far = { issuedAt: new Date('2100-01-01T00:00:00Z'), expiresAt: new Date('2100-01-02T00:00:00Z') };
      await expectRefused(await idp.tokenFor({ roles: [{ role: 'admin' }] }, far), 'issued in the future');
    });

    it('cannot be forged with HS256 keyed by the provider’s public key or by JWT_SECRET', async () => {
      const pem = await exportSPKI((await importJWK(idp.publicJwk, 'RS256')) as KeyLike);
      const withPublicKey = await new SignJWT({ sub: 'mallory', roles: [{ role: 'admin' }] })
        .setProtectedHeader({ alg: 'HS256', kid: idp.kid })
        .setIssuer(idp.issuer)
        .setAudience(idp.audience)
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(pem));
      await expectRefused(withPublicKey, 'algorithm not allowed');
      await expectRefused(
        await tokenFor({ roles: [{ role: 'admin' }] }, { issuer: idp.issuer, audience: idp.audience }),
        'algorithm not allowed',
      );
    });
  });

  it('documents GET /api/me as needing a bearer token', async () => {
    const document = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    const operation = document.paths['/api/me'].get;
    expect(operation.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '401']));
  });

  // Production's default (LOCAL_TOKENS unset is off there); here set explicitly on a test api.
  describe('with LOCAL_TOKENS=off, and the application’s clock set to 2022', () => {
    let oidcOnly: INestApplication;

    beforeAll(async () => {
      const env = { DATABASE_URL: database.url, OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: idp.audience, OIDC_JWKS_URL: idp.jwksUrl, LOCAL_TOKENS: 'off' };
      oidcOnly = await createApi(testConfig(env), { clock: new SettableClock(new Date('2022-10-01T08:00:00Z')) });
      await oidcOnly.init();
    });

    afterAll(() => oidcOnly?.close());

    const meThere = (token: string) => request(oidcOnly.getHttpServer()).get('/api/me').set('Authorization', `Bearer ${token}`);

    it('refuses a local token, however well signed, and says why', async () => {
      for (const token of [await adminToken(), await signLocalToken(TEST_JWT_SECRET, { sub: 'drift', name: 'Drift', roles: [{ role: 'admin' }] })]) {
        const response = await meThere(token).expect(401);
        expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token", error_description="local tokens disabled"');
        expect(response.body).toMatchObject({ type: '/problems/invalid-token', reason: 'local tokens disabled' });
      }
    });

    it('takes the identity provider’s tokens, checked on real time rather than on the application’s clock', async () => {
      const token = await idp.tokenFor({ sub: 'ola', name: 'Ola Nordmann', roles: [{ role: 'clerk', municipality: '5054' }] });
      expect((await meThere(token).expect(200)).body).toMatchObject({ subject: 'ola', roles: [{ role: 'clerk', municipality: '5054' }] });
      const old = { issuedAt: new Date(Date.now() - 13 * 3600_000), expiresAt: new Date(Date.now() + 3600_000) };
      expect((await meThere(await idp.tokenFor({ roles: [] }, old)).expect(401)).body.reason).toBe('too old');
    });
  });
});
