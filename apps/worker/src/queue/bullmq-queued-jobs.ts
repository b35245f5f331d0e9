import { Injectable } from '@nestjs/common';
import { QueuedJobs } from '@app/application';
import { JobQueue } from './job-queue';

// Ids asked about in one round trip: two commands each, sent together on the one connection.
const IDS_PER_ROUND_TRIP = 2_000;

/**
 * QueuedJobs on BullMQ: a job exists while its hash `<prefix>:<queue>:<id>` does (waiting,
 * delayed, active, or completed and kept); BullMQ writes its `timestamp` when it adds the job.
 * One in the failed set counts as missing, for the relay replaces a failed job that is asked
 * for again (OutboxRelay.removeFailed).
 */
@Injectable()
export class BullMqQueuedJobs extends QueuedJobs {
  constructor(private readonly jobs: JobQueue) {
    super();
  }

  async missing(jobIds: readonly string[]): Promise<string[]> {
    const client = await this.jobs.queue.client;
    const failed = this.jobs.queue.toKey('failed');
    const missing: string[] = [];
    for (let start = 0; start < jobIds.length; start += IDS_PER_ROUND_TRIP) {
      const ids = jobIds.slice(start, start + IDS_PER_ROUND_TRIP);
      const [held, failures] = await Promise.all([
        Promise.all(ids.map((id) => client.hexists(this.jobs.queue.toKey(id), 'timestamp'))),
        Promise.all(ids.map((id) => client.zscore(failed, id))),
      ]);
      ids.forEach((id, index) => {
        if (held[index] === 0 || failures[index] !== null) missing.push(id);
      });
    }
    return missing;
  }
}
