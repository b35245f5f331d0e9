import type { Response } from 'express';
import { RateLimitVerdict, WINDOW_SECONDS } from './rate-limits';

/** The headers a client reads its budgets from; also exposed to allowed origins (CORS). */
export const RATE_LIMIT_HEADERS = ['RateLimit-Policy', 'RateLimit', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];

const VERDICTS = Symbol('rate-limit verdicts');
type WithVerdicts = Response & { [VERDICTS]?: RateLimitVerdict[] };

/**
 * Tells the client where it stands, in both forms in use: the IETF draft's structured fields
 * (draft-ietf-httpapi-ratelimit-headers: `RateLimit-Policy: "ip";q=1200;w=60, "person";q=600;w=60`
 * and `RateLimit: "ip";r=1187;t=42, …`, one item per budget the request counted against), and
 * the older `RateLimit-Limit`/`-Remaining`/`-Reset` of the budget closest to running out, which
 * most client libraries read.
 */
export function addRateLimitHeaders(response: Response, verdict: RateLimitVerdict): void {
  const verdicts = ((response as WithVerdicts)[VERDICTS] ??= []);
  verdicts.push(verdict);
  if (response.headersSent) return;
  response.setHeader('RateLimit-Policy', verdicts.map((v) => `"${v.policy}";q=${v.limit};w=${WINDOW_SECONDS}`).join(', '));
  response.setHeader('RateLimit', verdicts.map((v) => `"${v.policy}";r=${v.remaining};t=${v.resetSeconds}`).join(', '));
  const tightest = verdicts.reduce((a, b) => (b.remaining < a.remaining || (b.remaining === a.remaining && b.resetSeconds > a.resetSeconds) ? b : a));
  response.setHeader('RateLimit-Limit', String(tightest.limit));
  response.setHeader('RateLimit-Remaining', String(tightest.remaining));
  response.setHeader('RateLimit-Reset', String(tightest.resetSeconds));
}
