import { SignJWT } from 'jose';
import { TokenClaims } from './claims';

/** Issuer and audience of the HS256 tokens the product signs itself (demo, scripts, tests). */
export const LOCAL_ISSUER = 'vedtaksrunde';
export const LOCAL_AUDIENCE = 'vedtaksrunde';

/**
 * Signs an HS256 token with JWT_SECRET for local use; production tokens come from OIDC (the api
 * takes these there only with LOCAL_TOKENS=on). Stamped with `iat` on the system's clock, as the
 * api ages tokens: past TOKEN_MAX_AGE_SECONDS it refuses them, whatever ttlSeconds said.
 */
export async function signLocalToken(secret: string, claims: TokenClaims, ttlSeconds = 12 * 3600): Promise<string> {
  return new SignJWT({ name: claims.name, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret));
}
