import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import pino from 'pino';
import { QueryFailedError } from 'typeorm';
import { errorSerializer, loggableError } from './loggable-error';
import { QueryErrorLogger } from './query-error.logger';

const PERSONAL = ['Kari Nordmann', 'kari@example.no', '01019012345'];

function failedInsert(): QueryFailedError {
  const driverError = Object.assign(new Error('duplicate key value violates unique constraint "app_user_email_key"'), {
    code: '23505',
    severity: 'ERROR',
    table: 'app_user',
    constraint: 'app_user_email_key',
    detail: 'Key (email)=(kari@example.no) already exists.',
    where: 'SQL statement "INSERT …"',
  });
  return new QueryFailedError('INSERT INTO app_user (name, email, note) VALUES ($1, $2, $3)', PERSONAL, driverError);
}

describe('what a log line keeps of an error', () => {
  it('keeps name, message, stack, code and the schema facts of a failed query, not its SQL, parameters or detail', () => {
    const loggable = loggableError(failedInsert());
    expect(loggable).toEqual({
      type: 'QueryFailedError',
      message: 'duplicate key value violates unique constraint "app_user_email_key"',
      stack: expect.stringContaining('QueryFailedError'),
      code: '23505',
      severity: 'ERROR',
      table: 'app_user',
      constraint: 'app_user_email_key',
    });
    expect(JSON.stringify(loggable)).not.toMatch(/Kari|kari@|01019012345|INSERT/);
  });

  it('follows causes and the attempts of an AggregateError', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const loggable = loggableError(new Error('could not save', { cause: new AggregateError([refused], 'all attempts failed') }));
    expect(loggable.cause).toMatchObject({ type: 'AggregateError', errors: [{ type: 'Error', code: 'ECONNREFUSED' }] });
  });

  it('describes what is not an Error without its content', () => {
    expect(loggableError({ parameters: PERSONAL })).toEqual({ type: 'object', message: 'a thrown object' });
  });

  it('is what pino writes for `err`, whoever logs it', () => {
    const lines: string[] = [];
    const logger = pino(
      { serializers: { err: (error: unknown) => errorSerializer(pino.stdSerializers.err(error as Error)) } },
      new Writable({ write: (chunk, _, done) => (lines.push(String(chunk)), done()) }),
    );
    logger.warn({ err: failedInsert() }, 'could not record the person signing in');
    const line = JSON.parse(lines[0]);
    expect(line.err).toMatchObject({ type: 'QueryFailedError', code: '23505' });
    expect(lines[0]).not.toMatch(/Kari|kari@|01019012345|INSERT|parameters|driverError/);
  });
});

describe('the database logger', () => {
  it('logs a failed query without its SQL or parameters', () => {
    const logged: unknown[] = [];
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    try {
      new QueryErrorLogger().logQueryError(failedInsert(), 'INSERT INTO app_user (name, email, note) VALUES ($1, $2, $3)', PERSONAL);
    } finally {
      spy.mockRestore();
    }
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).toContain('23505');
    expect(JSON.stringify(logged)).not.toMatch(/Kari|kari@|01019012345|INSERT/);
  });
});
