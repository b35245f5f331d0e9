import { Injectable } from '@nestjs/common';
import { ReconcileHandler, RoundJobsHandler, SendMailHandler } from '@app/application';
import { JOB_NAMES, JobName, JobPayloads, JobResult } from '@app/jobs';
import { FailedJobs } from '../queue/failed-jobs';

/** Which attempt a run is, for handlers whose failure on the last one is final. */
export interface JobAttempt {
  isLast: boolean;
}

type Handlers = { [N in JobName]: (payload: JobPayloads[N], attempt: JobAttempt) => Promise<JobResult> };

/** Which handler runs each job of the catalogue: exactly one each, checked at start-up. */
@Injectable()
export class JobHandlers {
  readonly byName: Handlers;

  constructor(roundJobs: RoundJobsHandler, reconcile: ReconcileHandler, sendMail: SendMailHandler, failedJobs: FailedJobs) {
    this.byName = {
      [JOB_NAMES.reminder]: (payload) => roundJobs.reminder(payload),
      [JOB_NAMES.deadline]: (payload) => roundJobs.deadline(payload),
      [JOB_NAMES.settled]: (payload) => roundJobs.settled(payload),
      [JOB_NAMES.inForce]: (payload) => roundJobs.inForce(payload),
      [JOB_NAMES.meetingPlanned]: (payload) => roundJobs.meetingPlanned(payload),
      [JOB_NAMES.sendMail]: (payload, attempt) => sendMail.execute(payload, attempt),
      // What PostgreSQL says should exist is rebuilt, and what failed while a service was down is tried again.
      [JOB_NAMES.reconcile]: async () => {
        await reconcile.execute();
        await failedJobs.retry();
        return 'done';
      },
    };
    assertEveryJobHasOneHandler(Object.keys(this.byName));
  }

  run(name: string, payload: unknown, attempt: JobAttempt): Promise<JobResult> {
    const handler = (this.byName as Record<string, (payload: unknown, attempt: JobAttempt) => Promise<JobResult>>)[name];
    if (!handler) throw new Error(`No handler for job "${name}"; add one to JobHandlers`);
    return handler(payload, attempt);
  }
}

/** Refuses to start a worker that would leave a job of the catalogue without a handler, or know a job the catalogue does not. */
export function assertEveryJobHasOneHandler(handled: readonly string[]): void {
  const catalogue = Object.values(JOB_NAMES) as string[];
  const missing = catalogue.filter((name) => !handled.includes(name));
  const unknown = handled.filter((name) => !catalogue.includes(name));
  const twice = handled.filter((name, index) => handled.indexOf(name) !== index);
  const problems = [
    ...missing.map((name) => `job "${name}" has no handler: add one to JobHandlers`),
    ...unknown.map((name) => `handler for "${name}" matches no job of the catalogue (libs/jobs)`),
    ...twice.map((name) => `job "${name}" has more than one handler`),
  ];
  if (problems.length > 0) throw new Error(`The worker cannot start: ${problems.join('; ')}`);
}
