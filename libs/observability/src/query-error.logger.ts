import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { loggableError } from './loggable-error';

/**
 * TypeORM's logger for the product: a failed query is logged as its error (name, message, code,
 * stack) through the product's structured logs, never with the SQL text and its parameters (the
 * names, e-mail addresses and notes of the row), which TypeORM's console logger prints. Queries
 * that succeed are not logged; migrations and warnings are.
 *
 * Wired in the data source options as `logger: new QueryErrorLogger()`.
 */
export class QueryErrorLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, _query?: string, _parameters?: unknown[]): void {
    this.logger.error({ err: loggableError(typeof error === 'string' ? new Error(error) : error) }, 'query failed');
  }

  logQuerySlow(time: number): void {
    this.logger.warn({ durationMs: time }, 'slow query');
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
