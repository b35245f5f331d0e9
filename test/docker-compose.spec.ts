import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

describe('docker-compose.yml', () => {
  const run = (...args: string[]) => spawnSync('docker-compose', ['-f', join(root, 'docker-compose.yml'), ...args], { encoding: 'utf8' });

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
});
