import { Module } from '@nestjs/common';
import { NoticesApplicationModule } from '../notices/notices.application.module';
import { ReconcileHandler } from './reconcile.handler';
import { RoundJobsHandler } from './round-jobs.handler';

/** The handlers of the jobs time brings: reminders, deadlines, outcomes, coming into force, reconciliation. */
@Module({
  imports: [NoticesApplicationModule],
  providers: [RoundJobsHandler, ReconcileHandler],
  exports: [RoundJobsHandler, ReconcileHandler, NoticesApplicationModule],
})
export class JobsApplicationModule {}
