import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/application';
import { OutboxEntity } from '@app/persistence';
import { JobQueue } from '../queue/job-queue';
import { WorkerSettings } from '../worker.settings';

/**
 * Moves outbox rows to BullMQ. Rows are claimed with SKIP LOCKED, so several workers share the
 * work; a row is marked relayed only in the transaction that saw Redis accept it, and job ids are
 * deterministic, so a row relayed twice still makes one job. While Redis is down, rows wait.
 * A job that failed for good is kept (as evidence) under its id, where BullMQ would ignore a new
 * add: a row asking for it again (the reconciliation's) replaces it with a fresh one.
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
    private readonly settings: WorkerSettings,
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
        .limit(this.settings.relayBatchSize)
        .getMany();
      if (rows.length === 0) return 0;
      const now = this.clock.now();
      const adds = rows.filter((row) => row.operation === 'add');
      await this.withTimeout(this.removeFailed(adds.map((row) => row.jobId)));
      await this.withTimeout(
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
        await this.withTimeout(this.jobs.queue.remove(row.jobId).catch(() => 0));
      }
      // System time: when the relay moved a row is the machine's bookkeeping, not a fact of any round.
      await manager.getRepository(OutboxEntity).update(rows.map((row) => row.id), { relayedAt: new Date() });
      return rows.length;
    });
  }

  /** Removes those of the jobs that sit in the failed set, so that adding them again adds them. */
  private async removeFailed(jobIds: readonly string[]): Promise<void> {
    if (jobIds.length === 0) return;
    const client = await this.jobs.queue.client;
    const failed = this.jobs.queue.toKey('failed');
    // Sent together on the one connection: a round trip for the batch, not one per job.
    const scores = await Promise.all(jobIds.map((jobId) => client.zscore(failed, jobId)));
    const inFailedSet = jobIds.filter((_jobId, index) => scores[index] !== null);
    for (const jobId of new Set(inFailedSet)) await this.jobs.queue.remove(jobId);
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
    this.schedule(moved >= this.settings.relayBatchSize ? 0 : this.settings.relayIntervalMs);
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Redis did not answer in time')), this.settings.relayRedisTimeoutMs);
      promise.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error) => (clearTimeout(timer), reject(error)),
      );
    });
  }
}
