import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * SQL as PostgreSQL's superuser, for what no role of the product may do: hand the audit trail to
 * its own role, as an operator does once. TEST_SUPERUSER_DATABASE_URL names one; otherwise a local
 * server is reached as the `postgres` system user (peer authentication), as scripts/services.sh
 * reaches it to create the product's role: through runuser when root, `sudo -n` otherwise.
 */
export interface Superuser {
  available: boolean;
  /** Why not, when not. */
  reason: string;
  /** Runs the SQL in that database; fails with psql's message when PostgreSQL refuses it. */
  sql(database: string, sql: string): Promise<string>;
}

function command(database: string, serverUrl: string | undefined): [string, string[]] | undefined {
  const psql = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1'];
  const explicit = process.env.TEST_SUPERUSER_DATABASE_URL;
  if (explicit) {
    const url = new URL(explicit);
    url.pathname = `/${database}`;
    return ['psql', [...psql, url.href]];
  }
  if (!serverUrl) return undefined;
  const { hostname, port } = new URL(serverUrl);
  if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(hostname)) return undefined;
  const local = ['psql', ...psql, '-p', port || '5432', '-d', database];
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', ...local]] : ['sudo', ['-n', '-u', 'postgres', ...local]];
}

/** `serverUrl`: any database URL of the server (the suites' template by default); only its host and port are read. */
export function superuser(serverUrl = process.env.TEST_TEMPLATE_DATABASE_URL): Superuser {
  const probe = command('postgres', serverUrl);
  let reason = probe ? '' : 'set TEST_SUPERUSER_DATABASE_URL, or run PostgreSQL locally';
  if (probe) {
    const answer = spawnSync(probe[0], [...probe[1], '-c', 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user'], { encoding: 'utf8', timeout: 10_000 });
    if (answer.status !== 0 || answer.stdout.trim() !== 't') reason = `no superuser session (${(answer.stderr || answer.stdout || String(answer.error)).trim()})`;
  }
  return {
    available: reason === '',
    reason,
    sql: async (database, sql) => {
      const [file, args] = command(database, serverUrl)!;
      try {
        return (await run(file, [...args, '-c', sql], { encoding: 'utf8', timeout: 30_000 })).stdout;
      } catch (error) {
        throw new Error(((error as { stderr?: string }).stderr || String(error)).trim());
      }
    },
  };
}
