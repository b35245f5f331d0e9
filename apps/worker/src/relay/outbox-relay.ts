import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/application';
import { JobName } from '@app/jobs';
import { JobQueue } from '../queue/job-queue';
import { WorkerSettings } from '../worker.settings';

/** An outbox row waiting to be relayed, as it is read. */
interface PendingRow {
  id: string;
  operation: 'add' | 'remove';
  job_name: string;
  job_id: string;
  payload: Record<string, string>;
  run_at: Date;
}

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

  /** Relays what is pending now; returns how many rows it moved, and whether they were all of jobs that give way. */
  async relayOnce(): Promise<{ moved: number; givingWay: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      // Plain rows, no entities: a burst of a hundred thousand e-mails goes through here.
      const rows: PendingRow[] = await manager.query(
        `SELECT id, operation, job_name, job_id, payload, run_at
           FROM outbox
          WHERE relayed_at IS NULL
          ORDER BY id
          LIMIT $1
            FOR UPDATE SKIP LOCKED`,
        [this.settings.relayBatchSize],
      );
      if (rows.length === 0) return { moved: 0, givingWay: false };
      const now = this.clock.now();
      const adds = rows.filter((row) => row.operation === 'add');
      await this.withTimeout(this.removeFailed(adds.map((row) => row.job_id)));
      await this.withTimeout(
        this.jobs.queue.addBulk(
          adds.map((row) => ({
            name: row.job_name,
            data: row.payload,
            opts: {
              jobId: row.job_id,
              delay: Math.max(0, row.run_at.getTime() - now.getTime()),
              priority: this.settings.jobPriorities[row.job_name as JobName],
            },
          })),
        ),
      );
      // Sent together on the one connection. A job that is running right now cannot be removed; its handler finds nothing to do.
      const removals = rows.filter((row) => row.operation === 'remove').map((row) => this.jobs.queue.remove(row.job_id).catch(() => 0));
      await this.withTimeout(Promise.all(removals));
      // System time: when the relay moved a row is the machine's bookkeeping, not a fact of any round.
      await manager.query(`UPDATE outbox SET relayed_at = $2 WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id), new Date()]);
      return { moved: rows.length, givingWay: rows.every((row) => this.settings.jobPriorities[row.job_name as JobName] !== undefined) };
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
    let next = this.settings.relayIntervalMs;
    try {
      const { moved, givingWay } = await this.relayOnce();
      // A full batch means more is waiting: go on at once, unless it was all of jobs that give way.
      if (moved >= this.settings.relayBatchSize) next = givingWay ? this.settings.relayGivingWayIntervalMs : 0;
      if (this.failing) this.logger.log('outbox relay is moving jobs again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn({ err: error }, 'outbox relay cannot reach Redis or PostgreSQL; rows wait in the outbox');
      this.failing = true;
    }
    this.schedule(next);
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
