/**
 * Why a bearer token was refused. Each reason is safe to tell the caller: it names what is wrong
 * with the token they sent, never a key, a secret or what the token would have granted.
 */
export type InvalidTokenReason =
  | 'malformed token'
  | 'unknown issuer'
  | 'algorithm not allowed'
  | 'unknown signing key'
  | 'bad signature'
  | 'expired'
  | 'not yet valid'
  | 'wrong audience'
  | 'missing expiry'
  | 'missing issue time'
  | 'issued in the future'
  | 'too old'
  | 'local tokens disabled'
  | 'invalid claims'
  | 'malformed claims';

/** The token is not one the API accepts: the caller must sign in again (401). */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';

  constructor(readonly reason: InvalidTokenReason) {
    super(`invalid token: ${reason}`);
  }
}

/**
 * The identity provider's key set could not be fetched, so no OIDC token can be checked right
 * now. Not the caller's fault: answering 401 would send them to sign in again for nothing (503).
 */
export class IdentityProviderUnavailableError extends Error {
  override readonly name = 'IdentityProviderUnavailableError';

  constructor(cause: unknown) {
    super('the identity provider’s key set could not be fetched', { cause });
  }
}
