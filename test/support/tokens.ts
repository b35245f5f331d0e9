import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { JWK, JWTPayload, KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, RoleClaim, TokenClaims } from '@app/identity';
import { TEST_JWT_SECRET } from './config';

/** How a test token departs from a good one; every default gives a token the api accepts. */
export interface TokenOptions {
  secret?: string;
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative for a token that has already expired. */
  expiresInSeconds?: number;
  /** Leaves out `exp`, which the api requires. */
  withoutExpiry?: boolean;
  /** An `iat` of this instant instead of now (the api refuses one older than its maximum age, or in the future). */
  issuedAt?: Date;
  /** An `exp` of this instant instead of expiresInSeconds from now. */
  expiresAt?: Date;
  /** Leaves out `iat`, which the api requires. */
  withoutIssuedAt?: boolean;
}

const epochSeconds = (instant: Date) => Math.floor(instant.getTime() / 1000);

/** An HS256 token as the api's local issuer signs it, for whatever claims the test needs. */
export async function tokenFor(claims: Partial<TokenClaims> & { roles: RoleClaim[] }, options: TokenOptions = {}): Promise<string> {
  const sub = claims.sub ?? 'test.user';
  return tokenWithPayload({ sub, name: claims.name ?? `Test ${sub}`, roles: claims.roles }, options);
}

/** An HS256 token with exactly this payload: for claims no honest issuer would send. */
export async function tokenWithPayload(payload: JWTPayload, options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(options.issuer ?? LOCAL_ISSUER)
    .setAudience(options.audience ?? LOCAL_AUDIENCE);
  // An expired token must also have been issued before it expired.
  if (!options.withoutIssuedAt) jwt.setIssuedAt(options.issuedAt ? epochSeconds(options.issuedAt) : Math.min(now, now + (options.expiresInSeconds ?? 0) - 60));
  if (!options.withoutExpiry) jwt.setExpirationTime(options.expiresAt ? epochSeconds(options.expiresAt) : now + (options.expiresInSeconds ?? 3600));
  return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}

export const adminToken = (sub = 'admin') => tokenFor({ sub, roles: [{ role: 'admin' }] });
// The demo's own people by default, so that suites signing in do not add people the notices would reach.
export const secretariatToken = (council: string, sub = council === 'trondheimsregionen' ? 'sekretariat.trondheimsregionen' : `secretariat.${council}`) =>
  tokenFor({ sub, roles: [{ role: 'secretariat', council }] });
export const leaderToken = (council: string, sub = council === 'trondheimsregionen' ? 'leder.trondheimsregionen' : `leader.${council}`) => tokenFor({ sub, roles: [{ role: 'leader', council }] });
export const clerkToken = (municipality: string, sub = `clerk.${municipality}`) =>
  tokenFor({ sub, roles: [{ role: 'clerk', municipality }] });

/** What an OIDC token may vary for a test: audience, lifetime, or a key the provider never published. */
export interface IdentityProviderTokenOptions {
  audience?: string;
  expiresInSeconds?: number;
  issuedAt?: Date;
  expiresAt?: Date;
  signWith?: { privateKey: KeyLike; kid?: string };
}

/**
 * A stand-in for the municipalities' identity provider: publishes an RS256 key as a JWKS over
 * HTTP on 127.0.0.1 and signs tokens with it, so suites exercise the real OIDC path.
 */
export interface FakeIdentityProvider {
  issuer: string;
  audience: string;
  jwksUrl: string;
  kid: string;
  publicJwk: JWK;
  /** How many times the key set was fetched: the api should cache it. */
  jwksRequests(): number;
  tokenFor(claims: Partial<TokenClaims> & { roles: RoleClaim[] }, options?: IdentityProviderTokenOptions): Promise<string>;
  close(): Promise<void>;
}

export async function startFakeIdentityProvider(): Promise<FakeIdentityProvider> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = 'test-key-1';
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  let requests = 0;
  const server = createServer((request, response) => {
    if (request.url !== '/jwks') {
      response.writeHead(404).end();
      return;
    }
    requests++;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/realms/kommune`;
  const audience = 'vedtaksrunde-api';

  return {
    issuer,
    audience,
    jwksUrl: `${base}/jwks`,
    kid,
    publicJwk,
    jwksRequests: () => requests,
    tokenFor: async (claims, options = {}) => {
      const sub = claims.sub ?? 'oidc.user';
      const key = options.signWith ?? { privateKey, kid };
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ name: claims.name ?? `Test ${sub}`, roles: claims.roles })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(key.kid ? { kid: key.kid } : {}) })
        .setSubject(sub)
        .setIssuer(issuer)
        .setAudience(options.audience ?? audience)
        .setIssuedAt(options.issuedAt ? epochSeconds(options.issuedAt) : Math.min(now, now + (options.expiresInSeconds ?? 0) - 60))
        .setExpirationTime(options.expiresAt ? epochSeconds(options.expiresAt) : now + (options.expiresInSeconds ?? 3600))
        .sign(key.privateKey);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
