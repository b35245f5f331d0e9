import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '@app/config';
import { JOB_NAMES, QUEUE_NAME, RECONCILE_SCHEDULER_ID, redisOptions } from '@app/jobs';
import { JobQueue } from '../queue/job-queue';
import { WorkerSettings } from '../worker.settings';
import { JobHandlers } from './job-handlers';

/**
 * Runs the queue's jobs with their one handler each, and keeps the reconciliation scheduled.
 * On shutdown it stops taking jobs and waits for those it holds, then closes its connections.
 */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobWorker.name);
  private worker: Worker | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly handlers: JobHandlers,
    private readonly jobs: JobQueue,
    private readonly settings: WorkerSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = new Worker(QUEUE_NAME, (job) => this.process(job), {
      connection: redisOptions(this.config.redisUrl, 'queue'),
      prefix: this.config.queuePrefix,
      concurrency: this.config.workerConcurrency,
      lockDuration: this.settings.lockDurationMs,
      stalledInterval: this.settings.stalledIntervalMs,
      maxStalledCount: this.settings.maxStalledCount,
      autorun: true,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn({ job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error }, 'job failed'),
    );
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'worker connection problem'));
    // Scheduling is best effort at start-up: while Redis is down the relay and the next start catch up.
    void this.scheduleReconciliation().catch((error) => this.logger.warn({ err: error }, 'could not schedule the reconciliation yet'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  private async process(job: Job): Promise<string> {
    const result = await this.handlers.run(job.name, job.data, { isLast: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
    this.logger.log({ job: job.name, jobId: job.id, result }, 'job finished');
    return result;
  }

  private async scheduleReconciliation(): Promise<void> {
    await this.jobs.queue.upsertJobScheduler(
      RECONCILE_SCHEDULER_ID,
      { every: this.settings.reconcileEveryMs },
      { name: JOB_NAMES.reconcile, data: {}, opts: { attempts: 1 } },
    );
    // And once now: whatever was missed while no worker ran is put right at once.
    // System time: the suffix only keeps one start's job apart from the next; a clock standing still would not.
    await this.jobs.queue.add(JOB_NAMES.reconcile, {}, { jobId: `reconcile/start/${Date.now()}`, attempts: 1 });
  }
}
