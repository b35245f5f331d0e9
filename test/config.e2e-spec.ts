import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import { signLocalToken } from '@app/identity';
import { TestDatabase, createTestDatabase } from './support/database';
import { FakeIdentityProvider, startFakeIdentityProvider } from './support/tokens';
import { waitFor } from './support/wait';
import { spawnApi } from './support/worker';

// The built processes, as production starts them: a bad value stops them before anything boots.
const root = join(__dirname, '..');
const strongSecret = randomBytes(48).toString('base64');
const base = {
  PATH: process.env.PATH,
  DATABASE_URL: 'postgres://vedtak:vedtak@127.0.0.1:5432/vedtak',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: strongSecret,
};
const production = { ...base, NODE_ENV: 'production', LOCAL_TOKENS: 'on' };

function start(app: 'api' | 'worker', env: Record<string, string | undefined>) {
  return spawnSync(process.execPath, [join(root, `dist/apps/${app}/main.js`)], { env, encoding: 'utf8', timeout: 30_000 });
}

describe.each(['api', 'worker'] as const)('start-up of the %s with a bad configuration', (app) => {
  it('stops at a malformed DATABASE_URL with one line naming it', () => {
    const result = start(app, { ...base, DATABASE_URL: 'localhost/vedtak' });
    expect(result.status).toBe(78);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Configuration error: DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database',
    ]);
  });

  it('stops when JWT_SECRET is missing, naming it', () => {
    const result = start(app, { ...base, JWT_SECRET: undefined });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/^Configuration error: JWT_SECRET .*\(it is not set\)$/m);
  });

  it.each([
    ['the compose file’s old default', 'change-me-to-a-random-string-of-32-characters', /^Configuration error: JWT_SECRET is a value published with the product/],
    ['one character forty times', 'x'.repeat(40), /^Configuration error: JWT_SECRET is too easy to guess: it must carry at least 128 bits/],
  ])('stops in production at %s as JWT_SECRET, saying how to make one', (_case, secret, message) => {
    const result = start(app, { ...production, JWT_SECRET: secret });
    expect(result.status).toBe(78);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([expect.stringMatching(message)]);
    expect(lines[0]).toContain('openssl rand -base64 48');
    expect(result.stderr).not.toContain(secret);
  });
});

// The api and the worker read the environment through the same code; these once, for the api.
describe('start-up of the api', () => {
  it('stops in production when nobody could sign in: no identity provider and LOCAL_TOKENS not on', () => {
    const result = start('api', { ...production, LOCAL_TOKENS: undefined });
    expect(result.status).toBe(78);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Configuration error: Nobody could sign in: production accepts tokens from the OIDC identity provider only/)]);
  });

  it('only warns about a published JWT_SECRET in development', () => {
    // The malformed DATABASE_URL ends the run after validation: the secret itself stopped nothing.
    const result = start('api', { ...base, JWT_SECRET: 'local-demo-secret-change-me-0123456789abcdef', DATABASE_URL: 'localhost/vedtak' });
    expect(result.status).toBe(78);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Configuration warning: JWT_SECRET is a value published with the product.*\(refused in production\)$/),
      expect.stringMatching(/^Configuration error: DATABASE_URL must be a PostgreSQL URL/),
    ]);
  });
});

describe('start-up in production with a random JWT_SECRET', () => {
  let database: TestDatabase;
  let idp: FakeIdentityProvider;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    idp = await startFakeIdentityProvider();
  });

  afterAll(async () => {
    await Promise.all(running.map(stop));
    await idp?.close();
    await database?.drop();
  });

  const env = (extra: Record<string, string> = {}) => ({
    NODE_ENV: 'production',
    JWT_SECRET: strongSecret,
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? base.REDIS_URL,
    QUEUE_PREFIX: `{config-${randomBytes(4).toString('hex')}}`,
    ...extra,
  });
  const admin = () => signLocalToken(strongSecret, { sub: 'drift', name: 'Drift', roles: [{ role: 'admin' }] });

  it('serves with OIDC, and refuses the HS256 tokens JWT_SECRET signs (LOCAL_TOKENS is off by default)', async () => {
    const api = await spawnApi(env({ OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: idp.audience, OIDC_JWKS_URL: idp.jwksUrl }));
    running.push(api.process);
    const token = await idp.tokenFor({ sub: 'ola', roles: [{ role: 'clerk', municipality: '5001' }] });
    expect((await request(api.url).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200)).body.subject).toBe('ola');
    const refused = await request(api.url).get('/api/me').set('Authorization', `Bearer ${await admin()}`).expect(401);
    expect(refused.body.reason).toBe('local tokens disabled');
  });

  it('serves HS256 tokens when LOCAL_TOKENS=on is set explicitly', async () => {
    const api = await spawnApi(env({ LOCAL_TOKENS: 'on' }));
    running.push(api.process);
    expect((await request(api.url).get('/api/me').set('Authorization', `Bearer ${await admin()}`).expect(200)).body.roles).toEqual([{ role: 'admin' }]);
  });

  it('starts the worker', async () => {
    const worker = spawn(process.execPath, [join(root, 'dist/apps/worker/main.js')], {
      env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...env({ LOCAL_TOKENS: 'on' }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(worker);
    let output = '';
    worker.stdout!.on('data', (chunk) => (output += chunk));
    worker.stderr!.on('data', (chunk) => (output += chunk));
    await waitFor('the worker to be ready or to exit', async () => output.includes('worker ready') || worker.exitCode !== null);
    expect(worker.exitCode).toBeNull();
    expect(output).toContain('worker ready');
    expect(output).not.toContain('Configuration');
  });
});

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}
