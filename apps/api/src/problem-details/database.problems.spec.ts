import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { databaseProblem } from './database.problems';
import { ProblemDetailsFilter } from './problem-details.filter';

/** A driver error as node-postgres gives it: a message and a SQLSTATE. */
function pgError(code: string, message = `error ${code}`): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR', detail: 'Key (name)=(Kari Nordmann) already exists.' });
}

const failedQuery = (driverError: Error) => new QueryFailedError('INSERT INTO council (name) VALUES ($1)', ['Kari Nordmann'], driverError);

describe('what the database’s refusal means for the caller', () => {
  it.each([
    ['22021', '/problems/invalid-text'],
    ['22P05', '/problems/invalid-text'],
    ['22P02', '/problems/invalid-value'],
    ['22001', '/problems/invalid-value'],
    ['22003', '/problems/invalid-value'],
    ['22007', '/problems/invalid-value'],
    ['22008', '/problems/invalid-value'],
  ])('a value PostgreSQL cannot take (%s) is the request’s fault: 400 %s', (code, type) => {
    expect(databaseProblem(failedQuery(pgError(code)))).toEqual({ problem: { type, title: 'Bad Request', status: 400, detail: expect.any(String) } });
  });

  it.each([
    ['the query runner', () => new QueryRunnerAlreadyReleasedError()],
    ['the connection the query runner provided', () => new QueryRunnerProviderAlreadyReleasedError()],
  ])('a transaction whose connection the database dropped (%s released) is 503 with Retry-After', (_case, released) => {
    expect(databaseProblem(released())).toMatchObject({ problem: { type: '/problems/database-unavailable', status: 503 }, headers: { 'Retry-After': '5' } });
  });

  it.each(['23505', '40001', '40P01'])('two requests that collided (%s) are told so: 409 /problems/concurrent-change', (code) => {
    expect(databaseProblem(failedQuery(pgError(code)))?.problem).toMatchObject({ type: '/problems/concurrent-change', status: 409 });
  });

  it.each([
    ['an admin shutdown (57P01)', failedQuery(pgError('57P01', 'terminating connection due to administrator command'))],
    ['a server starting up (57P03)', pgError('57P03', 'the database system is starting up')],
    ['a crash shutdown (57P02)', pgError('57P02')],
    ['a broken connection (08006)', pgError('08006')],
    ['a refused connection (08001)', pgError('08001')],
    ['too many connections (53300)', pgError('53300', 'sorry, too many clients already')],
    ['a statement timeout (57014)', failedQuery(pgError('57014', 'canceling statement due to statement timeout'))],
    ['a lock timeout (55P03)', failedQuery(pgError('55P03'))],
    ['ECONNREFUSED from the socket', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['ECONNREFUSED on every address of the host', new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], '')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a connection that closed under a query', failedQuery(new Error('Connection terminated unexpectedly'))],
    ['a connection ended by a timeout', new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') })],
    ['a client that broke before', new Error('Client has encountered a connection error and is not queryable')],
    ['a socket error as the cause', new Error('query failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) })],
  ])('a database that does not answer (%s): 503 with Retry-After', (_, error) => {
    expect(databaseProblem(error)).toEqual({
      problem: { type: '/problems/database-unavailable', title: 'Service Unavailable', status: 503, detail: expect.stringContaining('Retry in 5 seconds') },
      headers: { 'Retry-After': '5' },
    });
  });

  it.each([
    ['a check the code should have made (23514)', failedQuery(pgError('23514'))],
    ['a missing column (42703)', failedQuery(pgError('42703'))],
    ['a plain bug', new TypeError('x is not a function')],
    ['a thrown string', 'boom'],
    ['nothing', undefined],
  ])('%s stays ours: no mapping, so a 500', (_, error) => {
    expect(databaseProblem(error)).toBeUndefined();
  });

  it('survives an error whose cause refers back to itself', () => {
    const error = new Error('loop') as Error & { cause?: unknown };
    error.cause = error;
    expect(databaseProblem(error)).toBeUndefined();
  });
});

describe('the problem filter with a database that does not answer', () => {
  it('answers 503 problem+json with Retry-After, never a 500', () => {
    const headers: Record<string, string> = {};
    let status = 0;
    let body = '';
    const response = {
      headersSent: false,
      setHeader: (name: string, value: string) => (headers[name] = value),
      status: (code: number) => ((status = code), response),
      type: (type: string) => ((headers['Content-Type'] = type), response),
      send: (text: string) => ((body = text), response),
    };
    const request = { originalUrl: '/api/councils', headers: {}, id: 'req-1' };
    const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ArgumentsHost;
    new ProblemDetailsFilter().catch(failedQuery(pgError('57P01', 'terminating connection due to administrator command')), host);
    expect(status).toBe(503);
    expect(headers).toMatchObject({ 'Retry-After': '5', 'Content-Type': 'application/problem+json' });
    expect(JSON.parse(body)).toMatchObject({ type: '/problems/database-unavailable', status: 503, instance: '/api/councils' });
  });
});
