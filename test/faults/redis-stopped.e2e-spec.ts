import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import request from 'supertest';
import { QUEUE_NAME, jobIds, redisOptions } from '@app/jobs';
import { TestApi, startTestApi } from '../support/api';
import { OwnRedis, startOwnRedis } from '../support/redis-server';
import { COUNCIL, MEMBERS, decision, launchFeeRound, register } from '../support/round-story';
import { secretariatToken } from '../support/tokens';
import { waitFor } from '../support/wait';
import { SpawnedProcess, spawnWorker } from '../support/worker';

const NOW = '2030-01-09T12:00:00+01:00';
// No write may wait on Redis: each is answered well within this while Redis is down.
const WRITE_WITHIN_MS = 1_000;

describe('Redis stopped', () => {
  let redis: OwnRedis;
  let api: TestApi;
  let worker: SpawnedProcess;
  let queue: Queue;
  const prefix = `{vt-${randomBytes(4).toString('hex')}}`;

  beforeAll(async () => {
    redis = await startOwnRedis();
    api = await startTestApi({ seed: true, now: NOW, env: { REDIS_URL: redis.url } });
    worker = spawnWorker({ DATABASE_URL: api.database.url, REDIS_URL: redis.url, QUEUE_PREFIX: prefix, CLOCK_START: NOW, LOG_LEVEL: 'info' });
    queue = new Queue(QUEUE_NAME, { connection: redisOptions(redis.url, 'queue'), prefix });
    await waitFor('the worker to start', async () => said('worker ready').length > 0, 30_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${worker.stderrText()}`);
    });
  });

  afterAll(async () => {
    if (worker && worker.exitCode === null && worker.signalCode === null) {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await queue?.close();
    await api?.close();
    await redis?.dispose();
  });

  /** The worker's log lines whose message begins so. */
  const said = (message: string) => worker.logLines().filter((line) => typeof line.msg === 'string' && line.msg.startsWith(message));
  const pendingOutbox = async () => ((await api.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`))[0] as { n: number }).n;
  const timed = async <T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> => {
    const started = Date.now();
    const result = await work();
    return { result, ms: Date.now() - started };
  };

  it('leaves the api ready and live and its writes fast, the jobs in the outbox, and the worker saying it is degraded until Redis is back', async () => {
    const round = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2040-01-01' },
      deadline: '2030-01-31',
    });
    await waitFor('the outbox to be relayed', async () => (await pendingOutbox()) === 0);

    await redis.stop();
    // A load balancer routes on readiness: PostgreSQL only. The overview says what is down.
    await request(api.http).get('/api/health/ready').expect(200);
    await request(api.http).get('/api/health/live').expect(200);
    const overview = await request(api.http).get('/api/health').expect(503);
    expect(overview.body.checks).toEqual({ database: { status: 'up' }, redis: expect.objectContaining({ status: 'down' }) });

    // Registrations, a launch and a deadline moved: each written at once, its jobs kept in the outbox.
    const writes: number[] = [];
    for (const nr of MEMBERS.slice(0, 4)) {
      const { result, ms } = await timed(() => register(api, round.id, nr, decision('scheduled', '2030-01-20')));
      expect(result.status).toBe(200);
      writes.push(ms);
    }
    const { result: later, ms: launchMs } = await timed(() =>
      launchFeeRound(api, { subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2041-01-01' }, deadline: '2030-02-28' }),
    );
    writes.push(launchMs);
    const { result: extended, ms: extendMs } = await timed(async () =>
      request(api.http)
        .post(`/api/rounds/${round.id}/extend`)
        .set('Authorization', `Bearer ${await secretariatToken(COUNCIL)}`)
        .send({ deadline: '2030-02-14', reason: 'Kommunestyrene møtes i februar' }),
    );
    expect(extended.status).toBe(200);
    writes.push(extendMs);
    expect(writes.filter((ms) => ms >= WRITE_WITHIN_MS)).toEqual([]);
    expect(await pendingOutbox()).toBeGreaterThan(MEMBERS.length);

    // The worker says so, once, and what it means.
    const degraded = await waitFor('the worker to say it is degraded', async () => said('worker degraded').find((line) => line.service === 'redis'), 15_000);
    expect(degraded).toMatchObject({ level: 40, msg: expect.stringMatching(/^worker degraded: Redis does not answer/) });

    await redis.start();
    await waitFor('the worker to say Redis is back', async () => said('worker recovered').some((line) => line.service === 'redis'), 15_000);
    await waitFor('the outbox to be relayed', async () => (await pendingOutbox()) === 0, 15_000);
    const deadline = await queue.getJob(jobIds.deadline({ roundId: later.id, deadline: '2030-02-28' }));
    expect(await deadline?.getState()).toBe('delayed');
    expect(await queue.getJob(jobIds.deadline({ roundId: round.id, deadline: '2030-02-14' }))).toBeDefined();
    expect(await queue.getJob(jobIds.deadline({ roundId: round.id, deadline: '2030-01-31' }))).toBeUndefined();
    expect(said('worker degraded').filter((line) => line.service === 'redis')).toHaveLength(1);
    await request(api.http).get('/api/health').expect(200);
    process.stdout.write(`[faults] writes while Redis was stopped took ${writes.map((ms) => `${ms} ms`).join(', ')}\n`);
  });
});
