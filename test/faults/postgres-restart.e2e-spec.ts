import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { SettableClock } from '@app/application';
import { seedDemo } from '@app/demo';
import { DATABASE_LIMITS, runMigrations } from '@app/persistence';
import { createApi } from '../../apps/api/src/bootstrap';
import { testConfig } from '../support/config';
import { OwnPostgres, startOwnPostgres } from '../support/postgres-server';
import { COUNCIL, MEMBERS } from '../support/round-story';
import { adminToken, clerkToken, secretariatToken } from '../support/tokens';
import { waitFor } from '../support/wait';
import { registrationProblems } from './support/registration-consistency';
import { Attempt, RegistrationLoad, RegistrationTarget } from './support/registration-load';

const NOW = '2030-01-09T12:00:00+01:00';
const ROUNDS = 4;
const BACK_WITHIN_MS = 5_000;

describe('PostgreSQL restarted under registration load', () => {
  let pg: OwnPostgres;
  let api: INestApplication;
  let baseUrl: string;
  const rounds: string[] = [];

  beforeAll(async () => {
    pg = await startOwnPostgres();
    await pg.createDatabase('vedtak');
    await runMigrations(pg.url('vedtak'));
    api = await createApi(testConfig({ DATABASE_URL: pg.url('vedtak') }), { clock: new SettableClock(new Date(NOW)) });
    await api.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`;
    await seedDemo(api.get(DataSource), { withRounds: false });
    const token = await secretariatToken(COUNCIL);
    for (let i = 0; i < ROUNDS; i++) {
      const response = await fetch(`${baseUrl}/api/councils/${COUNCIL}/rounds`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: `${2040 + i}-01-01` }, deadline: '2030-06-28' }),
      });
      expect(response.status).toBe(201);
      rounds.push(((await response.json()) as { id: string }).id);
    }
  }, 120_000);

  afterAll(async () => {
    try {
      await api?.close();
    } finally {
      await pg?.dispose();
    }
  });

  /** A query of the test's own, on a connection of its own: the api's pool is what is under test. */
  const query = async (sql: string, parameters: unknown[] = []): Promise<Array<Record<string, unknown>>> => {
    const client = new Client({ connectionString: pg.url('vedtak') });
    await client.connect();
    try {
      return (await client.query(sql, parameters)).rows;
    } finally {
      await client.end();
    }
  };
  const status = (path: string) => fetch(`${baseUrl}${path}`).then((response) => response.status);

  it('answers 503 with Retry-After, never 500, is back within 5 s of the database, and leaves nothing half-written', async () => {
    const targets: RegistrationTarget[] = rounds.flatMap((roundId) => MEMBERS.map((municipality) => ({ roundId, municipality })));
    const load = new RegistrationLoad(baseUrl, targets);
    const served = (since: number) => load.attempts.filter((a) => a.status === 200 && a.startedAt >= since).length;
    const recoveries: number[] = [];
    load.start();
    try {
      for (const mode of ['fast', 'immediate'] as const) {
        const before = Date.now();
        await waitFor('registrations to flow', async () => served(before) >= 100, 30_000, 20);
        const stoppedAt = Date.now();
        // fast: a clean restart, transactions aborted; immediate: as if the server crashed.
        await pg.stop(mode);
        await waitFor('clients to be turned away', async () => load.attempts.filter((a) => a.startedAt > stoppedAt && a.status !== 200).length >= 50, 10_000, 10);
        expect(await status('/api/health/ready')).toBe(503);
        expect(await status('/api/health/live')).toBe(200);
        await pg.start();
        const backAt = Date.now();
        const allServed = await waitFor('every clerk to be served again', async () => load.allServedAfter(backAt), BACK_WITHIN_MS + 5_000, 10).catch((error: Error) => {
          const after = load.attempts.filter((a) => a.startedAt >= backAt);
          const kinds = new Map<string, number>();
          for (const a of after) kinds.set(`${a.status} ${a.problem}`, (kinds.get(`${a.status} ${a.problem}`) ?? 0) + 1);
          throw new Error(`${error.message} after ${mode}: ${JSON.stringify([...kinds])}`);
        });
        recoveries.push((allServed as number) - backAt);
        expect(await status('/api/health/ready')).toBe(200);
      }
    } finally {
      await load.stop();
    }

    const failures = load.attempts.filter((a) => a.status !== 200);
    const byKind = (attempts: Attempt[]) => [...new Set(attempts.map((a) => `${a.status} ${a.problem}`))];
    expect(failures.length).toBeGreaterThan(0);
    // Every refusal is a 503 that says when to come back; no 500, no dropped connection.
    expect(byKind(failures.filter((a) => a.status !== 503))).toEqual([]);
    expect(failures.filter((a) => !a.retryAfter || !/^\d+$/.test(a.retryAfter)).map((a) => `${a.status} ${a.problem}`)).toEqual([]);
    expect(recoveries.every((ms) => ms < BACK_WITHIN_MS)).toBe(true);
    expect(await registrationProblems(query, load.run, load.registered)).toEqual([]);
    // Nothing but scheduled meetings was registered: every round is still open, and the audit chains hold.
    expect(await query(`SELECT DISTINCT status FROM round`)).toEqual([{ status: 'open' }]);
    const verify = await fetch(`${baseUrl}/api/audit/verify`, { headers: { Authorization: `Bearer ${await adminToken()}` } });
    expect(verify.status).toBe(200);
    expect(await verify.json()).toMatchObject({ intact: true, firstBrokenLink: null });
    process.stdout.write(
      `[faults] PostgreSQL restarted twice under ${targets.length} clerks: ${load.registered.length} registrations, ` +
        `${failures.length} refused with 503, every clerk served again ${recoveries.map((ms) => `${ms} ms`).join(' and ')} after the database\n`,
    );
  }, 120_000);

  it('a request waits the connection timeout once, not at every step, while PostgreSQL does not answer at all', async () => {
    const settings = await api.get(DataSource).query(`SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle`);
    expect(settings).toEqual([{ statement: '15s', idle: '30s' }]);
    // An empty pool, so that the request must connect; then a server that takes connections and never answers.
    await query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'vedtaksrunde'`);
    const pool = (api.get(DataSource).driver as PostgresDriver).master as { totalCount: number };
    await waitFor('the api’s pool to be empty', async () => pool.totalCount === 0, 5_000, 10);
    pg.freeze();
    try {
      // Someone the api has not seen yet: signing in remembers them (a connection), then the registration (another).
      const token = await clerkToken('5031', 'clerk.5031.frozen');
      const started = Date.now();
      const response = await fetch(`${baseUrl}/api/rounds/${rounds[0]}/decisions/5031`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ decision: 'scheduled', meetingDate: '2030-05-02' }),
      });
      const took = Date.now() - started;
      expect({ status: response.status, retryAfter: response.headers.get('retry-after') }).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
      expect(took).toBeGreaterThanOrEqual(DATABASE_LIMITS.connectTimeoutMs - 100);
      expect(took).toBeLessThan(1.5 * DATABASE_LIMITS.connectTimeoutMs);
    } finally {
      pg.thaw();
    }
    const token = await clerkToken('5031');
    await waitFor(
      'registrations to be served again',
      async () =>
        (
          await fetch(`${baseUrl}/api/rounds/${rounds[0]}/decisions/5031`, {
            method: 'PUT',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ decision: 'scheduled', meetingDate: '2030-05-03' }),
          })
        ).status === 200,
      BACK_WITHIN_MS,
      50,
    );
  });
});
