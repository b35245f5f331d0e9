import { DynamicModule, Module } from '@nestjs/common';
import { ApplicationModule, Clock, JobsApplicationModule, clockFor } from '@app/application';
import { AppConfig, ConfigModule } from '@app/config';
import { LoggingModule } from '@app/observability';
import { PersistenceModule } from '@app/persistence';
import { JobHandlers } from './processing/job-handlers';
import { JobWorker } from './processing/job-worker';
import { JobQueue } from './queue/job-queue';
import { OutboxRelay } from './relay/outbox-relay';

/** The worker: BullMQ processors and the outbox relay, beside the same database as the API. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig, overrides: { clock?: Clock } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot('worker'),
        PersistenceModule,
        ApplicationModule.forRoot({ clock: overrides.clock ?? clockFor(config.clockStart) }),
        JobsApplicationModule,
      ],
      providers: [JobQueue, JobHandlers, JobWorker, OutboxRelay],
      exports: [OutboxRelay, JobQueue],
    };
  }
}
