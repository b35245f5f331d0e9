import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './redis-server';

/**
 * A PostgreSQL cluster of the test's own, in a temporary folder, so that a test can stop, kill
 * or freeze it without harming the shared server the other suites use.
 */
export interface OwnPostgres {
  port: number;
  /** The URL of one of its databases (as the superuser `vedtak`, trusted on 127.0.0.1). */
  url(database?: string): string;
  /** Creates an empty database. */
  createDatabase(name: string): Promise<void>;
  /** `fast`: a clean restart (transactions aborted, clients disconnected); `immediate`: as if the server crashed. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port and data; resolves once it takes connections. */
  start(): Promise<void>;
  /** Freezes every process of the server (SIGSTOP): connections are accepted by the kernel and never answered. */
  freeze(): void;
  thaw(): void;
  /** Stops it for good and removes its folder. */
  dispose(): Promise<void>;
}

const SUPERUSER = 'vedtak';

/** Debian's PostgreSQL binaries of the newest version installed (postgresql-NN). */
function binaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((version) => existsSync(join(root, version, 'bin', 'initdb'))) : [];
  if (versions.length === 0) throw new Error(`No PostgreSQL server binaries under ${root}: install Debian's postgresql package`);
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` user Debian's package creates. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = binaries();
  const user = runAs();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'vedtak-pg-'));
  const data = join(dir, 'data');
  if (user) chownSync(dir, user.uid, user.gid);
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions'], {
    ...user,
    cwd: dir,
    stdio: 'pipe',
  });

  let server: ChildProcess | null = null;
  let log = '';
  const url = (database = 'postgres') => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;

  const start = async () => {
    log = '';
    const child = spawn(
      join(bin, 'postgres'),
      [
        '-D', data, '-p', String(port), '-k', dir,
        '-c', 'listen_addresses=127.0.0.1',
        // A throwaway cluster: durability against a power cut is not what these tests look at.
        '-c', 'fsync=off', '-c', 'full_page_writes=off',
        '-c', 'max_connections=200',
      ],
      { ...user, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr!.on('data', (chunk) => (log = (log + chunk).slice(-20_000)));
    server = child;
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}: ${log}`);
      const client = new Client({ connectionString: url(), connectionTimeoutMillis: 1_000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    throw new Error(`postgres did not take connections on port ${port}: ${log}`);
  };

  const signalAll = (signal: NodeJS.Signals) => {
    if (!server?.pid) return;
    // The postmaster and every backend and helper it forked.
    let children: number[] = [];
    try {
      children = execFileSync('pgrep', ['-P', String(server.pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
    } catch {
      // pgrep exits with 1 when there are none.
    }
    for (const pid of [server.pid, ...children]) {
      try {
        process.kill(pid, signal);
      } catch {
        // A backend that ended meanwhile.
      }
    }
  };

  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    const running = server;
    server = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      // SIGINT is PostgreSQL's fast shutdown, SIGQUIT its immediate one.
      running.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    });
  };

  await start();
  return {
    port,
    url,
    createDatabase: async (name) => {
      const client = new Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
    },
    stop,
    start,
    freeze: () => signalAll('SIGSTOP'),
    thaw: () => signalAll('SIGCONT'),
    dispose: async () => {
      // A frozen server cannot shut down.
      if (server?.pid) signalAll('SIGCONT');
      await stop('immediate');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
