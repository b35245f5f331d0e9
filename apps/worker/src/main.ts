import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { Mailer } from '@app/application';
import { loadConfigOrExit } from '@app/config';
import { createWorker } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const app = await createWorker(config);
  // On SIGTERM/SIGINT the worker stops taking jobs and finishes those it holds before the
  // connections close; past the grace period the process ends anyway.
  // Exit with 0 once the hooks are done, rather than by raising the signal again (an orchestrator
  // reads 143 as a failure, and buffered logs would be lost).
  app.enableShutdownHooks(undefined, { useProcessExit: true });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), config.shutdownGraceMs).unref());
  }
  const logger = app.get(Logger);
  logger.log(app.get(Mailer).describe(), 'Worker');
  logger.log('worker ready', 'Worker');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
