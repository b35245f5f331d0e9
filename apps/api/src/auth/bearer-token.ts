import type { Request } from 'express';
import { Actor, TokenVerifier } from '@app/identity';

const BEARER = /^Bearer[ \t]+(\S*)[ \t]*$/i;
const VERIFICATION = Symbol('bearer token verification');

type VerifiedRequest = Request & { [VERIFICATION]?: { token: string; actor: Promise<Actor> } };

/** The token of `Authorization: Bearer <token>`, or null when the header is missing or not of that form. */
export function bearerTokenOf(request: Request): string | null {
  return BEARER.exec(request.headers.authorization ?? '')?.[1] ?? null;
}

/**
 * Verifies a request's token once, however many of its steps ask (the rate limits before routing,
 * then the guard): the answer, an actor or the refusal, is kept on the request.
 */
export function verifyOnce(request: Request, verifier: TokenVerifier, token: string): Promise<Actor> {
  const held = (request as VerifiedRequest)[VERIFICATION];
  if (held?.token === token) return held.actor;
  const actor = verifier.verify(token);
  // A step that only peeks (the rate limits) may leave a refusal unread; the one that needs it reads it.
  actor.catch(() => undefined);
  (request as VerifiedRequest)[VERIFICATION] = { token, actor };
  return actor;
}
