import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { QUEUE_NAME, redisOptions } from '@app/jobs';
import { WorkerSettings } from '../worker.settings';

/** The product's one queue, under the hash-tagged prefix so it runs on Redis Cluster too. */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  readonly queue: Queue;

  constructor(config: AppConfig, settings: WorkerSettings) {
    this.queue = new Queue(QUEUE_NAME, {
      connection: redisOptions(config.redisUrl, 'queue'),
      prefix: config.queuePrefix,
      defaultJobOptions: settings.defaultJobOptions,
    });
    this.queue.on('error', () => undefined); // the relay, the worker and WorkerHealth report outages themselves
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
