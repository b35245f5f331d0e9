import { JWTPayload, SignJWT } from 'jose';
import { FEED_TOKEN_AUDIENCE, FEED_TOKEN_TYPE, FeedScope, signFeedToken, verifyFeedToken } from './feed-token';
import { InvalidTokenError } from './invalid-token.error';
import { LOCAL_ISSUER, signLocalToken } from './local-token';
import { TokenVerifier } from './token-verifier';

const SECRET = 'unit-test-secret-0123456789abcdef0123';
const NOW = new Date('2022-10-01T08:00:00Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const melhus = { subject: 'clerk.5028', roles: [{ role: 'clerk' as const, municipality: '5028' }] };
const council: FeedScope = { type: 'council', council: 'trondheimsregionen' };

async function reasonOf(token: string, now = NOW): Promise<string> {
  const error = await verifyFeedToken(SECRET, token, { now }).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (error instanceof InvalidTokenError) return error.reason;
  throw new Error(`expected an InvalidTokenError, got ${String(error)}`);
}

/** A feed token as signFeedToken makes it, but with this payload and header: for what no honest issuer signs. */
async function forged(payload: JWTPayload, header: { typ?: string } = {}, secret = SECRET): Promise<string> {
  return new SignJWT({
    sub: 'clerk.5028',
    roles: melhus.roles,
    scope: 'council:trondheimsregionen',
    iss: LOCAL_ISSUER,
    aud: FEED_TOKEN_AUDIENCE,
    iat: seconds(NOW),
    exp: seconds(NOW) + 3600,
    ...payload,
  })
    .setProtectedHeader({ alg: 'HS256', typ: FEED_TOKEN_TYPE, ...header })
    .sign(new TextEncoder().encode(secret));
}

describe('feed tokens', () => {
  it('round-trips holder, roles and scope, valid for a year on the clock it was issued by', async () => {
    const issued = await signFeedToken(SECRET, melhus, { type: 'municipality', municipality: '5028' }, { now: NOW });
    expect(issued.expiresAt.toISOString()).toBe('2023-10-01T08:00:00.000Z');
    const verified = await verifyFeedToken(SECRET, issued.token, { now: new Date('2023-09-30T08:00:00Z') });
    expect(verified.actor.subject).toBe('clerk.5028');
    expect(verified.actor.isClerkOf('5028')).toBe(true);
    expect(verified.scope).toEqual({ type: 'municipality', municipality: '5028' });
    expect(verified.expiresAt).toEqual(issued.expiresAt);
  });

  it('keeps the roles as they were at issue, not a reference to the holder’s', async () => {
    const roles = [{ role: 'secretariat' as const, council: 'trondheimsregionen' }];
    const { token } = await signFeedToken(SECRET, { subject: 's', roles }, council, { now: NOW });
    roles.push({ role: 'secretariat', council: 'innherred' });
    const { actor, scope } = await verifyFeedToken(SECRET, token, { now: NOW });
    expect(actor.councilsAsSecretariat()).toEqual(['trondheimsregionen']);
    expect(scope).toEqual(council);
  });

  it('expires after its lifetime, with the same 30 seconds of drift as bearer tokens', async () => {
    const { token } = await signFeedToken(SECRET, melhus, council, { now: NOW, ttlSeconds: 60 });
    await expect(verifyFeedToken(SECRET, token, { now: new Date(NOW.getTime() + 80_000) })).resolves.toBeDefined();
    expect(await reasonOf(token, new Date(NOW.getTime() + 120_000))).toBe('expired');
  });

  it('is refused as a bearer token by the TokenVerifier (another audience)', async () => {
    const { token } = await signFeedToken(SECRET, { subject: 'drift', roles: [{ role: 'admin' }] }, council, { now: new Date() });
    const error = await new TokenVerifier({ jwtSecret: SECRET, oidc: null }).verify(token).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect((error as InvalidTokenError).reason).toBe('wrong audience');
  });

  it('does not take a bearer token as a feed token', async () => {
    const bearer = await signLocalToken(SECRET, { sub: 'drift', name: 'Drift', roles: [{ role: 'admin' }] });
    expect(await reasonOf(bearer, new Date())).toBe('wrong audience');
  });

  it.each<[string, () => Promise<string>, string]>([
    ['garbage', async () => 'not-a-jwt', 'malformed token'],
    ['an empty string', async () => '', 'malformed token'],
    ['a token signed with another secret', () => forged({}, {}, 'another-secret-0123456789abcdef0123456'), 'bad signature'],
    ['a token from another issuer', () => forged({ iss: 'https://idp.example' }), 'unknown issuer'],
    ['a token without expiry', () => forged({ exp: undefined }), 'missing expiry'],
    ['a token not yet valid', () => forged({ nbf: seconds(NOW) + 600 }), 'not yet valid'],
    ['a token of the feed audience but of another type', () => forged({}, { typ: 'JWT' }), 'invalid claims'],
    ['a token without scope', () => forged({ scope: undefined }), 'malformed claims'],
    ['a scope of an unknown kind', () => forged({ scope: 'round:42' }), 'malformed claims'],
    ['a scope with a bad kommunenummer', () => forged({ scope: 'municipality:50288' }), 'malformed claims'],
    ['a scope with a bad slug', () => forged({ scope: 'council:Trondheim/regionen' }), 'malformed claims'],
    ['a scope as an object', () => forged({ scope: { type: 'council', council: 'x' } }), 'malformed claims'],
    ['a token without subject', () => forged({ sub: undefined }), 'malformed claims'],
    ['a token with malformed roles', () => forged({ roles: [{ role: 'clerk', municipality: 5028 }] }), 'malformed claims'],
  ])('refuses %s', async (_case, token, reason) => {
    expect(await reasonOf(await token())).toBe(reason);
  });
});
