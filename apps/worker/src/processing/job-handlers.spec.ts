import { ReconcileHandler, RoundJobsHandler, SendMailHandler } from '@app/application';
import { JOB_NAMES } from '@app/jobs';
import { FailedJobs } from '../queue/failed-jobs';
import { JobHandlers, assertEveryJobHasOneHandler } from './job-handlers';

const CATALOGUE: string[] = Object.values(JOB_NAMES);

describe('assertEveryJobHasOneHandler', () => {
  it('lets a worker start that handles exactly the catalogue, in any order', () => {
    expect(() => assertEveryJobHasOneHandler(CATALOGUE)).not.toThrow();
    expect(() => assertEveryJobHasOneHandler([...CATALOGUE].reverse())).not.toThrow();
  });

  it('names a job of the catalogue that has no handler and says where to add one', () => {
    const withoutInForce = CATALOGUE.filter((name) => name !== JOB_NAMES.inForce);
    expect(() => assertEveryJobHasOneHandler(withoutInForce)).toThrow(
      'The worker cannot start: job "round.in-force" has no handler: add one to JobHandlers',
    );
  });

  it('names every missing job, not just the first', () => {
    let message = '';
    try {
      assertEveryJobHasOneHandler([JOB_NAMES.reminder]);
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of CATALOGUE.filter((n) => n !== JOB_NAMES.reminder)) expect(message).toContain(`job "${name}" has no handler`);
    expect(message).not.toContain('"round.reminder"');
  });

  it('refuses a handler for a name the catalogue does not know', () => {
    expect(() => assertEveryJobHasOneHandler([...CATALOGUE, 'round.typo'])).toThrow(
      'The worker cannot start: handler for "round.typo" matches no job of the catalogue (libs/jobs)',
    );
  });

  it('refuses a job with two handlers', () => {
    expect(() => assertEveryJobHasOneHandler([...CATALOGUE, JOB_NAMES.sendMail])).toThrow(
      'The worker cannot start: job "notice.send-mail" has more than one handler',
    );
  });

  it('reports every problem at once', () => {
    const handled = [...CATALOGUE.filter((name) => name !== JOB_NAMES.deadline), 'round.unknown', JOB_NAMES.settled];
    expect(() => assertEveryJobHasOneHandler(handled)).toThrow(
      'The worker cannot start: job "round.deadline" has no handler: add one to JobHandlers; ' +
        'handler for "round.unknown" matches no job of the catalogue (libs/jobs); ' +
        'job "round.settled" has more than one handler',
    );
  });

  it('refuses a worker with no handlers at all', () => {
    expect(() => assertEveryJobHasOneHandler([])).toThrow(/has no handler/);
  });
});

describe('JobHandlers', () => {
  // The handlers are only called when a job runs; building the table needs none of their dependencies.
  const handlers = () => new JobHandlers({} as RoundJobsHandler, {} as ReconcileHandler, {} as SendMailHandler, {} as FailedJobs);

  it('has one handler for each job of the catalogue, so the real worker passes its own check', () => {
    expect(Object.keys(handlers().byName).sort()).toEqual([...CATALOGUE].sort());
  });

  it('refuses to run a job it has no handler for, naming it', () => {
    expect(() => handlers().run('round.typo', {}, { isLast: false })).toThrow('No handler for job "round.typo"; add one to JobHandlers');
  });
});
