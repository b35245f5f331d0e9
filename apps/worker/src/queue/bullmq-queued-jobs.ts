import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { QueuedJobs } from '@app/application';
import { JobQueue } from './job-queue';

// Ids asked about in one round trip: two commands each, sent as one pipeline (one write, one trip).
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
      // The queue's connection is ioredis; BullMQ's own type declares only the pipeline commands it uses.
      const pipeline = (client as unknown as Redis).pipeline();
      for (const id of ids) pipeline.hexists(this.jobs.queue.toKey(id), 'timestamp').zscore(failed, id);
      const answers = (await pipeline.exec()) ?? [];
      ids.forEach((id, index) => {
        const [[heldError, held], [failedError, failure]] = [answers[2 * index] ?? [null, null], answers[2 * index + 1] ?? [null, null]];
        if (heldError || failedError) throw heldError ?? failedError;
        if (held === 0 || failure !== null) missing.push(id);
      });
    }
    return missing;
  }
}
