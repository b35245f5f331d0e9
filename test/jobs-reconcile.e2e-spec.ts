import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { ReconcileHandler } from '@app/application';
import { QUEUE_NAME, jobIds, redisOptions } from '@app/jobs';
import { TestApi, startTestApi } from './support/api';
import { OwnRedis, startOwnRedis } from './support/redis-server';
import { MEMBERS, decision, launchFeeRound, register } from './support/round-story';
import { waitFor } from './support/wait';
import { startTestWorker } from './support/worker';

// A Wednesday in January: no holiday near, so the reminder dates are the plain ones.
const NOW = '2030-01-09T12:00:00+01:00';

describe('the reconciliation writes what the queue lacks, and nothing else', () => {
  let redis: OwnRedis;
  let api: TestApi;
  let worker: INestApplicationContext;
  let queue: Queue;
  const prefix = `{vt-${randomBytes(4).toString('hex')}}`;
  // The jobs that should be in the queue: those still ahead of the rounds below.
  let pending: string[] = [];

  const count = async (sql: string, params: unknown[] = []) => ((await api.dataSource.query(sql, params))[0] as { n: number }).n;
  const reconcile = () => worker.get(ReconcileHandler).execute();
  const newestOutboxRow = async () => Number((await api.dataSource.query(`SELECT coalesce(max(id), 0) AS id FROM outbox`))[0].id);
  const outboxRowsAfter = async (id: number): Promise<string[]> =>
    (await api.dataSource.query(`SELECT job_id FROM outbox WHERE id > $1 ORDER BY job_id`, [id])).map((row: { job_id: string }) => row.job_id);
  const jobExists = async (jobId: string) => (await queue.getJob(jobId)) !== undefined;
  /** The worker has nothing left to do now: the outbox is relayed and no job waits or runs. */
  const quiet = () =>
    waitFor('the worker to have nothing to do', async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      return counts.waiting + counts.active + counts.prioritized === 0 && (await count(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`)) === 0;
    });
  /** Every row of the tables the reconciliation could write to, counted. */
  const rows = async () => ({
    outbox: await count(`SELECT count(*)::int AS n FROM outbox`),
    notifications: await count(`SELECT count(*)::int AS n FROM notification`),
    events: await count(`SELECT count(*)::int AS n FROM event`),
    overdue: await count(`SELECT count(*)::int AS n FROM round_member WHERE overdue`),
  });

  beforeAll(async () => {
    redis = await startOwnRedis();
    api = await startTestApi({ seed: true, now: NOW, env: { REDIS_URL: redis.url } });
    worker = await startTestWorker({ DATABASE_URL: api.database.url, REDIS_URL: redis.url, QUEUE_PREFIX: prefix }, api.clock);
    queue = new Queue(QUEUE_NAME, { connection: redisOptions(redis.url, 'queue'), prefix });

    // Reminders ahead (17, 24 and 30 January) and the deadline.
    const ahead = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2031-01-01' },
      deadline: '2030-01-31',
    });
    // Its one reminder was due this morning, and is sent; the deadline is tomorrow.
    const remindedToday = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2032-01-01' },
      deadline: '2030-01-10',
      reminderDaysBefore: [1],
    });
    // Approved now: its outcome is told at once, its coming into force on 1 January 2033.
    const approved = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2033-01-01' },
      deadline: '2030-01-31',
    });
    for (const nr of MEMBERS) {
      const body = decision('adopted', '2030-01-08', nr === '5001' ? { body: 'bystyre' } : {});
      expect((await register(api, approved.id, nr, body)).status).toBe(200);
    }
    await waitFor('the reminders of today', async () => (await count(`SELECT count(*)::int AS n FROM notification WHERE kind = 'reminder'`)) === MEMBERS.length);
    await waitFor('the outcome to be told', async () => (await count(`SELECT count(*)::int AS n FROM notification WHERE kind = 'settled'`)) > 0);
    await quiet();
    pending = [
      ...MEMBERS.flatMap((nr) => ['2030-01-17', '2030-01-24', '2030-01-30'].map((date) => jobIds.reminder({ roundId: ahead.id, municipalityNumber: nr, date }))),
      jobIds.deadline({ roundId: ahead.id, deadline: '2030-01-31' }),
      jobIds.deadline({ roundId: remindedToday.id, deadline: '2030-01-10' }),
      jobIds.inForce({ roundId: approved.id }),
    ].sort();
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await api?.close();
    await redis?.dispose();
  });

  it('writes no row when the queue holds every job it should', async () => {
    for (const id of pending) expect(await jobExists(id)).toBe(true);
    const before = await rows();
    const report = await reconcile();
    expect(report).toMatchObject({ rounds: 2, jobs: 0, catchUps: 0, deadlines: 0, mails: 0 });
    expect(report.expected).toBe(pending.length);
    expect(await rows()).toEqual(before);
  });

  it('after FLUSHALL writes each missing job once, none that already did its work, and nothing the next time', async () => {
    const client = new Redis(redis.port, '127.0.0.1');
    await client.flushall();
    client.disconnect();
    const since = await newestOutboxRow();

    const report = await reconcile();
    // The reminders sent this morning and the outcome told are done: they are not asked for again.
    expect(await outboxRowsAfter(since)).toEqual(pending);
    expect(report).toMatchObject({ jobs: pending.length, catchUps: 0 });

    await quiet();
    for (const id of pending) expect(await jobExists(id)).toBe(true);
    const before = await rows();
    expect((await reconcile()).jobs).toBe(0);
    expect(await rows()).toEqual(before);
  });

  it('writes the one job the queue lost', async () => {
    const lost = pending[3];
    await queue.remove(lost);
    const since = await newestOutboxRow();
    expect((await reconcile()).jobs).toBe(1);
    expect(await outboxRowsAfter(since)).toEqual([lost]);
    await quiet();
    expect(await jobExists(lost)).toBe(true);
  });
});
