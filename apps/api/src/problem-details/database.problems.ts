import { HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { Problem } from './problem';

/** A problem and the headers that go with it (Retry-After for a database that does not answer). */
export interface AnsweredProblem {
  problem: Problem;
  headers?: Record<string, string>;
}

/** Seconds a client should wait before retrying when the database does not answer. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// PostgreSQL's SQLSTATEs for a value it cannot take: the request's fault, whatever slipped past validation.
const INPUT_ERRORS: Record<string, { slug: string; detail: string }> = {
  '22021': { slug: 'invalid-text', detail: 'The request has text that cannot be stored: a NUL character or bytes that are not UTF-8.' },
  '22P05': { slug: 'invalid-text', detail: 'The request has text that cannot be stored: a NUL character or a character outside Unicode.' },
  '22P02': { slug: 'invalid-value', detail: 'The request has a value that is not of the form it must have.' },
  '22001': { slug: 'invalid-value', detail: 'The request has a value longer than can be stored.' },
  '22003': { slug: 'invalid-value', detail: 'The request has a number out of the range that can be stored.' },
  '22007': { slug: 'invalid-value', detail: 'The request has a date or time that is not written as one.' },
  '22008': { slug: 'invalid-value', detail: 'The request has a date or time out of the range that can be stored.' },
};

// Two transactions collided (serialization failure, deadlock): the loser wrote nothing, and may retry.
const COLLISIONS = new Set(['23505', '40001', '40P01']);

// SQLSTATEs and socket errors that say the database is not there right now, not that the request is wrong.
const UNAVAILABLE_CODES = new Set([
  '53300', // too many connections
  '53400', // configuration limit exceeded
  '57014', // statement timeout (query canceled)
  '57P01', // admin shutdown: the server is restarting
  '57P02', // crash shutdown
  '57P03', // cannot connect now: starting up or shutting down
  '55P03', // lock not available within lock_timeout
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);
const UNAVAILABLE_CLASSES = ['08']; // connection exception
// node-postgres gives these without a code: a pool that could not connect in time, a socket that closed.
const UNAVAILABLE_MESSAGES =
  /timeout exceeded when trying to connect|connection terminated|not queryable|cannot use a pool after calling end|connection timeout/i;

// A transaction whose connection the database dropped between two statements (a restart): TypeORM
// then refuses the next statement itself. The server rolled the transaction back, so nothing was written.
const RELEASED_CONNECTION = [QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError];

/**
 * What the database's refusal means for the caller, or undefined when it is a fault of ours. The
 * error may be TypeORM's QueryFailedError (the driver's error in `driverError`), node-postgres'
 * own error from a pool that could not connect, or a socket error, possibly wrapped once more.
 */
export function databaseProblem(error: unknown): AnsweredProblem | undefined {
  const chain = causesOf(error);
  const codes = chain.map(codeOf).filter((code): code is string => code !== undefined);
  const input = codes.find((code) => code in INPUT_ERRORS);
  if (input) return { problem: plain(HttpStatus.BAD_REQUEST, INPUT_ERRORS[input].slug, INPUT_ERRORS[input].detail) };
  if (codes.some((code) => COLLISIONS.has(code))) {
    return {
      problem: plain(HttpStatus.CONFLICT, 'concurrent-change', 'Another request made the same change at the same moment; read the current state and retry.'),
    };
  }
  const unavailable =
    codes.some((code) => UNAVAILABLE_CODES.has(code) || UNAVAILABLE_CLASSES.includes(code.slice(0, 2))) ||
    chain.some((each) => each instanceof Error && codeOf(each) === undefined && UNAVAILABLE_MESSAGES.test(each.message)) ||
    chain.some((each) => RELEASED_CONNECTION.some((released) => each instanceof released));
  if (unavailable) {
    return {
      problem: plain(
        HttpStatus.SERVICE_UNAVAILABLE,
        'database-unavailable',
        `The database does not answer right now; nothing was changed. Retry in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`,
      ),
      headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
    };
  }
  return undefined;
}

/** The error, the driver's error inside it, its causes and an aggregate's attempts. */
function causesOf(error: unknown): unknown[] {
  const found: unknown[] = [];
  const pending = [error];
  while (pending.length > 0 && found.length < 16) {
    const next = pending.shift();
    if (next === undefined || next === null || found.includes(next)) continue;
    found.push(next);
    if (typeof next !== 'object') continue;
    const { driverError, cause, errors } = next as { driverError?: unknown; cause?: unknown; errors?: unknown };
    pending.push(driverError, cause, ...(Array.isArray(errors) ? errors : []));
  }
  return found;
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.length > 0 ? code : undefined;
}

function plain(status: number, slug: string, detail: string): Problem {
  return { type: `/problems/${slug}`, title: STATUS_CODES[status] ?? 'Error', status, detail };
}
