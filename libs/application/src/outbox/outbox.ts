import { EntityManager } from 'typeorm';
import { JobName, JobPayloads } from '@app/jobs';
import { OutboxEntity } from '@app/persistence';

/** A job to add: its name, payload and deterministic id, and when it should run. */
export interface OutboxJob<N extends JobName = JobName> {
  name: N;
  payload: JobPayloads[N];
  jobId: string;
  runAt: Date;
}

/**
 * Writes jobs to the outbox inside the caller's transaction: they exist exactly when the change
 * that causes them is committed, and reach Redis when the relay can reach it.
 */
export async function enqueueJobs(manager: EntityManager, jobs: readonly OutboxJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await manager.getRepository(OutboxEntity).insert(
    jobs.map((job) => ({ operation: 'add' as const, jobName: job.name, jobId: job.jobId, payload: job.payload as Record<string, string>, runAt: job.runAt })),
  );
}

/** Asks the relay to remove jobs that are no longer wanted (their handlers would skip them anyway). */
export async function cancelJobs(manager: EntityManager, jobIds: readonly string[], now: Date): Promise<void> {
  if (jobIds.length === 0) return;
  await manager
    .getRepository(OutboxEntity)
    .insert(jobIds.map((jobId) => ({ operation: 'remove' as const, jobName: 'remove', jobId, payload: {}, runAt: now })));
}
