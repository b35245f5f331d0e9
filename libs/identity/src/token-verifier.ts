import { JWTPayload, JWTVerifyGetKey, KeyLike, createRemoteJWKSet, decodeJwt, errors, jwtVerify } from 'jose';
import { Actor } from './actor';
import { parseClaims } from './claims.parser';
import { IdentityProviderUnavailableError, InvalidTokenError, InvalidTokenReason } from './invalid-token.error';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from './local-token';

/** What the verifier needs from the configuration; AppConfig fits, plus the clock tokens are checked on. */
export interface TokenVerifierSettings {
  jwtSecret: string;
  oidc: { issuer: string; audience: string; jwksUrl: string } | null;
  /** Whether HS256 tokens signed with jwtSecret are accepted (LOCAL_TOKENS); default true. */
  localTokens?: boolean;
  /** The oldest a token may be, counted from its `iat`, whatever its `exp` says; default 12 hours. */
  tokenMaxAgeSeconds?: number;
  /**
   * The time tokens are checked against; default the system's. Identity providers stamp `iat`
   * and `exp` on real time, so this must be real time too, not a clock set back for a rehearsal.
   */
  now?: () => Date;
}

// Clocks of the identity provider and of this host drift apart by a few seconds.
const CLOCK_TOLERANCE_SECONDS = 30;
const DEFAULT_TOKEN_MAX_AGE_SECONDS = 12 * 3600;
// Asymmetric only: with an HMAC algorithm allowed, anyone holding the public key could sign.
const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const LOCAL_ALGORITHMS = ['HS256'];

interface Issuer {
  key: Uint8Array | JWTVerifyGetKey;
  issuer: string;
  audience: string;
  algorithms: string[];
  remote: boolean;
}

/**
 * Turns a bearer token into the Actor it speaks for. Two issuers are trusted: the
 * municipalities' identity provider (OIDC, keys from its JWKS) and the product itself (HS256
 * with JWT_SECRET, for local use and tests). The token's `iss` picks which one checks it, and
 * each allows only its own algorithms, so neither can vouch for a token meant for the other.
 */
export class TokenVerifier {
  private readonly local: Issuer;
  private readonly oidc: Issuer | null;
  private readonly localTokens: boolean;
  private readonly maxTokenAge: number;
  private readonly now: () => Date;

  constructor(settings: TokenVerifierSettings) {
    this.localTokens = settings.localTokens ?? true;
    this.maxTokenAge = settings.tokenMaxAgeSeconds ?? DEFAULT_TOKEN_MAX_AGE_SECONDS;
    this.now = settings.now ?? (() => new Date());
    this.local = {
      key: new TextEncoder().encode(settings.jwtSecret),
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      algorithms: LOCAL_ALGORITHMS,
      remote: false,
    };
    this.oidc = settings.oidc && {
      // jose caches the key set and refetches it (at most every 30 s) when a token names an unknown kid,
      // which is how a rotated key at the identity provider is picked up without a restart.
      key: createRemoteJWKSet(new URL(settings.oidc.jwksUrl), { timeoutDuration: 5_000 }),
      issuer: settings.oidc.issuer,
      audience: settings.oidc.audience,
      algorithms: OIDC_ALGORITHMS,
      remote: true,
    };
  }

  /**
   * Verifies signature, issuer, audience, lifetime and age, then reads the claims. Throws
   * InvalidTokenError (the caller must sign in again) or IdentityProviderUnavailableError.
   */
  async verify(token: string): Promise<Actor> {
    const issuer = this.issuerOf(token);
    const payload = await this.verifyWith(issuer, token);
    return new Actor(parseClaims(payload), { issuer: issuer.issuer, expiresAt: this.endOf(payload) });
  }

  /** When the token stops being accepted: its `exp`, or its maximum age counted from `iat`, whichever comes first. */
  private endOf(payload: JWTPayload): Date | null {
    const ends = [payload.exp, typeof payload.iat === 'number' ? payload.iat + this.maxTokenAge : undefined].filter(
      (second): second is number => typeof second === 'number',
    );
    return ends.length ? new Date(Math.min(...ends) * 1000) : null;
  }

  private issuerOf(token: string): Issuer {
    let claimed: string | undefined;
    try {
      claimed = decodeJwt(token).iss;
    } catch {
      throw new InvalidTokenError('malformed token');
    }
    if (this.oidc && claimed === this.oidc.issuer) return this.oidc;
    if (claimed === LOCAL_ISSUER) {
      // Whoever holds JWT_SECRET could sign in as anyone: in production only when LOCAL_TOKENS=on.
      if (!this.localTokens) throw new InvalidTokenError('local tokens disabled');
      return this.local;
    }
    throw new InvalidTokenError('unknown issuer');
  }

  private async verifyWith(issuer: Issuer, token: string): Promise<JWTPayload> {
    const options = {
      issuer: issuer.issuer,
      audience: issuer.audience,
      algorithms: issuer.algorithms,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: this.now(),
      // A token without an expiry would be valid forever once leaked; one without `iat` could not be
      // aged, and one minted with a far `exp` must still end: jose then also refuses an `iat` in the future.
      requiredClaims: ['exp', 'iat'],
      maxTokenAge: this.maxTokenAge,
    };
    try {
      // Two overloads (key vs key function) that TypeScript cannot pick between for a union.
      const { payload } = await (typeof issuer.key === 'function'
        ? jwtVerify(token, issuer.key, options)
        : jwtVerify(token, issuer.key, options));
      return payload;
    } catch (error) {
      if (error instanceof errors.JWKSMultipleMatchingKeys) return this.verifyWithCandidates(error, token, options);
      throw translate(error, issuer.remote);
    }
  }

  /** A key set with several keys that fit a token without `kid`: the documented way is to try each. */
  private async verifyWithCandidates(
    candidates: errors.JWKSMultipleMatchingKeys,
    token: string,
    options: Parameters<typeof jwtVerify>[2],
  ): Promise<JWTPayload> {
    let last: unknown = new errors.JWSSignatureVerificationFailed();
    for await (const key of candidates as unknown as AsyncIterable<KeyLike>) {
      try {
        return (await jwtVerify(token, key, options)).payload;
      } catch (error) {
        last = error;
        if (!(error instanceof errors.JWSSignatureVerificationFailed)) break;
      }
    }
    throw translate(last, true);
  }
}

function translate(error: unknown, remote: boolean): Error {
  const reason = reasonFor(error);
  if (reason) return new InvalidTokenError(reason);
  // Whatever else goes wrong while fetching the identity provider's keys is theirs, not the caller's.
  if (remote) return new IdentityProviderUnavailableError(error);
  return error instanceof Error ? error : new Error(String(error));
}

/** Why jose refused a token, in the words a 401 may tell the caller; null when it was not the token's fault. */
export function reasonFor(error: unknown): InvalidTokenReason | null {
  // jose says "expired" of an `iat` older than maxTokenAge, too.
  if (error instanceof errors.JWTExpired) return error.claim === 'iat' ? 'too old' : 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iat' && error.reason === 'missing') return 'missing issue time';
    if (error.claim === 'iat' && error.reason === 'check_failed') return 'issued in the future';
    if (error.claim === 'aud') return 'wrong audience';
    if (error.claim === 'iss') return 'unknown issuer';
    if (error.claim === 'nbf') return 'not yet valid';
    if (error.claim === 'exp') return 'missing expiry';
    return 'invalid claims';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown signing key';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return 'malformed token';
  }
  return null;
}
