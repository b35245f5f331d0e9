import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { JWTPayload, KeyLike, SignJWT, UnsecuredJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { IdentityProviderUnavailableError, InvalidTokenError } from './invalid-token.error';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, signLocalToken } from './local-token';
import { TokenVerifier } from './token-verifier';

const SECRET = 'unit-test-secret-0123456789abcdef0123';
const now = () => Math.floor(Date.now() / 1000);
const seconds = (instant: string) => Math.floor(new Date(instant).getTime() / 1000);
const claims = { sub: 'kari', name: 'Kari', roles: [{ role: 'clerk', municipality: '5001' }] };

async function hs256(payload: JWTPayload, secret = SECRET): Promise<string> {
  return new SignJWT({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, iat: now() - 120, exp: now() + 600, ...claims, ...payload })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(secret));
}

async function reasonOf(verifier: TokenVerifier, token: string): Promise<string> {
  const error = await verifier.verify(token).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (error instanceof InvalidTokenError) return error.reason;
  throw new Error(`expected an InvalidTokenError, got ${String(error)}`);
}

describe('TokenVerifier with local HS256 tokens', () => {
  const verifier = new TokenVerifier({ jwtSecret: SECRET, oidc: null });

  it('accepts what signLocalToken signs and reads the actor from it, with its issuer and expiry', async () => {
    const actor = await verifier.verify(await signLocalToken(SECRET, { sub: 'kari', name: 'Kari', roles: [{ role: 'admin' }] }));
    expect(actor.subject).toBe('kari');
    expect(actor.isAdmin()).toBe(true);
    expect(actor.issuer).toBe(LOCAL_ISSUER);
    expect(Math.abs(actor.expiresAt!.getTime() - (Date.now() + 12 * 3600_000))).toBeLessThan(5_000);
  });

  it('forgives clock drift of up to 30 seconds, and no more', async () => {
    await expect(verifier.verify(await hs256({ exp: now() - 20 }))).resolves.toBeDefined();
    expect(await reasonOf(verifier, await hs256({ exp: now() - 60 }))).toBe('expired');
    await expect(verifier.verify(await hs256({ nbf: now() + 20 }))).resolves.toBeDefined();
    expect(await reasonOf(verifier, await hs256({ nbf: now() + 120 }))).toBe('not yet valid');
  });

  it.each<[string, () => Promise<string>, string]>([
    ['garbage', async () => 'not-a-jwt', 'malformed token'],
    ['an empty string', async () => '', 'malformed token'],
    ['a token signed with another secret', () => hs256({}, 'another-secret-0123456789abcdef0123456'), 'bad signature'],
    ['a token for another audience', () => hs256({ aud: 'someone-else' }), 'wrong audience'],
    ['a token from another issuer', () => hs256({ iss: 'https://evil.example' }), 'unknown issuer'],
    ['a token without issuer', () => hs256({ iss: undefined }), 'unknown issuer'],
    ['a token without expiry', () => hs256({ exp: undefined }), 'missing expiry'],
    ['a token without issue time', () => hs256({ iat: undefined }), 'missing issue time'],
    ['a token with an issue time that is not a number', () => hs256({ iat: 'yesterday' as unknown as number }), 'invalid claims'],
    ['a token issued and expiring in the year 2100', () => hs256({ iat: seconds('2100-01-01T00:00:00Z'), exp: seconds('2100-01-02T00:00:00Z') }), 'issued in the future'],
    ['a token issued 13 hours ago that expires in a year', () => hs256({ iat: now() - 13 * 3600, exp: now() + 365 * 24 * 3600 }), 'too old'],
    ['a token with malformed roles', () => hs256({ roles: [{ role: 'clerk', municipality: 5001 }] }), 'malformed claims'],
    [
      'an unsigned token (alg: none)',
      async () => new UnsecuredJWT({ ...claims, exp: now() + 600 }).setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).encode(),
      'algorithm not allowed',
    ],
  ])('refuses %s', async (_case, token, reason) => {
    expect(await reasonOf(verifier, await token())).toBe(reason);
  });

  it('refuses a token in the identity provider’s name when no identity provider is configured', async () => {
    expect(await reasonOf(verifier, await hs256({ iss: 'https://idp.example/realms/kommune' }))).toBe('unknown issuer');
  });

  it('forgives an issue time up to 30 seconds ahead (clock drift), and no more', async () => {
    await expect(verifier.verify(await hs256({ iat: now() + 20 }))).resolves.toBeDefined();
    expect(await reasonOf(verifier, await hs256({ iat: now() + 60 }))).toBe('issued in the future');
  });

  it('ages tokens by their iat up to tokenMaxAgeSeconds (default 12 hours), whatever exp says', async () => {
    const lasting = (ageSeconds: number) => hs256({ iat: now() - ageSeconds, exp: now() + 3600 });
    await expect(verifier.verify(await lasting(12 * 3600 - 60))).resolves.toBeDefined();
    expect(await reasonOf(verifier, await lasting(12 * 3600 + 60))).toBe('too old');
    const strict = new TokenVerifier({ jwtSecret: SECRET, oidc: null, tokenMaxAgeSeconds: 600 });
    await expect(strict.verify(await lasting(500))).resolves.toBeDefined();
    expect(await reasonOf(strict, await lasting(700))).toBe('too old');
  });

  it('checks lifetime and age on the clock it is given', async () => {
    const at = (instant: string) => new TokenVerifier({ jwtSecret: SECRET, oidc: null, now: () => new Date(instant) });
    const token = await hs256({ iat: seconds('2100-01-01T00:00:00Z'), exp: seconds('2100-01-01T01:00:00Z') });
    await expect(at('2100-01-01T00:30:00Z').verify(token)).resolves.toBeDefined();
    expect(await reasonOf(at('2099-12-31T23:00:00Z'), token)).toBe('issued in the future');
    expect(await reasonOf(at('2100-01-01T02:00:00Z'), token)).toBe('expired');
  });

  it('refuses local tokens, before looking at their signature, when localTokens is off', async () => {
    const off = new TokenVerifier({ jwtSecret: SECRET, oidc: null, localTokens: false });
    expect(await reasonOf(off, await signLocalToken(SECRET, { sub: 'drift', name: 'Drift', roles: [{ role: 'admin' }] }))).toBe('local tokens disabled');
    expect(await reasonOf(off, await hs256({}, 'another-secret-0123456789abcdef0123456'))).toBe('local tokens disabled');
    expect(await reasonOf(off, await hs256({ iss: 'https://evil.example' }))).toBe('unknown issuer');
  });
});

describe('TokenVerifier with an OIDC identity provider', () => {
  const audience = 'vedtaksrunde-api';
  let server: Server;
  let base: string;
  let issuer: string;
  let privateKey: KeyLike;
  let publicKey: KeyLike;
  let jwksStatus = 200;
  let published: object[] = [];
  let verifier: TokenVerifier;

  beforeAll(async () => {
    ({ privateKey, publicKey } = await generateKeyPair('ES256'));
    published = [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }];
    server = createServer((_request, response) => {
      response.writeHead(jwksStatus, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    issuer = `${base}/realms/kommune`;
    verifier = new TokenVerifier({ jwtSecret: SECRET, oidc: { issuer, audience, jwksUrl: `${base}/jwks` } });
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const es256 = (payload: JWTPayload = {}, key: KeyLike = privateKey) =>
    new SignJWT({ iss: issuer, aud: audience, iat: now() - 60, exp: now() + 600, ...claims, ...payload })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .sign(key);

  it('accepts a token signed with a published key, and still the local ones', async () => {
    const exp = now() + 600;
    const actor = await verifier.verify(await es256({ exp }));
    expect(actor.clerkMunicipalities()).toEqual(['5001']);
    expect(actor.issuer).toBe(issuer);
    expect(actor.expiresAt).toEqual(new Date(exp * 1000));
    await expect(verifier.verify(await hs256({}))).resolves.toBeDefined();
  });

  it('accepts the provider’s tokens but no local ones when localTokens is off', async () => {
    const oidcOnly = new TokenVerifier({ jwtSecret: SECRET, oidc: { issuer, audience, jwksUrl: `${base}/jwks` }, localTokens: false });
    expect((await oidcOnly.verify(await es256())).issuer).toBe(issuer);
    expect(await reasonOf(oidcOnly, await hs256({}))).toBe('local tokens disabled');
  });

  it('holds the provider’s tokens to the same age and issue time rules', async () => {
    expect(await reasonOf(verifier, await es256({ iat: now() - 13 * 3600, exp: now() + 3600 }))).toBe('too old');
    expect(await reasonOf(verifier, await es256({ iat: seconds('2100-01-01T00:00:00Z'), exp: seconds('2100-01-02T00:00:00Z') }))).toBe('issued in the future');
    expect(await reasonOf(verifier, await es256({ iat: undefined }))).toBe('missing issue time');
  });

  it('refuses a token signed with a key the provider did not publish', async () => {
    const stranger = await generateKeyPair('ES256');
    expect(await reasonOf(verifier, await es256({}, stranger.privateKey))).toBe('bad signature');
  });

  it('refuses a token for another audience', async () => {
    expect(await reasonOf(verifier, await es256({ aud: 'another-client' }))).toBe('wrong audience');
  });

  it('refuses HS256 in the provider’s name, whether keyed with its public key or with JWT_SECRET', async () => {
    const pem = new TextEncoder().encode(await exportSPKI(publicKey));
    const withPublicKey = await new SignJWT({ ...claims, iss: issuer, aud: audience, exp: now() + 600 })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .sign(pem);
    expect(await reasonOf(verifier, withPublicKey)).toBe('algorithm not allowed');
    expect(await reasonOf(verifier, await hs256({ iss: issuer, aud: audience }))).toBe('algorithm not allowed');
  });

  it('tries each published key that fits when the token names none (key rotation without kid)', async () => {
    const previous = published;
    const older = await generateKeyPair('ES256');
    published = [await exportJWK(older.publicKey), await exportJWK(publicKey)];
    const fresh = new TokenVerifier({ jwtSecret: SECRET, oidc: { issuer, audience, jwksUrl: `${base}/jwks` } });
    const withoutKid = (key: KeyLike) =>
      new SignJWT({ ...claims, iss: issuer, aud: audience, iat: now(), exp: now() + 600 }).setProtectedHeader({ alg: 'ES256' }).sign(key);
    try {
      await expect(fresh.verify(await withoutKid(privateKey))).resolves.toBeDefined();
      await expect(fresh.verify(await withoutKid(older.privateKey))).resolves.toBeDefined();
      const stranger = await generateKeyPair('ES256');
      expect(await reasonOf(fresh, await withoutKid(stranger.privateKey))).toBe('bad signature');
    } finally {
      published = previous;
    }
  });

  it('says the provider is unavailable, not that the token is bad, when its keys cannot be fetched', async () => {
    jwksStatus = 500;
    const fresh = new TokenVerifier({ jwtSecret: SECRET, oidc: { issuer, audience, jwksUrl: `${base}/jwks` } });
    await expect(fresh.verify(await es256())).rejects.toBeInstanceOf(IdentityProviderUnavailableError);
    jwksStatus = 200;

    const closedPort = new TokenVerifier({ jwtSecret: SECRET, oidc: { issuer, audience, jwksUrl: 'http://127.0.0.1:9/jwks' } });
    await expect(closedPort.verify(await es256())).rejects.toBeInstanceOf(IdentityProviderUnavailableError);
  });
});
