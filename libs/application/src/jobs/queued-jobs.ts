/**
 * What the queue holds, as the reconciliation asks it: which of the jobs PostgreSQL says should
 * exist the queue lacks. Bound in the worker to BullMQ. The answer only spares writing what
 * exists: a job asked for twice is still one job, for its id is deterministic.
 */
export abstract class QueuedJobs {
  /**
   * The ids, of those given, that the queue has no job for, or only one that failed (asking for
   * a failed job again replaces it with a fresh one). In the order given.
   */
  abstract missing(jobIds: readonly string[]): Promise<string[]>;
}
