import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Clock } from '@app/application';
import { createWorker } from '../../apps/worker/src/bootstrap';
import { TEST_JWT_SECRET, testConfig } from './config';
import { freePort } from './redis-server';

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

/** The built api as a process of its own on a free port; resolves once /api/health answers 200. */
export async function spawnApi(env: Record<string, string>): Promise<{ url: string; process: ChildProcess & { stderrText(): string } }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, '../../dist/apps/api/main.js')], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`the api exited: ${stderr}`);
    const healthy = await fetch(`${url}/api/health`).then((r) => r.status === 200, () => false);
    if (healthy) return { url, process: Object.assign(child, { stderrText: () => stderr }) };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the api did not become healthy: ${stderr}`);
}
