import { DataSource } from 'typeorm';

/** Counts the statements the api sends to PostgreSQL, transaction control included. */
export interface QueryCounter {
  /** The statements sent while `work` ran, in order. */
  during(work: () => Promise<unknown>): Promise<string[]>;
  /** Puts the data source's logger back as it was. */
  detach(): void;
}

/**
 * Every statement a TypeORM query runner sends, START TRANSACTION and COMMIT too, passes through
 * its data source's `logger.logQuery` whatever the logging options: listening there counts what
 * really reaches the database, not what the code meant to send.
 */
export function countQueries(dataSource: DataSource): QueryCounter {
  const logger = dataSource.logger;
  const original = logger.logQuery;
  let seen: string[] | null = null;
  logger.logQuery = function (query, parameters, queryRunner) {
    seen?.push(query);
    return original.call(this, query, parameters, queryRunner);
  };
  return {
    async during(work) {
      seen = [];
      try {
        await work();
        return seen;
      } finally {
        seen = null;
      }
    },
    detach() {
      logger.logQuery = original;
    },
  };
}
