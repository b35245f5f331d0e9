import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { Clock } from '@app/application';
import { AppConfig } from '@app/config';
import { WorkerModule } from './worker.module';

/** Builds the worker exactly as production runs it; main.ts and the tests both call this. */
export async function createWorker(config: AppConfig, overrides: { clock?: Clock } = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config, overrides), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  return app;
}
