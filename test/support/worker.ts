import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Clock } from '@app/application';
import { createWorker } from '../../apps/worker/src/bootstrap';
import { testConfig } from './config';

/** A worker in the test's own process, on the given database and Redis, with the test's clock. */
export async function startTestWorker(env: Record<string, string>, clock?: Clock): Promise<INestApplicationContext> {
  return createWorker(testConfig(env), { clock });
}

/** The built worker as a process of its own, so that a test can kill -9 it. */
export function spawnWorker(env: Record<string, string>): ChildProcess & { stderrText(): string } {
  const child = spawn(process.execPath, [join(__dirname, '../../dist/apps/worker/main.js')], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Read what it says on stderr, so a full pipe never blocks it, and keep it for a failing test.
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-20_000)));
  return Object.assign(child, { stderrText: () => stderr });
}
