import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The web app's client is typed from the api's own document; a stale copy would type a lie.
// Run as the build runs it (openapi-typescript is an ES module, which jest's CommonJS cannot load).
describe("the web app's api types", () => {
  const run = (...args: string[]) =>
    execFileSync(process.execPath, ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', join('scripts', 'api-types.ts'), ...args], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('are those of the api as the code stands (npm run api:types writes them)', () => {
    expect(() => run('--check')).not.toThrow();
  }, 60_000);
});
