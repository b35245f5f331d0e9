import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
// An empty env file, so that an .env beside the compose file on this machine cannot fill in what the test leaves out.
const noEnvFile = join(mkdtempSync(join(tmpdir(), 'vedtak-compose-')), 'empty.env');
writeFileSync(noEnvFile, '');

describe('docker-compose.yml', () => {
  const { JWT_SECRET: _inherited, ...withoutSecret } = process.env;
  const withSecret = { ...withoutSecret, JWT_SECRET: 'eW91LWdldC1hLXNlY3JldC1vZi15b3VyLW93bi1pbi1wcm9kdWN0aW9u' };
  const compose = (env: NodeJS.ProcessEnv, ...args: string[]) =>
    spawnSync('docker-compose', ['--env-file', noEnvFile, '-f', join(root, 'docker-compose.yml'), ...args], { encoding: 'utf8', env });
  const run = (...args: string[]) => compose(withSecret, ...args);

  it('is accepted by docker-compose config', () => {
    const result = run('config', '-q');
    expect(result.error).toBeUndefined();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('runs Redis as BullMQ needs it (noeviction, AOF) and api and worker from the Dockerfile', () => {
    const config = run('config').stdout;
    expect(config).toMatch(/--maxmemory-policy\s*\n?\s*-?\s*noeviction/);
    expect(config).toMatch(/--appendonly\s*\n?\s*-?\s*["']?yes/);
    for (const service of ['postgres', 'redis', 'api', 'worker']) expect(config).toMatch(new RegExp(`^  ${service}:`, 'm'));
    expect(run('config', '--services').stdout.split('\n')).toEqual(expect.arrayContaining(['api', 'worker', 'migrate']));
  });

  it('has no JWT_SECRET of its own: without one, docker-compose config fails and says how to make one', () => {
    const result = compose(withoutSecret, 'config', '-q');
    expect(result.error).toBeUndefined();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('set JWT_SECRET to a random string of at least 32 characters, e.g. openssl rand -base64 48');
    expect(compose({ ...withoutSecret, JWT_SECRET: '' }, 'config', '-q').status).not.toBe(0);
  });

  it('hands the secret and the sign-in settings to the api, the worker and the migration as given', () => {
    const config = compose({ ...withSecret, LOCAL_TOKENS: 'on' }, 'config').stdout;
    expect(config).not.toMatch(/change-me/);
    expect(config.match(/JWT_SECRET: eW91LWdldC1hLXNlY3JldC1vZi15b3VyLW93bi1pbi1wcm9kdWN0aW9u$/gm)).toHaveLength(3);
    expect(config.match(/LOCAL_TOKENS: "on"$/gm)).toHaveLength(3);
  });
});
