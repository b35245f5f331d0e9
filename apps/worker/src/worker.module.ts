import { DynamicModule, Module } from '@nestjs/common';
import { ApplicationModule, Clock, JobsApplicationModule, clockFor } from '@app/application';
import { AppConfig, ConfigModule } from '@app/config';
import { LoggingModule } from '@app/observability';
import { PersistenceModule } from '@app/persistence';
import { WorkerHealth } from './health/worker-health';
import { JobHandlers } from './processing/job-handlers';
import { JobWorker } from './processing/job-worker';
import { QueueModule } from './queue/queue.module';
import { OutboxRelay } from './relay/outbox-relay';
import { WORKER_SETTINGS, WorkerSettings } from './worker.settings';

/** What a test may swap when it builds the worker: the clock, and knobs of the queue turned down. */
export interface WorkerOverrides {
  clock?: Clock;
  settings?: Partial<WorkerSettings>;
}

/** The worker: BullMQ processors and the outbox relay, beside the same database as the API. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig, overrides: WorkerOverrides = {}): DynamicModule {
    const queue = QueueModule.register({ ...WORKER_SETTINGS, ...overrides.settings });
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot('worker'),
        PersistenceModule,
        ApplicationModule.forRoot({ clock: overrides.clock ?? clockFor(config.clockStart) }),
        queue,
        JobsApplicationModule.forRoot(queue),
      ],
      providers: [JobHandlers, JobWorker, OutboxRelay, WorkerHealth],
      exports: [OutboxRelay, queue, WorkerHealth],
    };
  }
}
