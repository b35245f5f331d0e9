import { DefaultJobOptions } from 'bullmq';
import { JOB_NAMES, JobName } from '@app/jobs';

/**
 * Every knob of the queue in one place: retries, what is kept, how long a job may hold its lock.
 * Also the worker's provider token, so that a test can turn the knobs down (WorkerModule.register).
 */
export abstract class WorkerSettings {
  abstract readonly defaultJobOptions: DefaultJobOptions;
  abstract readonly jobPriorities: Readonly<Partial<Record<JobName, number>>>;
  abstract readonly lockDurationMs: number;
  abstract readonly stalledIntervalMs: number;
  abstract readonly maxStalledCount: number;
  abstract readonly relayIntervalMs: number;
  abstract readonly relayGivingWayIntervalMs: number;
  abstract readonly relayBatchSize: number;
  abstract readonly relayRedisTimeoutMs: number;
  abstract readonly reconcileEveryMs: number;
  abstract readonly retryFailedForMs: number;
  abstract readonly healthCheckEveryMs: number;
}

export const WORKER_SETTINGS: WorkerSettings = {
  /**
   * A failed job is tried again with exponential backoff: 2 s, 4 s, 8 s … about 4 minutes in all.
   * When that is not enough (a service down for longer), the reconciliation gives it its attempts again.
   */
  defaultJobOptions: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 2_000 },
    // Finished jobs go after a week or past 10 000; their ids keep a re-add from running twice meanwhile.
    removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
    // Failed jobs are evidence: kept for a month for the operator (bull-board at /admin/queues).
    removeOnFail: { age: 30 * 24 * 3600 },
  },
  /**
   * Jobs that give way: BullMQ takes a job with a priority only when none without one is waiting.
   * E-mails wait while reminders, deadlines and outcomes are due, so a burst of mail (a deadline's
   * hundred thousand notices) never makes the next reminder late; the mail server is the slow part anyway.
   */
  jobPriorities: { [JOB_NAMES.sendMail]: 10 },
  /**
   * A job whose worker died (kill -9, a lost machine) holds its lock until this runs out; the lock
   * of a running job is renewed at half of it. With the stalled-job check below, another worker
   * takes such a job up within 40 seconds.
   */
  lockDurationMs: 20_000,
  /** How often a worker looks for jobs whose lock ran out. */
  stalledIntervalMs: 10_000,
  /** A job whose worker died is taken up again this many times before it fails (and waits for the reconciliation). */
  maxStalledCount: 3,
  /** How often the relay looks for new outbox rows, and how many it moves at a time. */
  relayIntervalMs: 200,
  relayBatchSize: 500,
  /**
   * A batch of rows of jobs that give way (e-mail) is followed by this pause: five hundred mails a
   * second is more than a mail server takes, a backlog waits in PostgreSQL rather than in Redis's
   * memory, and a deadline's hundred thousand notices leave the machine to the work of the minute.
   */
  relayGivingWayIntervalMs: 1_000,
  /** A Redis call of the relay that takes longer than this is given up and tried again later. */
  relayRedisTimeoutMs: 5_000,
  /** The reconciliation runs this often (a BullMQ job scheduler) and once at start-up. */
  reconcileEveryMs: 5 * 60_000,
  /** A failed job is given its attempts again at each reconciliation for this long after it was added: a week. */
  retryFailedForMs: 7 * 24 * 3600_000,
  /** How often the worker checks that Redis and PostgreSQL answer, to say when it is degraded. */
  healthCheckEveryMs: 2_000,
};
