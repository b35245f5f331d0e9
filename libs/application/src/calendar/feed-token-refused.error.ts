/**
 * Why a feed token opens nothing. Each is safe to tell whoever sent it: they hold the token, so
 * they learn only what became of their own feed, never whose it was or what it showed.
 */
export type FeedTokenRefusal = 'malformed token' | 'unknown token' | 'revoked' | 'expired';

/** The calendar app's address no longer works (or never did): its holder must issue a new feed. */
export class FeedTokenRefusedError extends Error {
  override readonly name = 'FeedTokenRefusedError';

  constructor(readonly reason: FeedTokenRefusal) {
    super(`feed token refused: ${reason}`);
  }
}
