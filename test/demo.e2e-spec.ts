import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { TestDatabase, createTestDatabase } from './support/database';
import { freePort } from './support/redis-server';

const root = join(__dirname, '..');

// `npm run demo` as a newcomer runs it, on ports and with a secret of the test's choosing.
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

  it('starts the identity provider and the api, prints one address and whom to sign in as (no token), and stops what it started on Ctrl-C', async () => {
    const port = await freePort();
    const idpPort = await freePort();
    const state = join(mkdtempSync(join(tmpdir(), 'vedtak-demo-')), 'services');
    demo = spawn('npm', ['run', 'demo'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        IDP_PORT: String(idpPort),
        JWT_SECRET: secret,
        DATABASE_URL: database.url,
        SERVICES_STATE_FILE: state,
        // Queues and rate-limit budgets of its own: suites running beside it count requests from this address too.
        QUEUE_PREFIX: `{vedtak-demo-${process.pid}}`,
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    demo.stdout!.on('data', (chunk) => (output += chunk));
    demo.stderr!.on('data', (chunk) => (output += chunk));

    const deadline = Date.now() + 180_000;
    while (!output.includes('Press Ctrl-C to stop.')) {
      if (demo.exitCode !== null) throw new Error(`demo exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`demo did not get ready:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    const greeting = output.slice(output.indexOf('Vedtaksrunde is running.'));
    expect(greeting.match(/https?:\/\/\S+/g)).toEqual([`http://localhost:${port}/`]);
    for (const person of ['Lars Leder', 'Utvalgssekretær Melhus', 'Siri Sekretariat']) expect(greeting).toContain(person);
    expect(greeting).toContain('.data/demo-tokens.json');
    expect(greeting).toMatch(/Ny medlemsavgift fra \d{4}: NOK 10 000 000 — 5 of 8 adopted/);
    expect(greeting).toMatch(/Budsjett \d{4}: NOK 100 000 — 2 of 8 adopted/);
    expect(output).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);

    // The identity provider answers, and the api sends the web app to it.
    const issuer = `http://localhost:${idpPort}`;
    const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({ issuer, jwks_uri: `${issuer}/jwks`, code_challenge_methods_supported: ['S256'] });
    const signIn = await (await fetch(`http://127.0.0.1:${port}/api/auth/config`)).json();
    expect(signIn).toEqual({ issuer, clientId: 'vedtaksrunde-web', scope: 'openid profile email' });

    // The raw tokens are in the file, one per person of the people file, and the api takes them.
    const tokens: Array<{ sub: string; token: string }> = JSON.parse(readFileSync(join(root, '.data/demo-tokens.json'), 'utf8'));
    const people: Array<{ sub: string }> = JSON.parse(readFileSync(join(root, '.data/demo-people.json'), 'utf8'));
    expect(tokens.map((token) => token.sub)).toEqual(people.map((person) => person.sub));
    const roles = await Promise.all(
      tokens.map(async ({ token }) => (await jwtVerify(token, new TextEncoder().encode(secret))).payload.roles as Array<{ role: string }>),
    );
    expect(new Set(roles.flat().map((grant) => grant.role))).toEqual(new Set(['admin', 'secretariat', 'leader', 'clerk']));
    const leader = tokens.find((token) => token.sub === 'leder.trondheimsregionen')!.token;
    const councils = await fetch(`http://127.0.0.1:${port}/api/councils`, { headers: { authorization: `Bearer ${leader}` } });
    expect(((await councils.json()) as Array<{ slug: string }>).map((council) => council.slug).sort()).toEqual(['trondheimsalliansen', 'trondheimsregionen']);

    const exited = new Promise<void>((resolve) => demo!.once('exit', () => resolve()));
    process.kill(-demo.pid!, 'SIGINT');
    await exited;
    // The api, the worker and the identity provider went with it: nothing answers on their ports any more.
    const answers = (url: string) => fetch(url).then(() => true, () => false);
    for (let i = 0; i < 40 && ((await answers(`http://127.0.0.1:${port}/api/health`)) || (await answers(`http://127.0.0.1:${idpPort}/jwks`))); i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${idpPort}/jwks`)).rejects.toThrow();
    expect(output).toContain('[demo] stopping the api, the worker and the identity provider');
  });
});
