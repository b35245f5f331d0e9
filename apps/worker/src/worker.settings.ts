import { DefaultJobOptions } from 'bullmq';

/** Every knob of the queue in one place: retries, what is kept, how long a job may hold its lock. */
export const WORKER_SETTINGS = {
  /** A failed job is tried again with exponential backoff: 2 s, 4 s, 8 s … about 8 minutes in all. */
  defaultJobOptions: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 2_000 },
    // Finished jobs go after a week or past 10 000; their ids keep a re-add from running twice meanwhile.
    removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
    // Failed jobs are evidence: kept for a month for the operator (bull-board at /admin/queues).
    removeOnFail: { age: 30 * 24 * 3600 },
  } satisfies DefaultJobOptions,
  /** A job that runs longer than this without renewing its lock is taken to have crashed. */
  lockDurationMs: 30_000,
  /** A job whose worker died is retried this many times before it fails for good. */
  maxStalledCount: 3,
  /** How often the relay looks for new outbox rows, and how many it moves at a time. */
  relayIntervalMs: 200,
  relayBatchSize: 500,
  /** A Redis call of the relay that takes longer than this is given up and tried again later. */
  relayRedisTimeoutMs: 5_000,
  /** The reconciliation runs this often (a BullMQ job scheduler) and once at start-up. */
  reconcileEveryMs: 5 * 60_000,
} as const;
