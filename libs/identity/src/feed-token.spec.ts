import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { FEED_TOKEN_PREFIX_LENGTH, feedTokenHash, newFeedToken } from './feed-token';

describe('feed tokens', () => {
  it('are 32 random bytes in base64url, stored as their SHA-256 and recognised by their first characters', () => {
    const issued = newFeedToken();
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(issued.token, 'base64url')).toHaveLength(32);
    expect(issued.hash.equals(createHash('sha256').update(issued.token).digest())).toBe(true);
    expect(issued.prefix).toBe(issued.token.slice(0, FEED_TOKEN_PREFIX_LENGTH));
    expect(feedTokenHash(issued.token)?.equals(issued.hash)).toBe(true);
  });

  it('differ every time', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newFeedToken().token));
    expect(tokens.size).toBe(1000);
  });

  it.each<[string, () => Promise<string> | string]>([
    ['an empty string', () => ''],
    ['a token one character short', () => newFeedToken().token.slice(1)],
    ['a token with a character outside base64url', () => `${newFeedToken().token.slice(1)}+`],
    ['a token with padding', () => `${newFeedToken().token.slice(1)}=`],
    ['a signed feed token of old', () => new SignJWT({ scope: 'council:trondheimsregionen' }).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32))],
  ])('refuse %s before any lookup', async (_case, token) => {
    expect(feedTokenHash(await token())).toBeNull();
  });
});
