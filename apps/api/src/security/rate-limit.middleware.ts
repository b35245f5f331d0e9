import { Injectable } from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import { Actor, TokenVerifier } from '@app/identity';
import { bearerTokenOf, verifyOnce } from '../auth/bearer-token';
import { addRateLimitHeaders } from './rate-limit.headers';
import { personKey } from './person-key';
import { RateLimitVerdict, RateLimits } from './rate-limits';
import { problemOf, sendProblem } from './send-problem';

// An orchestrator probes health every few seconds from one address; that must never be refused.
const EXEMPT = /^\/api\/health(\/|$)/;

/**
 * Counts every request against its address, and a request with a valid bearer token against its
 * person too; a refused sign-in (any 401: no or a bad bearer token, a bad feed token) counts
 * against the address's budget of failures, and once that is spent the address gets 429 for
 * everything but requests with a valid token, until the minute is over. Runs before routing, so
 * the board, the public page and the web app's files are counted too; the bearer token is verified
 * here, once for the request (the guard takes the same answer), so that a forged token cannot
 * spend another person's budget.
 */
@Injectable()
export class RateLimitMiddleware {
  constructor(
    private readonly limits: RateLimits,
    private readonly verifier: TokenVerifier,
  ) {}

  readonly handler: RequestHandler = (request, response, next) => {
    if (EXEMPT.test(request.path)) return next();
    this.admit(request, response).then((admitted) => admitted && next(), next);
  };

  private async admit(request: Request, response: Response): Promise<boolean> {
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    response.once('finish', () => {
      if (response.statusCode === 401) this.limits.authFailures.consume(address).catch(() => undefined);
    });
    // The token first (no round trip: a signature checked against a key at hand), then the three
    // counters asked at once, so that they leave for Redis in one write: one round trip a request.
    const actor = await this.actorOf(request);
    const [byAddress, failures, byPerson] = await Promise.all([
      this.limits.ip.consume(address),
      this.limits.authFailures.spent(address),
      actor ? this.limits.person.consume(personKey(actor)) : null,
    ]);
    addRateLimitHeaders(response, byAddress);
    if (byPerson) addRateLimitHeaders(response, byPerson);

    if (failures && !actor) return this.refuse(request, response, failures);
    if (!byAddress.allowed) return this.refuse(request, response, byAddress);
    if (byPerson && !byPerson.allowed) return this.refuse(request, response, byPerson);
    return true;
  }

  private async actorOf(request: Request): Promise<Actor | null> {
    const token = bearerTokenOf(request);
    if (!token) return null;
    try {
      return await verifyOnce(request, this.verifier, token);
    } catch {
      return null;
    }
  }

  private refuse(request: Request, response: Response, verdict: RateLimitVerdict): false {
    if (verdict.policy === 'auth-failures') addRateLimitHeaders(response, verdict);
    response.setHeader('Retry-After', String(verdict.resetSeconds));
    sendProblem(request, response, problemOf(429, 'rate-limited', 'Too Many Requests', DETAIL[verdict.policy](verdict), { policy: verdict.policy }));
    return false;
  }
}

const DETAIL: Record<RateLimitVerdict['policy'], (verdict: RateLimitVerdict) => string> = {
  ip: ({ limit, resetSeconds }) => `Too many requests from your address: at most ${limit} a minute. Try again in ${resetSeconds} s.`,
  person: ({ limit, resetSeconds }) => `Too many requests from you: at most ${limit} a minute. Try again in ${resetSeconds} s.`,
  'auth-failures': ({ limit, resetSeconds }) =>
    `Too many refused sign-ins from your address: at most ${limit} a minute. Until the minute is over, only requests with a valid ` +
    `token are answered; try again in ${resetSeconds} s.`,
};
