import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestIdOf } from '@app/observability';
import { FieldProblem, Problem, ProblemException } from '../problem-details/problem';
import { sendProblem } from '../problem-details/problem-details.filter';
import { textProblem } from './text.rules';

/** The cookies the product sets begin with this; only those are read, so only those must be readable. */
export const PRODUCT_COOKIE_PREFIX = 'vedtak';

const logger = new Logger('HostileInput');

/**
 * Express middleware, first of all: refuses a request whose address or headers nothing behind it
 * could read, before any router, parser or guard decodes them. A path or query that is not
 * percent-encoded UTF-8 or holds a control character (/problems/malformed-path,
 * /problems/malformed-query), a product cookie that is not readable (/problems/malformed-cookie),
 * and a body in any content coding but identity (/problems/unsupported-encoding: the api reads
 * bodies as sent; a "gzip" body that is not gzip would otherwise fail inside the parser).
 */
export function refuseHostileRequests(request: Request, response: Response, next: NextFunction): void {
  // Given here, before anything can refuse the request, so that every answer names its id.
  const requestId = requestIdOf(request, response);
  const refused = addressProblem(request.url) ?? cookieProblem(request.headers.cookie) ?? encodingProblem(request.headers['content-encoding']);
  if (!refused) return next();
  // The access log runs later and never sees this request; this line stands in for it.
  logger.warn({ requestId, method: request.method, type: refused.problem.type }, 'request refused');
  for (const [name, value] of Object.entries(refused.headers ?? {})) response.setHeader(name, value);
  sendProblem(request, response, refused.problem);
}

interface Refusal {
  problem: Problem;
  headers?: Record<string, string>;
}

/** The request target as sent (`/api/councils/%00?status=open`). */
export function addressProblem(target: string): Refusal | undefined {
  const separator = target.indexOf('?');
  const path = separator < 0 ? target : target.slice(0, separator);
  const query = separator < 0 ? '' : target.slice(separator + 1);
  for (const segment of path.split('/')) {
    const text = decoded(segment);
    const problem = unencoded(segment) ?? (text === undefined ? 'is not percent-encoded UTF-8' : textProblem(text, 'address'));
    if (problem) {
      return refusal('malformed-path', `The path segment "${printable(segment)}" ${problem}.`);
    }
  }
  const errors: FieldProblem[] = [];
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const rawName = equals < 0 ? pair : pair.slice(0, equals);
    const name = decoded(rawName.replace(/\+/g, ' '));
    const value = equals < 0 ? '' : decoded(pair.slice(equals + 1).replace(/\+/g, ' '));
    const field = name === undefined || textProblem(name, 'address') ? printable(rawName) : name;
    const problem =
      unencoded(pair) ??
      (name === undefined
        ? 'has a name that is not percent-encoded UTF-8'
        : value === undefined
          ? 'is not percent-encoded UTF-8'
          : (textProblem(name, 'address') ?? textProblem(value, 'address')));
    if (problem) errors.push({ field, message: `${field} ${problem}` });
  }
  if (errors.length === 0) return undefined;
  return refusal(
    'malformed-query',
    `The query has ${errors.length === 1 ? `a parameter (${errors[0].field})` : `${errors.length} parameters`} that cannot be read.`,
    errors,
  );
}

/**
 * The product's own cookies must be percent-decodable text without control characters. Cookies
 * of other sites on the same host are not read, so they are left alone: a neighbour's cookie on
 * localhost must not lock anyone out.
 */
export function cookieProblem(header: string | undefined): Refusal | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    const name = (equals < 0 ? part : part.slice(0, equals)).trim();
    if (!name.startsWith(PRODUCT_COOKIE_PREFIX)) continue;
    const raw = equals < 0 ? '' : part.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1');
    const value = decoded(raw);
    const problem = value === undefined ? 'is not percent-encoded UTF-8' : textProblem(value, 'address');
    if (problem) {
      return refusal('malformed-cookie', `The cookie ${name} cannot be read; sign in again to replace it.`, [
        { field: 'Cookie', message: `the cookie ${name} ${problem}` },
      ]);
    }
  }
  return undefined;
}

/** Only `identity` (or no Content-Encoding at all) is read. */
export function encodingProblem(header: string | undefined): Refusal | undefined {
  if (header === undefined) return undefined;
  const codings = header
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return undefined;
  return {
    ...refusal('unsupported-encoding', `The api reads request bodies only as sent (Content-Encoding: identity), not "${printable(header)}".`, [
      { field: 'Content-Encoding', message: `Content-Encoding ${printable(header)} is not read; send the body uncompressed` },
    ]),
    // RFC 9110 § 12.5.3: tells the client which content coding it may use instead.
    headers: { 'Accept-Encoding': 'identity' },
  };
}

function refusal(slug: string, detail: string, errors?: FieldProblem[]): Refusal {
  return { problem: ProblemException.of(400, slug, 'Bad Request', detail, errors ? { errors } : {}).problem };
}

/** RFC 3986: everything but printable ASCII travels percent-encoded; Node would read raw bytes as Latin-1. */
function unencoded(text: string): string | undefined {
  const character = /[^\x21-\x7E]/.exec(text)?.[0];
  if (character === undefined) return undefined;
  return `has a character that is not percent-encoded (U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** What was sent, short and without control characters, so that the detail can quote it. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it replaces
  const shown = text.replace(/[\u0000-\u001F\u007F]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
}
