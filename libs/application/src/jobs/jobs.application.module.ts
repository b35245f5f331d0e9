import { DynamicModule, Module } from '@nestjs/common';
import { NoticesApplicationModule } from '../notices/notices.application.module';
import { ReconcileHandler } from './reconcile.handler';
import { RoundDeadlines } from './round-deadlines';
import { RoundJobsHandler } from './round-jobs.handler';
import { RoundReminders } from './round-reminders';

/**
 * The handlers of the jobs time brings: reminders, deadlines, outcomes, coming into force,
 * reconciliation. `queue` is the module that provides QueuedJobs: the worker's, bound to its queue.
 */
@Module({})
export class JobsApplicationModule {
  static forRoot(queue: DynamicModule): DynamicModule {
    return {
      module: JobsApplicationModule,
      imports: [NoticesApplicationModule, queue],
      providers: [RoundJobsHandler, RoundDeadlines, RoundReminders, ReconcileHandler],
      exports: [RoundJobsHandler, RoundDeadlines, RoundReminders, ReconcileHandler, NoticesApplicationModule],
    };
  }
}
