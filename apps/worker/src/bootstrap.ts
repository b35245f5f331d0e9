import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { WorkerModule, WorkerOverrides } from './worker.module';

/** Builds the worker exactly as production runs it; main.ts and the tests both call this. */
export async function createWorker(config: AppConfig, overrides: WorkerOverrides = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config, overrides), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  return app;
}
