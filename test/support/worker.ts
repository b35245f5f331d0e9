import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Clock } from '@app/application';
import { createWorker } from '../../apps/worker/src/bootstrap';
import { WorkerSettings } from '../../apps/worker/src/worker.settings';
import { TEST_JWT_SECRET, testConfig } from './config';
import { freePort } from './redis-server';

/** A child process of a test, with the end of what it wrote kept for a failing test's message. */
export type SpawnedProcess = ChildProcess & {
  stderrText(): string;
  /** Its JSON log lines (stdout), parsed. */
  logLines(): Array<Record<string, unknown>>;
};

/** A worker in the test's own process, on the given database and Redis, with the test's clock and, if given, knobs of the queue turned down. */
export async function startTestWorker(env: Record<string, string>, clock?: Clock, settings?: Partial<WorkerSettings>): Promise<INestApplicationContext> {
  return createWorker(testConfig(env), { clock, settings });
}

function spawnBuilt(app: 'api' | 'worker', env: Record<string, string>): SpawnedProcess {
  const child = spawn(process.execPath, [join(__dirname, `../../dist/apps/${app}/main.js`)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Read what it says, so a full pipe never blocks it, and keep it for the test.
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-20_000)));
  child.stdout!.on('data', (chunk) => (stdout = (stdout + chunk).slice(-200_000)));
  return Object.assign(child, {
    stderrText: () => stderr,
    logLines: () =>
      stdout.split('\n').flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
  });
}

/**
 * The environment of a built api or worker on a test's database and the shared Redis, under a
 * queue prefix of its own, mailing through the given SMTP server, with its clock starting at `now`.
 */
export function spawnEnv(options: { databaseUrl: string; smtpUrl: string; now: string }, more: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: process.env.REDIS_URL!,
    QUEUE_PREFIX: `{vt-${randomBytes(4).toString('hex')}}`,
    SMTP_URL: options.smtpUrl,
    CLOCK_START: options.now,
    // A notice's e-mail goes at once, as in the test suites' own processes.
    MAIL_DIGEST_SECONDS: '0',
    ...more,
  };
}

/** The built worker as a process of its own, so that a test can kill -9 it. */
export function spawnWorker(env: Record<string, string>): SpawnedProcess {
  return spawnBuilt('worker', { PATH: process.env.PATH!, NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), LOG_LEVEL: 'warn', ...env });
}

/**
 * The built api as a process of its own on a free port (or the given one, to start it again where
 * its clients are); resolves once it is ready (/api/health/ready answers 200).
 */
export async function spawnApi(env: Record<string, string>, options: { port?: number } = {}): Promise<{ url: string; port: number; process: SpawnedProcess }> {
  const port = options.port ?? (await freePort());
  const child = spawnBuilt('api', { PATH: process.env.PATH!, NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'warn', PORT: String(port), ...env });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`the api exited: ${child.stderrText()}`);
    const ready = await fetch(`${url}/api/health/ready`).then((r) => r.status === 200, () => false);
    if (ready) return { url, port, process: child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the api did not become ready: ${child.stderrText()}`);
}
