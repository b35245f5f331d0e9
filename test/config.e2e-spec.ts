import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The built processes, as production starts them: a bad value stops them before anything boots.
const root = join(__dirname, '..');
const base = {
  PATH: process.env.PATH,
  DATABASE_URL: 'postgres://vedtak:vedtak@127.0.0.1:5432/vedtak',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(40),
};

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
});
