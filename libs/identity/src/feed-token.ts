import { JWTVerifyResult, SignJWT, jwtVerify } from 'jose';
import { Actor } from './actor';
import { RoleClaim } from './claims';
import { parseClaims } from './claims.parser';
import { InvalidTokenError } from './invalid-token.error';
import { LOCAL_ISSUER } from './local-token';
import { reasonFor } from './token-verifier';

/**
 * The audience of calendar feed tokens. It differs from LOCAL_AUDIENCE, so the TokenVerifier
 * refuses a feed token as a bearer token, and verifyFeedToken refuses a bearer token as a feed.
 */
export const FEED_TOKEN_AUDIENCE = 'vedtaksrunde-calendar';
/** Explicit typing (RFC 8725 § 3.11): a second mark that tells a feed token from any other JWT. */
export const FEED_TOKEN_TYPE = 'vedtaksrunde-calendar+jwt';
/** A calendar subscription is set up once and left alone: a year, then the person issues a new one. */
export const FEED_TOKEN_TTL_SECONDS = 365 * 24 * 3600;

// As for bearer tokens: the clocks of the hosts that sign and check drift a few seconds apart.
const CLOCK_TOLERANCE_SECONDS = 30;
const COUNCIL_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MUNICIPALITY_NUMBER = /^\d{4}$/;

/** What one feed shows: one council's rounds, or one municipality's across its councils. */
export type FeedScope = { type: 'council'; council: string } | { type: 'municipality'; municipality: string };

/** Who the feed is for: the subject and the grants of their token when they asked for it. */
export interface FeedTokenHolder {
  subject: string;
  roles: readonly RoleClaim[];
}

export interface IssuedFeedToken {
  token: string;
  expiresAt: Date;
}

export interface VerifiedFeedToken {
  /** The holder as an Actor with the roles copied at issue; access must still be checked against today's data. */
  actor: Actor;
  scope: FeedScope;
  expiresAt: Date;
}

/**
 * Signs a personal calendar feed token (HS256 with JWT_SECRET). `now` is the application's clock,
 * so the lifetime is counted on the same clock that verifyFeedToken checks it with.
 */
export async function signFeedToken(
  secret: string,
  holder: FeedTokenHolder,
  scope: FeedScope,
  options: { now: Date; ttlSeconds?: number },
): Promise<IssuedFeedToken> {
  const issuedAt = Math.floor(options.now.getTime() / 1000);
  const expiresAt = issuedAt + (options.ttlSeconds ?? FEED_TOKEN_TTL_SECONDS);
  const token = await new SignJWT({ roles: holder.roles.map((grant) => ({ ...grant })), scope: scopeClaim(scope) })
    .setProtectedHeader({ alg: 'HS256', typ: FEED_TOKEN_TYPE })
    .setSubject(holder.subject)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(FEED_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(secret));
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

/**
 * Checks signature, issuer, audience, type and lifetime of a feed token and reads its holder and
 * scope. Throws InvalidTokenError (the caller must get a new feed URL) for anything else.
 */
export async function verifyFeedToken(secret: string, token: string, options: { now: Date }): Promise<VerifiedFeedToken> {
  let verified: JWTVerifyResult;
  try {
    verified = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: LOCAL_ISSUER,
      audience: FEED_TOKEN_AUDIENCE,
      algorithms: ['HS256'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: options.now,
      requiredClaims: ['exp'],
    });
  } catch (error) {
    throw translate(error);
  }
  const { payload, protectedHeader } = verified;
  // Checked after the audience, so a bearer token sent as a feed token is refused for its audience.
  if (protectedHeader.typ !== FEED_TOKEN_TYPE) throw new InvalidTokenError('invalid claims');
  const scope = parseScope(payload.scope);
  const claims = parseClaims({ sub: payload.sub, roles: payload.roles });
  return { actor: new Actor(claims), scope, expiresAt: new Date((payload.exp ?? 0) * 1000) };
}

/** `council:<slug>` or `municipality:<kommunenummer>`: a string, as the registered `scope` claim is (RFC 8693). */
function scopeClaim(scope: FeedScope): string {
  return scope.type === 'council' ? `council:${scope.council}` : `municipality:${scope.municipality}`;
}

function parseScope(claim: unknown): FeedScope {
  if (typeof claim !== 'string') throw new InvalidTokenError('malformed claims');
  const [type, value, ...rest] = claim.split(':');
  if (rest.length === 0 && type === 'council' && COUNCIL_SLUG.test(value ?? '')) return { type, council: value };
  if (rest.length === 0 && type === 'municipality' && MUNICIPALITY_NUMBER.test(value ?? '')) return { type, municipality: value };
  throw new InvalidTokenError('malformed claims');
}

function translate(error: unknown): Error {
  const reason = reasonFor(error);
  if (reason) return new InvalidTokenError(reason);
  return error instanceof Error ? error : new Error(String(error));
}

