import { createHash, randomBytes } from 'node:crypto';

/** What one feed shows: one council's rounds, or one municipality's across its councils. */
export type FeedScope = { type: 'council'; council: string } | { type: 'municipality'; municipality: string };

const TOKEN_BYTES = 32;
/** 32 bytes in base64url without padding. Anything else, a signed JWT of old included, is no feed token. */
const FEED_TOKEN_FORM = /^[A-Za-z0-9_-]{43}$/;
/** How much of a token is kept readable, so that its holder can tell their feed addresses apart. */
export const FEED_TOKEN_PREFIX_LENGTH = 6;

/** A feed token as it is handed out once, with what is stored of it. */
export interface NewFeedToken {
  /** The credential itself: shown to its holder once, never stored. */
  token: string;
  /** SHA-256 of the token: what is stored and looked up. */
  hash: Buffer;
  /** The token's first characters, to recognise it by. */
  prefix: string;
}

/**
 * A new calendar feed token: 256 random bits. Nothing can be guessed or derived from it, so a plain
 * SHA-256 (no salt, no slow hash) keeps a stolen table from opening any feed.
 */
export function newFeedToken(): NewFeedToken {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashOf(token), prefix: token.slice(0, FEED_TOKEN_PREFIX_LENGTH) };
}

/** The stored form of what a calendar app sent in `?token=`; null when it cannot be a feed token at all. */
export function feedTokenHash(token: string): Buffer | null {
  return FEED_TOKEN_FORM.test(token) ? hashOf(token) : null;
}

function hashOf(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
