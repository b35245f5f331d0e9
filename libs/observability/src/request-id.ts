import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's id: taken from X-Request-Id when sane, made up otherwise, and answered in
 * X-Request-Id. Given once per request, so that what refuses a request before the access log runs
 * and the access log itself name the same id.
 */
export function requestIdOf(request: IncomingMessage & { id?: unknown }, response: ServerResponse): string {
  if (typeof request.id === 'string') return request.id;
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  request.id = id;
  if (!response.headersSent) response.setHeader('X-Request-Id', id);
  return id;
}
