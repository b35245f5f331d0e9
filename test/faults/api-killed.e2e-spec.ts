import { DataSource } from 'typeorm';
import { seedDemo } from '@app/demo';
import { dataSourceOptions } from '@app/persistence';
import { TestDatabase, createTestDatabase } from '../support/database';
import { COUNCIL, MEMBERS } from '../support/round-story';
import { secretariatToken } from '../support/tokens';
import { waitFor } from '../support/wait';
import { SpawnedProcess, spawnApi } from '../support/worker';
import { registrationProblems } from './support/registration-consistency';
import { RegistrationLoad, RegistrationTarget } from './support/registration-load';

const NOW = '2030-01-09T12:00:00+01:00';
const ROUNDS = 4;

describe('the api killed with kill -9 under registration load', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let api: { url: string; port: number; process: SpawnedProcess } | null = null;
  const env = () => ({
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL!,
    CLOCK_START: NOW,
    // Thirty-two clerks from one address, as fast as they can: more than the limits let through.
    RATE_LIMIT_PERSON_PER_MINUTE: '1000000',
    RATE_LIMIT_IP_PER_MINUTE: '1000000',
    RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '1000000',
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url, 'vedtaksrunde-test')).initialize();
    await seedDemo(dataSource, { withRounds: false });
  });

  afterAll(async () => {
    if (api && api.process.exitCode === null && api.process.signalCode === null) {
      const exited = new Promise((resolve) => api!.process.once('exit', resolve));
      api.process.kill('SIGTERM');
      await exited;
    }
    await dataSource?.destroy();
    await database?.drop();
  });

  const killApi = async () => {
    const running = api!.process;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  it('keeps every registration that was answered 200, and one revision for each Idempotency-Key however often it was sent', async () => {
    api = await spawnApi(env());
    const token = await secretariatToken(COUNCIL);
    const rounds: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const response = await fetch(`${api.url}/api/councils/${COUNCIL}/rounds`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: `${2040 + i}-01-01` }, deadline: '2030-06-28' }),
      });
      expect(response.status).toBe(201);
      rounds.push(((await response.json()) as { id: string }).id);
    }
    const targets: RegistrationTarget[] = rounds.flatMap((roundId) => MEMBERS.map((municipality) => ({ roundId, municipality })));
    const load = new RegistrationLoad(api.url, targets);
    const served = (since: number) => load.attempts.filter((a) => a.status === 200 && a.startedAt >= since).length;
    load.start();
    let inFlightAtKills = 0;
    try {
      for (let kill = 0; kill < 2; kill++) {
        const before = Date.now();
        await waitFor('registrations to flow', async () => served(before) >= 200, 30_000, 20);
        const killedAt = Date.now();
        await killApi();
        // Clients whose request was under way when it died get no answer; they send it again, with the same key.
        const inFlight = () => load.attempts.filter((a) => a.startedAt <= killedAt && a.endedAt >= killedAt && a.status === 'network').length;
        await waitFor('the clients to notice', async () => inFlight() > 0, 10_000, 10);
        inFlightAtKills += inFlight();
        api = await spawnApi(env(), { port: api.port });
        const backAt = Date.now();
        await waitFor('every clerk to be served again', async () => load.allServedAfter(backAt), 15_000, 20);
      }
    } finally {
      await load.stop();
    }

    // While it was down, the clients got no answer at all; what it answered was a 200 or a 503, never a 500.
    expect([...new Set(load.attempts.filter((a) => a.status !== 200 && a.status !== 'network').map((a) => `${a.status} ${a.problem}`))]).toEqual([]);
    expect(inFlightAtKills).toBeGreaterThan(0);
    const retried = new Set(load.attempts.filter((a) => a.status === 'network').map((a) => a.key));
    expect(load.registered.filter((r) => retried.has(r.key)).length).toBe(retried.size);
    expect(await registrationProblems((sql, parameters) => dataSource.query(sql, parameters), load.run, load.registered)).toEqual([]);
    process.stdout.write(
      `[faults] the api killed twice under ${targets.length} clerks: ${load.registered.length} registrations, ` +
        `${inFlightAtKills} in flight at the kills, ${retried.size} sent again with their key; each is one revision\n`,
    );
  }, 120_000);
});
