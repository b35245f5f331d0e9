import { Client, ClientConfig } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { QueryErrorLogger } from '@app/observability';
import { MIGRATIONS } from '../../../migrations';
import { ENTITIES } from './entities';

/** How long the database may keep a caller waiting; a request answers 503 rather than hang. */
export const DATABASE_LIMITS = {
  /** A statement running longer is cancelled by the server, and its connection is free again. */
  statementTimeoutMs: 15_000,
  /** A transaction left idle this long (a caller that died between statements) is ended, and its locks go. */
  idleInTransactionTimeoutMs: 30_000,
  /** Opening a new connection ends here: a server that does not answer is given up on quickly. */
  connectTimeoutMs: 2_000,
  /**
   * Waiting for a free connection of a busy pool ends here: a burst of writes to one council queues
   * behind its lock, so the wait is as long as a statement may run. A database that is down does not
   * make anyone wait this long: opening a connection fails within connectTimeoutMs, and then at once.
   */
  poolWaitMs: 15_000,
  /** After a connection attempt failed, new attempts fail at once for this long. */
  retryConnectingAfterMs: 1_000,
  poolSize: 10,
} as const;

/** Opening a connection took the whole of DATABASE_LIMITS.connectTimeoutMs: the server does not answer. */
export class DatabaseConnectTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';

  constructor(timeoutMs: number, cause: Error) {
    super(`PostgreSQL did not take a connection within ${timeoutMs} ms`, { cause });
    this.name = 'DatabaseConnectTimeoutError';
  }
}

/**
 * A connection was not even tried because the last attempt, a moment ago, failed: the database is
 * unreachable. It carries the `code` of that failure (ECONNREFUSED, 57P03 …) and the failure as `cause`.
 */
export class DatabaseUnreachableError extends Error {
  readonly code: string | undefined;

  constructor(cause: Error) {
    super(`PostgreSQL could not be reached a moment ago (${cause.message}); not tried again yet`, { cause });
    this.name = 'DatabaseUnreachableError';
    this.code = (cause as { code?: string }).code;
  }
}

/** The one description of the database connection; the app, the CLI and the tests use it. */
export function dataSourceOptions(url: string, applicationName = 'vedtaksrunde'): DataSourceOptions {
  // A migration may rewrite a large table: it gets no statement timeout.
  const migrating = applicationName.endsWith('-migrations');
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    // A failed query is logged as its error, never with the SQL's parameters (names, e-mail addresses, notes).
    logger: new QueryErrorLogger(),
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    applicationName,
    extra: {
      max: DATABASE_LIMITS.poolSize,
      connectionTimeoutMillis: DATABASE_LIMITS.poolWaitMs,
      statement_timeout: migrating ? false : DATABASE_LIMITS.statementTimeoutMs,
      idle_in_transaction_session_timeout: DATABASE_LIMITS.idleInTransactionTimeoutMs,
      // A server that vanished without closing the socket (a network cut) is noticed by the kernel.
      keepAlive: true,
      Client: clientFailingFastWhileUnreachable(DATABASE_LIMITS.connectTimeoutMs, DATABASE_LIMITS.retryConnectingAfterMs),
    },
  };
}

/**
 * The pool's client, with a connect timeout of its own (shorter than the pool's wait for a free
 * connection), and failing at once while the database is unreachable instead of waiting out the
 * timeout again. A request takes connections more than once (signing in remembers the person, then
 * the use case's transaction): without this it would wait the timeout at each, and callers would
 * pile up behind a database that is not there. One pool, one memory: each data source gets a
 * class of its own.
 */
function clientFailingFastWhileUnreachable(connectTimeoutMs: number, retryAfterMs: number): typeof Client {
  let lastFailure: { error: Error; at: number } | null = null;
  let lastSuccessAt = 0;

  return class ClientFailingFastWhileUnreachable extends Client {
    constructor(config: ClientConfig) {
      super({ ...config, connectionTimeoutMillis: connectTimeoutMs });
    }

    override connect(): Promise<Client>;
    override connect(callback: (error: Error) => void): void;
    override connect(callback?: (error: Error) => void): Promise<Client> | void {
      // System time: this only paces connection attempts; it is no fact of any round.
      const startedAt = Date.now();
      const attempt: Promise<Client> =
        lastFailure && startedAt - lastFailure.at < retryAfterMs
          ? Promise.reject(new DatabaseUnreachableError(lastFailure.error))
          : super.connect().then(
              (client) => {
                lastSuccessAt = Date.now();
                lastFailure = null;
                return client;
              },
              (cause: Error) => {
                // node-postgres ends an attempt that ran out of time with a bare "timeout expired".
                const error = Date.now() - startedAt >= connectTimeoutMs ? new DatabaseConnectTimeoutError(connectTimeoutMs, cause) : cause;
                // An attempt begun before the database answered another says nothing about it now.
                if (startedAt >= lastSuccessAt) lastFailure = { error, at: Date.now() };
                throw error;
              },
            );
      if (!callback) return attempt;
      attempt.then(() => callback(undefined as unknown as Error), callback);
    }
  };
}
