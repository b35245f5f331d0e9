import { Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { JOB_NAMES } from '@app/jobs';
import { WorkerSettings } from '../worker.settings';
import { JobQueue } from './job-queue';

const PAGE = 500;

/**
 * Failed jobs are not the end of them. A job fails when its attempts ran out while a service it
 * needs was down for longer than its backoff lasts (PostgreSQL, the mail server), or when its
 * worker died under it too often; each reconciliation gives such a job its attempts again, for a
 * week after it was added. A job refused for good (UnrecoverableError: the mail server said the
 * address does not exist) stays failed, as evidence for the operator. Handlers reload the state
 * and notices are recorded under unique keys, so a job run again tells nobody twice.
 */
@Injectable()
export class FailedJobs {
  private readonly logger = new Logger(FailedJobs.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly settings: WorkerSettings,
  ) {}

  /** Moves the failed jobs worth another try back to the queue; returns how many. */
  async retry(): Promise<number> {
    // System time: the queue stamps its jobs with the machine's clock, not the product's.
    const since = Date.now() - this.settings.retryFailedForMs;
    let retried = 0;
    let kept = 0;
    // Newest failure first; a retried job leaves the failed set, a kept one stays at the front.
    for (;;) {
      const page = await this.jobs.queue.getFailed(kept, kept + PAGE - 1);
      for (const job of page) {
        // Sorted by when they failed: from here on every job was added before `since` too.
        if ((job.finishedOn ?? 0) < since) return this.report(retried);
        if (!worthRetrying(job, since)) {
          kept++;
          continue;
        }
        try {
          await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
          retried++;
        } catch {
          // It moved on meanwhile (retried from the board, removed): nothing to do.
          kept++;
        }
      }
      if (page.length < PAGE) return this.report(retried);
    }
  }

  private report(retried: number): number {
    if (retried > 0) this.logger.log({ retried }, 'failed jobs given their attempts again');
    return retried;
  }
}

function worthRetrying(job: Job, since: number): boolean {
  // The reconciliation's own run is not retried: the next one comes anyway.
  if (job.name === JOB_NAMES.reconcile || job.timestamp < since) return false;
  return !refusedForGood(job);
}

/** Whether the job's last failure was an UnrecoverableError: the handler said trying again cannot help. */
function refusedForGood(job: Job): boolean {
  return job.stacktrace?.at(-1)?.startsWith('UnrecoverableError') ?? false;
}
