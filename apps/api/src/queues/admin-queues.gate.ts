import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { decodeJwt } from 'jose';
import { Actor, IdentityProviderUnavailableError, InvalidTokenError, TokenVerifier } from '@app/identity';
import { Problem, ProblemException } from '../problem-details/problem';
import { QUEUE_BOARD_PATH, QueueBoard } from './queue-board';

const BEARER = /^Bearer[ \t]+(\S*)[ \t]*$/i;
export const ADMIN_COOKIE = 'vedtak_admin';

type Credential = { token: string; from: 'header' | 'query' | 'cookie' };

/**
 * Lets admins, and only admins, reach the queue board. Scripts send `Authorization: Bearer`; a
 * browser cannot when it navigates, so `?token=<jwt>` is accepted once and traded for an
 * HttpOnly, SameSite=Strict cookie scoped to the board, which its own requests then carry.
 * Everyone else gets 401 or 403 as problem+json, like the rest of the API.
 */
@Injectable()
export class AdminQueuesGate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly board: QueueBoard,
  ) {}

  /** Express middleware for QUEUE_BOARD_PATH (mounted in bootstrap.ts, outside Nest's routing). */
  readonly middleware: RequestHandler = (request, response, next) => {
    this.admit(request, response, next).catch(next);
  };

  private async admit(request: Request, response: Response, next: NextFunction): Promise<void> {
    const credential = credentialOf(request);
    if (!credential) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      return answer(request, response, problem(401, 'unauthenticated', 'Unauthorized', 'Sign in as an admin: send Authorization: Bearer <token>, or open this page with ?token=<token>.'));
    }
    let actor: Actor;
    try {
      actor = await this.verifier.verify(credential.token);
    } catch (error) {
      if (credential.from === 'cookie') clearCookie(response);
      if (error instanceof InvalidTokenError) {
        response.setHeader('WWW-Authenticate', `Bearer error="invalid_token", error_description="${error.reason}"`);
        return answer(request, response, problem(401, 'invalid-token', 'Unauthorized', `The token was refused: ${error.reason}. Sign in again.`, { reason: error.reason }));
      }
      if (error instanceof IdentityProviderUnavailableError) {
        response.setHeader('Retry-After', '30');
        return answer(request, response, problem(503, 'identity-provider-unavailable', 'Service Unavailable', 'The identity provider’s signing keys could not be fetched; try again shortly.'));
      }
      throw error;
    }
    if (!actor.isAdmin()) {
      if (credential.from === 'cookie') clearCookie(response);
      return answer(request, response, problem(403, 'forbidden', 'Forbidden', 'Only an admin may see the queues.'));
    }
    if (credential.from === 'query') return signIn(request, response, credential.token);
    this.board.handler()(request, response, next);
  }
}

function credentialOf(request: Request): Credential | null {
  const header = request.headers.authorization;
  if (header) {
    const match = BEARER.exec(header);
    // A malformed header is refused as such rather than silently replaced by a cookie.
    return { token: match?.[1] ?? '', from: 'header' };
  }
  const query = request.query.token;
  if (typeof query === 'string' && query.length > 0) return { token: query, from: 'query' };
  const cookie = cookieOf(request, ADMIN_COOKIE);
  return cookie ? { token: cookie, from: 'cookie' } : null;
}

function cookieOf(request: Request, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return decodeURIComponent(part.slice(separator + 1).trim());
  }
  return null;
}

/**
 * Trades the token in the address for the cookie, then leaves the address without it. A plain
 * redirect would not do: when the link was opened from another site (a mail client's web page),
 * browsers withhold a SameSite=Strict cookie on the whole redirect chain, and the board would
 * answer 401; a refresh from this page is a same-site navigation, which carries it.
 */
function signIn(request: Request, response: Response, token: string): void {
  const expiresAt = decodeJwt(token).exp ?? 0;
  // System time: the token's expiry is checked against the machine's clock, so the cookie ends with the token.
  const maxAge = Math.max(0, expiresAt - Math.floor(Date.now() / 1000));
  response.cookie(ADMIN_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.secure,
    path: QUEUE_BOARD_PATH,
    maxAge: maxAge * 1000,
  });
  const target = new URL(request.originalUrl, 'http://board.invalid');
  target.searchParams.delete('token');
  const location = escapeHtml(`${target.pathname}${target.search}`);
  response
    .status(200)
    .setHeader('Cache-Control', 'no-store')
    .setHeader('Referrer-Policy', 'no-referrer')
    .type('text/html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${location}">` +
        `<title>Vedtaksrunde: queues</title></head><body><p>Signed in. <a href="${location}">Open the queues</a>.</p></body></html>`,
    );
}

function clearCookie(response: Response): void {
  response.clearCookie(ADMIN_COOKIE, { httpOnly: true, sameSite: 'strict', path: QUEUE_BOARD_PATH });
}

function problem(status: number, slug: string, title: string, detail: string, extensions: Record<string, unknown> = {}): Problem {
  return ProblemException.of(status, slug, title, detail, extensions).problem;
}

function answer(request: Request, response: Response, problem: Problem): void {
  response
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...problem, instance: request.originalUrl.split('?')[0] }));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
