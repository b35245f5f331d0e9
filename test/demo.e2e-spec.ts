import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { TestDatabase, createTestDatabase } from './support/database';
import { freePort } from './support/redis-server';

// `npm run demo` as a newcomer runs it, on a port and with a secret of the test's choosing.
describe('npm run demo', () => {
  let database: TestDatabase;
  let demo: ChildProcess | null = null;
  const secret = 'demo-test-secret-0123456789abcdefghijkl';

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    try {
      if (demo?.pid) process.kill(-demo.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await database?.drop();
  });

  it('reaches a healthy /api/health, prints a token per role, and stops what it started on Ctrl-C', async () => {
    const port = await freePort();
    const state = join(mkdtempSync(join(tmpdir(), 'vedtak-demo-')), 'services');
    demo = spawn('npm', ['run', 'demo'], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, PORT: String(port), JWT_SECRET: secret, DATABASE_URL: database.url, SERVICES_STATE_FILE: state },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    demo.stdout!.on('data', (chunk) => (output += chunk));
    demo.stderr!.on('data', (chunk) => (output += chunk));

    const deadline = Date.now() + 120_000;
    while (!output.includes('Press Ctrl-C to stop.')) {
      if (demo.exitCode !== null) throw new Error(`demo exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`demo did not get ready:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(output).toContain(`http://localhost:${port}/api/docs`);
    const tokens = output.match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g) ?? [];
    expect(tokens).toHaveLength(11);
    const roles = await Promise.all(
      tokens.map(async (token) => (await jwtVerify(token, new TextEncoder().encode(secret))).payload.roles as Array<{ role: string }>),
    );
    expect(new Set(roles.flat().map((grant) => grant.role))).toEqual(new Set(['admin', 'secretariat', 'leader', 'clerk']));

    const exited = new Promise<void>((resolve) => demo!.once('exit', () => resolve()));
    process.kill(-demo.pid!, 'SIGINT');
    await exited;
    // The api and the worker went with it: nothing answers on the port any more.
    for (let i = 0; i < 40 && (await fetch(`http://127.0.0.1:${port}/api/health`).then(() => true, () => false)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    expect(output).toContain('[demo] stopping api and worker');
  });
});
