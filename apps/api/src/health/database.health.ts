import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Pool } from 'pg';
import { AppConfig } from '@app/config';

/**
 * PostgreSQL is up when it answers SELECT 1 within 1.5 s, on a connection of the check's own:
 * requests queueing for the pool under load are no reason to take the api out of the load balancer.
 */
@Injectable()
export class DatabaseHealthIndicator implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(
    config: AppConfig,
    private readonly indicators: HealthIndicatorService,
  ) {
    this.pool = new Pool({
      connectionString: config.databaseUrl,
      application_name: 'vedtaksrunde-health',
      max: 1,
      connectionTimeoutMillis: 1_500,
      query_timeout: 1_500,
      idleTimeoutMillis: 60_000,
    });
    this.pool.on('error', () => undefined); // a connection lost while idle is reported through the next check
  }

  async isHealthy(key: string) {
    const indicator = this.indicators.check(key);
    try {
      await this.pool.query('SELECT 1');
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
