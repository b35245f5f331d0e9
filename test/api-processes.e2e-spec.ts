import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signLocalToken } from '@app/identity';
import { TestDatabase, createTestDatabase } from './support/database';
import { waitFor } from './support/wait';
import { SpawnedProcess, spawnApi } from './support/worker';

const secret = randomBytes(48).toString('base64');

/** The pids of a process's children, from Linux's /proc. */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe('the api on several processes (API_PROCESSES)', () => {
  let database: TestDatabase;
  let primary: SpawnedProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    if (primary && primary.exitCode === null) primary.kill('SIGKILL');
    await database?.drop();
  });

  const env = (processes: string) => ({
    NODE_ENV: 'production',
    JWT_SECRET: secret,
    LOCAL_TOKENS: 'on',
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL!,
    QUEUE_PREFIX: `{procs-${randomBytes(4).toString('hex')}}`,
    API_PROCESSES: processes,
    LOG_LEVEL: 'info',
  });
  const listened = () => primary!.logLines().filter((line) => line.msg === 'An api process listens').length;

  it('serves from two processes on one port, replaces one that dies, and stops them all on SIGTERM', async () => {
    const api = await spawnApi(env('2'));
    primary = api.process;
    await waitFor('two api processes listening', async () => childrenOf(primary!.pid!).length === 2 && listened() === 2);
    const first = childrenOf(primary.pid!);

    // Every answer comes from a process that runs the whole api, over connections of its own.
    const token = await signLocalToken(secret, { sub: 'drift', name: 'Drift', roles: [{ role: 'admin' }] });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => fetch(`${api.url}/api/me`, { headers: { Authorization: `Bearer ${token}`, Connection: 'close' } })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(200));

    // One dies at work (a connection handed to it in that instant is lost): another takes its place.
    process.kill(first[0], 'SIGKILL');
    await waitFor('a process in place of the one that died', async () => {
      const now = childrenOf(primary!.pid!);
      return now.length === 2 && !now.includes(first[0]);
    });
    await waitFor('the new process to listen', async () => listened() === 3);
    const statuses = await Promise.all(Array.from({ length: 6 }, () => fetch(`${api.url}/api/health/ready`, { headers: { Connection: 'close' } }).then((answer) => answer.status)));
    expect(statuses).toEqual(Array(6).fill(200));

    const children = childrenOf(primary.pid!);
    const ended = new Promise<number | null>((resolve) => primary!.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    expect(await ended).toBe(0);
    expect(primary.logLines().filter((line) => (line.level as number) >= 50 && line.msg !== 'An api process ended; starting another')).toEqual([]);
    for (const pid of children) expect(() => process.kill(pid, 0)).toThrow();
  });

  it('refuses a count that is not auto or 1 to 64, naming API_PROCESSES', () => {
    const result = spawnSync(process.execPath, [join(__dirname, '../dist/apps/api/main.js')], {
      env: { PATH: process.env.PATH, ...env('0') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr.trim()).toBe('Configuration error: API_PROCESSES must be auto or a whole number between 1 and 64');
  });
});
