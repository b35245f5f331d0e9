import { EntityManager } from 'typeorm';
import { OutboxJob } from '../outbox/outbox';

// One array per column: a statement's parameters stay five however many rows it writes.
const ROWS_PER_INSERT = 10_000;

/**
 * Writes jobs to the outbox like enqueueJobs, for many at once (the reconciliation after Redis
 * lost its data asks for tens of thousands); returns how many rows it wrote.
 */
export async function enqueueMany(manager: EntityManager, jobs: readonly OutboxJob[]): Promise<number> {
  for (let start = 0; start < jobs.length; start += ROWS_PER_INSERT) {
    const chunk = jobs.slice(start, start + ROWS_PER_INSERT);
    await manager.query(
      `INSERT INTO outbox (operation, job_name, job_id, payload, run_at)
       SELECT 'add', name, job_id, payload::jsonb, run_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS t(name, job_id, payload, run_at)`,
      [chunk.map((job) => job.name), chunk.map((job) => job.jobId), chunk.map((job) => JSON.stringify(job.payload)), chunk.map((job) => job.runAt.toISOString())],
    );
  }
  return jobs.length;
}
