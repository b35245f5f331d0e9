import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A database of its own for one suite, copied from the migrated template in milliseconds. */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function templateUrl(): URL {
  const url = process.env.TEST_TEMPLATE_DATABASE_URL;
  if (!url) throw new Error('TEST_TEMPLATE_DATABASE_URL is not set: run the suites with `npm test`');
  return new URL(url);
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const admin = templateUrl();
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.href });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty, fully migrated database; `drop()` removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = templateUrl();
  const templateName = template.pathname.slice(1);
  const name = `vedtak_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (client) => {
    // Two suites copying the template at the same moment make PostgreSQL refuse one; retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  });
  const url = new URL(template.href);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    name,
    drop: () =>
      withAdmin(async (client) => {
        // FORCE may not end a session of another role (autovacuum at work on the copy): it ends soon; retry.
        for (let attempt = 0; ; attempt++) {
          try {
            await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
            return;
          } catch (error) {
            if (attempt >= 50 || !/pg_signal_backend|being accessed by other users/.test(String(error))) throw error;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }
      }),
  };
}
