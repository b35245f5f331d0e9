import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_AS_DEPLOYED } from '../bench/figures';

const root = join(__dirname, '..');

describe('Dockerfile', () => {
  const stages = [...readFileSync(join(root, 'Dockerfile'), 'utf8').matchAll(/^FROM\s+(\S+)/gm)].map((match) => match[1]);

  it('builds and runs on a maintained Node.js LTS (22 or 24), the same in every stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const image of stages) expect(image).toMatch(/^node:(22|24)(\.\d+)*-bookworm-slim$/);
    expect(new Set(stages).size).toBe(1);
  });

  it('runs as the unprivileged node user in production mode', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^ENV NODE_ENV=production$/m);
  });

  it('still lets the code run on the Node.js 20 of the development machines', () => {
    const { engines } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(engines.node).toBe('>=20.11');
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(20);
  });

  it('starts the api with its heap capped, as docker-compose.yml and the bench start it', () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(readFileSync(join(root, 'Dockerfile'), 'utf8'))![1]) as string[];
    expect(cmd).toEqual(['node', ...API_AS_DEPLOYED, 'dist/apps/api/main.js']);
    expect(API_AS_DEPLOYED).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=\d+$/)]));
    const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    const api = compose.slice(compose.indexOf('\n  api:'), compose.indexOf('\n  worker:'));
    expect(JSON.parse(/^\s+command: (\[.*\])$/m.exec(api)![1])).toEqual(cmd);
  });
});
