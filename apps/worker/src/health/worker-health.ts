import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { redisOptions } from '@app/jobs';
import { WorkerSettings } from '../worker.settings';

export type ServiceState = 'up' | 'down';

/** How the worker is: `degraded` while Redis or PostgreSQL does not answer. */
export interface WorkerHealthReport {
  status: 'up' | 'degraded';
  redis: ServiceState;
  database: ServiceState;
}

const CONSEQUENCE = {
  redis: 'Redis does not answer: no job runs, and new jobs wait in the outbox until it is back',
  database: 'PostgreSQL does not answer: jobs fail and are tried again, and the outbox is not relayed',
} as const;

/**
 * The worker's own health: it asks Redis and PostgreSQL every few seconds and says in the log,
 * once, when either stops answering (warn: "worker degraded") and when both answer again.
 */
@Injectable()
export class WorkerHealth implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealth.name);
  private readonly redis: Redis;
  private state: WorkerHealthReport = { status: 'up', redis: 'up', database: 'up' };
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly connecting: Promise<void>;

  constructor(
    config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly settings: WorkerSettings,
  ) {
    // Fails at once while Redis is away, instead of queueing the PING until it is back.
    this.redis = new Redis({ ...redisOptions(config.redisUrl, 'request'), lazyConnect: true, connectionName: 'vedtaksrunde-worker-health' });
    this.redis.on('error', () => undefined); // reported through the check
    this.connecting = this.redis.connect().catch(() => undefined);
  }

  onApplicationBootstrap(): void {
    // The first question waits for the first connection attempt: one still under way is no outage.
    void this.connecting.then(() => this.schedule(0));
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.redis.disconnect();
  }

  report(): WorkerHealthReport {
    return { ...this.state };
  }

  /** Asks both services now, and says so in the log if the answer changed. */
  async check(): Promise<WorkerHealthReport> {
    const [redis, database] = await Promise.all([
      this.redis.ping().then(
        () => null,
        (error: unknown) => error,
      ),
      this.dataSource.query('SELECT 1').then(
        () => null,
        (error: unknown) => error,
      ),
    ]);
    const next: WorkerHealthReport = {
      status: redis || database ? 'degraded' : 'up',
      redis: redis ? 'down' : 'up',
      database: database ? 'down' : 'up',
    };
    for (const [service, error] of [['redis', redis], ['database', database]] as const) {
      if (next[service] === this.state[service]) continue;
      if (error) this.logger.warn({ service, err: error }, `worker degraded: ${CONSEQUENCE[service]}`);
      else this.logger.log({ service }, `worker recovered: ${service === 'redis' ? 'Redis' : 'PostgreSQL'} answers again`);
    }
    this.state = next;
    return this.report();
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.check().finally(() => this.schedule(this.settings.healthCheckEveryMs));
    }, delay);
  }
}
