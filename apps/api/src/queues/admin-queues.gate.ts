import { Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { SystemClock } from '@app/application';
import { AppConfig } from '@app/config';
import { Actor, IdentityProviderUnavailableError, InvalidTokenError, TokenVerifier } from '@app/identity';
import { bearerTokenOf, verifyOnce } from '../auth/bearer-token';
import { problemOf, sendProblem } from '../security/send-problem';
import { ADMIN_COOKIE, BoardAdmin, BoardSessions } from './board-sessions';
import { QUEUE_BOARD_PATH, QueueBoard } from './queue-board';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const HAS_ADMIN_COOKIE = new RegExp(`(?:^|;)\\s*${ADMIN_COOKIE}=`);

/** Who a request to the board came from, once known: for the access log. */
interface Access {
  who: string | null;
}

/**
 * Lets admins, and only admins, reach the queue board. Scripts send `Authorization: Bearer` on
 * each request; a browser cannot when it navigates, so `?token=<jwt>` is accepted once and traded
 * for a server-side session (see BoardSessions) whose cookie the board's own requests then carry.
 * A request that would change something must come from the board's own origin. Everyone else gets
 * 401 or 403 as problem+json, like the rest of the API, and every request is logged with who made it.
 */
@Injectable()
export class AdminQueuesGate {
  private readonly logger = new Logger('QueueBoardAccess');
  // Sessions end with the admin token, whose `exp` is real time, as the verifier checks it.
  private readonly realTime = new SystemClock();

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly board: QueueBoard,
    private readonly sessions: BoardSessions,
    private readonly config: AppConfig,
  ) {}

  /** Express middleware for QUEUE_BOARD_PATH (mounted in bootstrap.ts, outside Nest's routing). */
  readonly middleware: RequestHandler = (request, response, next) => {
    const access: Access = { who: null };
    const path = request.originalUrl.split('?')[0];
    response.once('close', () =>
      this.logger.log({ who: access.who ?? 'anonymous', method: request.method, path, status: response.statusCode }, 'queue board request'),
    );
    this.admit(request, response, next, access).catch(next);
  };

  private async admit(request: Request, response: Response, next: NextFunction, access: Access): Promise<void> {
    if (STATE_CHANGING.has(request.method) && !this.fromOwnOrigin(request)) {
      return sendProblem(request, response, problemOf(403, 'cross-origin-request', 'Forbidden', 'The queue board takes changes from its own pages only.'));
    }
    const header = request.headers.authorization;
    if (header) {
      // A malformed header is refused as such rather than silently replaced by the session.
      const actor = await this.admitToken(request, response, bearerTokenOf(request) ?? '');
      if (!actor) return;
      access.who = actor.subject;
      this.board.handler()(request, response, next);
      return;
    }

    const sessionError = await new Promise<unknown>((resolve) => this.sessions.middleware(request, response, resolve));
    if (sessionError) return unavailable(request, response);

    const query = request.query.token;
    if (typeof query === 'string' && query.length > 0) {
      const actor = await this.admitToken(request, response, query);
      if (!actor) return;
      access.who = actor.subject;
      return this.signIn(request, response, actor);
    }

    const admin = request.session.admin;
    if (admin && admin.expiresAt > this.realTime.now().getTime()) {
      access.who = admin.subject;
      this.board.handler()(request, response, next);
      return;
    }
    if (admin || HAS_ADMIN_COOKIE.test(request.headers.cookie ?? '')) {
      if (admin) await new Promise<unknown>((resolve) => request.session.destroy(resolve));
      clearCookie(response);
      response.setHeader('WWW-Authenticate', 'Bearer');
      return sendProblem(
        request,
        response,
        problemOf(401, 'unauthenticated', 'Unauthorized', 'The board’s session has ended or is unknown; open the board with ?token=<admin token> again.'),
      );
    }
    response.setHeader('WWW-Authenticate', 'Bearer');
    sendProblem(
      request,
      response,
      problemOf(401, 'unauthenticated', 'Unauthorized', 'Sign in as an admin: send Authorization: Bearer <token>, or open this page with ?token=<token>.'),
    );
  }

  /** The admin the token speaks for; otherwise the refusal has been sent and null is returned. */
  private async admitToken(request: Request, response: Response, token: string): Promise<Actor | null> {
    let actor: Actor;
    try {
      actor = await verifyOnce(request, this.verifier, token);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        response.setHeader('WWW-Authenticate', `Bearer error="invalid_token", error_description="${error.reason}"`);
        sendProblem(request, response, problemOf(401, 'invalid-token', 'Unauthorized', `The token was refused: ${error.reason}. Sign in again.`, { reason: error.reason }));
        return null;
      }
      if (error instanceof IdentityProviderUnavailableError) {
        response.setHeader('Retry-After', '30');
        sendProblem(
          request,
          response,
          problemOf(503, 'identity-provider-unavailable', 'Service Unavailable', 'The identity provider’s signing keys could not be fetched; try again shortly.'),
        );
        return null;
      }
      throw error;
    }
    if (!actor.isAdmin()) {
      sendProblem(request, response, problemOf(403, 'forbidden', 'Forbidden', 'Only an admin may see the queues.'));
      return null;
    }
    return actor;
  }

  /**
   * Starts a new session for the admin (a new id: one planted before sign-in is worth nothing),
   * lasting as long as their token, then leaves the address without the token. A plain redirect
   * would not do: when the link was opened from another site (a mail client's web page), browsers
   * withhold a SameSite=Strict cookie on the whole redirect chain, and the board would answer 401;
   * a refresh from this page is a same-site navigation, which carries it.
   */
  private async signIn(request: Request, response: Response, actor: Actor): Promise<void> {
    const expiresAt = actor.expiresAt?.getTime() ?? this.realTime.now().getTime();
    const admin: BoardAdmin = { subject: actor.subject, issuer: actor.issuer, name: actor.name, expiresAt };
    const saved = await new Promise<unknown>((resolve) =>
      request.session.regenerate((error: unknown) => {
        if (error) return resolve(error);
        request.session.admin = admin;
        request.session.cookie.maxAge = Math.max(0, expiresAt - this.realTime.now().getTime());
        request.session.save(resolve);
      }),
    );
    if (saved) return unavailable(request, response);

    const target = new URL(request.originalUrl, 'http://board.invalid');
    target.searchParams.delete('token');
    const location = escapeHtml(`${target.pathname}${target.search}`);
    response
      .status(200)
      .setHeader('Cache-Control', 'no-store')
      .type('text/html')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${location}">` +
          `<title>Vedtaksrunde: queues</title></head><body><p>Signed in. <a href="${location}">Open the queues</a>.</p></body></html>`,
      );
  }

  /**
   * Browsers send Origin with every POST, PUT, PATCH and DELETE, cross-origin or not; scripts with
   * a bearer token usually send none, and may go on. Sec-Fetch-Site covers a browser that left Origin out.
   */
  private fromOwnOrigin(request: Request): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) {
      const site = request.headers['sec-fetch-site'];
      return site === undefined || site === 'same-origin' || site === 'none';
    }
    return origin === `${request.protocol}://${request.get('host')}` || origin === new URL(this.config.publicBaseUrl).origin;
  }
}

function unavailable(request: Request, response: Response): void {
  response.setHeader('Retry-After', '30');
  sendProblem(
    request,
    response,
    problemOf(503, 'queue-board-unavailable', 'Service Unavailable', 'The board’s sessions are kept in Redis, which does not answer; try again shortly.'),
  );
}

function clearCookie(response: Response): void {
  response.clearCookie(ADMIN_COOKIE, { httpOnly: true, sameSite: 'strict', path: QUEUE_BOARD_PATH });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
