import { DynamicModule, Module } from '@nestjs/common';
import { QueuedJobs } from '@app/application';
import { WorkerSettings } from '../worker.settings';
import { BullMqQueuedJobs } from './bullmq-queued-jobs';
import { FailedJobs } from './failed-jobs';
import { JobQueue } from './job-queue';

/** The worker's queue with its settings, and what the jobs' handlers ask of it (QueuedJobs). */
@Module({})
export class QueueModule {
  static register(settings: WorkerSettings): DynamicModule {
    return {
      module: QueueModule,
      providers: [{ provide: WorkerSettings, useValue: settings }, JobQueue, FailedJobs, { provide: QueuedJobs, useClass: BullMqQueuedJobs }],
      exports: [WorkerSettings, JobQueue, FailedJobs, QueuedJobs],
    };
  }
}
