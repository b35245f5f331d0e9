import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/application';
import { OutboxEntity } from '@app/persistence';
import { JobQueue } from '../queue/job-queue';
import { WORKER_SETTINGS } from '../worker.settings';

/**
 * Moves outbox rows to BullMQ. Rows are claimed with SKIP LOCKED, so several workers share the
 * work; a row is marked relayed only in the transaction that saw Redis accept it, and job ids are
 * deterministic, so a row relayed twice still makes one job. While Redis is down, rows wait.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Relays what is pending now; returns how many rows it moved. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager
        .getRepository(OutboxEntity)
        .createQueryBuilder('o')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where('o.relayed_at IS NULL')
        .orderBy('o.id')
        .limit(WORKER_SETTINGS.relayBatchSize)
        .getMany();
      if (rows.length === 0) return 0;
      const now = this.clock.now();
      const adds = rows.filter((row) => row.operation === 'add');
      await withTimeout(
        this.jobs.queue.addBulk(
          adds.map((row) => ({
            name: row.jobName,
            data: row.payload,
            opts: { jobId: row.jobId, delay: Math.max(0, row.runAt.getTime() - now.getTime()) },
          })),
        ),
      );
      for (const row of rows.filter((r) => r.operation === 'remove')) {
        // A job that is running right now cannot be removed; its handler finds nothing to do.
        await withTimeout(this.jobs.queue.remove(row.jobId).catch(() => 0));
      }
      // System time: when the relay moved a row is the machine's bookkeeping, not a fact of any round.
      await manager.getRepository(OutboxEntity).update(rows.map((row) => row.id), { relayedAt: new Date() });
      return rows.length;
    });
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => (this.running = null));
    }, delay);
  }

  private async tick(): Promise<void> {
    let moved = 0;
    try {
      moved = await this.relayOnce();
      if (this.failing) this.logger.log('outbox relay is moving jobs again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn({ err: error }, 'outbox relay cannot reach Redis or PostgreSQL; rows wait in the outbox');
      this.failing = true;
    }
    // A full batch means more is waiting: go on at once.
    this.schedule(moved >= WORKER_SETTINGS.relayBatchSize ? 0 : WORKER_SETTINGS.relayIntervalMs);
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Redis did not answer in time')), WORKER_SETTINGS.relayRedisTimeoutMs);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}
