import cluster, { Worker } from 'node:cluster';
import pino from 'pino';
import { AppConfig } from '@app/config';

const RESTART_DELAY_MS = 1_000;

/**
 * The api on several processes (API_PROCESSES): this one, the primary, forks them; they share
 * PORT (node:cluster hands each new connection to one of them) and each runs the whole api. One
 * that dies at work is replaced; one that dies before it listens is failing to start (its
 * configuration, its database), and then all stop rather than start again and again. SIGTERM or
 * SIGINT is passed on to every one, and the primary ends when they have, with 0 when every one
 * ended cleanly.
 */
export function superviseApiProcesses(config: AppConfig): void {
  const logger = pino({ level: config.logLevel, base: { process: 'api-primary' } });
  const started = new Set<Worker>();
  const listening = new WeakSet<Worker>();
  let stopping = false;
  let failed = false;

  const fork = () => started.add(cluster.fork());
  cluster.on('listening', (worker) => {
    listening.add(worker);
    logger.info({ pid: worker.process.pid }, 'An api process listens');
  });
  cluster.on('exit', (worker, code, signal) => {
    started.delete(worker);
    if (stopping) {
      // One still starting when asked to stop has no handler for the signal yet, and ends by it.
      if (code !== 0 && signal !== 'SIGTERM') {
        failed = true;
        logger.error({ pid: worker.process.pid, code, signal }, 'An api process did not end cleanly');
      }
      if (started.size === 0) process.exit(failed ? 1 : 0);
      return;
    }
    if (!listening.has(worker)) {
      logger.fatal({ pid: worker.process.pid, code, signal }, 'An api process ended while starting; stopping the others');
      stop(1);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'An api process ended; starting another');
    setTimeout(() => !stopping && fork(), RESTART_DELAY_MS);
  });

  const stop = (exitCode: 0 | 1) => {
    if (exitCode) failed = true;
    if (stopping) return;
    stopping = true;
    if (started.size === 0) process.exit(failed ? 1 : 0);
    for (const worker of started) worker.process.kill('SIGTERM');
    // Each process finishes its requests within the grace period; past it, they all end anyway.
    setTimeout(() => {
      for (const worker of started) worker.process.kill('SIGKILL');
      process.exit(1);
    }, config.shutdownGraceMs + 2_000).unref();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop(0));

  logger.info({ processes: config.apiProcesses, port: config.port }, 'Starting the api processes');
  for (let i = 0; i < config.apiProcesses; i++) fork();
}

/** Whether this process is to supervise the api's processes rather than serve. */
export function isApiSupervisor(config: AppConfig): boolean {
  return config.apiProcesses > 1 && cluster.isPrimary;
}
