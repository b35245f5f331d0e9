import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import request from 'supertest';
import { ReconcileHandler, RoundJobsHandler } from '@app/application';
import { QUEUE_NAME, jobIds, redisOptions } from '@app/jobs';
import { TestApi, startTestApi } from './support/api';
import { OwnRedis, startOwnRedis } from './support/redis-server';
import { COUNCIL, MEMBERS, decision, launchFeeRound, register } from './support/round-story';
import { secretariatToken } from './support/tokens';
import { waitFor } from './support/wait';
import { startTestWorker } from './support/worker';

// A Wednesday in January: no holiday near, so the reminder dates are the plain ones.
const NOW = '2030-01-09T12:00:00+01:00';
let effectiveYear = 2031;
const nextEffectiveFrom = () => `${effectiveYear++}-01-01`;

describe('queued jobs that never lose a deadline', () => {
  let redis: OwnRedis;
  let api: TestApi;
  let worker: INestApplicationContext | null = null;
  let queue: Queue;
  const prefix = `{vt-${randomBytes(4).toString('hex')}}`;

  beforeAll(async () => {
    redis = await startOwnRedis();
    api = await startTestApi({ seed: true, now: NOW, env: { REDIS_URL: redis.url } });
    queue = new Queue(QUEUE_NAME, { connection: redisOptions(redis.url, 'queue'), prefix });
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await api?.close();
    await redis?.dispose();
  });

  const startWorker = async () => {
    worker = await startTestWorker({ DATABASE_URL: api.database.url, REDIS_URL: redis.url, QUEUE_PREFIX: prefix }, api.clock);
  };
  const count = async (sql: string, params: unknown[] = []) => ((await api.dataSource.query(sql, params))[0] as { n: number }).n;
  const pendingOutbox = () => count(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`);
  const reminders = (roundId: string) => count(`SELECT count(*)::int AS n FROM notification WHERE kind = 'reminder' AND round_id = $1`, [roundId]);
  const jobExists = async (jobId: string) => (await queue.getJob(jobId)) !== undefined;
  const relayed = () => waitFor('the outbox to be relayed', async () => (await pendingOutbox()) === 0);

  it('accepts a launch while Redis is stopped; its reminders and deadline job exist once Redis is back, and fire', async () => {
    await redis.stop();
    api.clock.set(NOW);
    const started = Date.now();
    const round = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: nextEffectiveFrom() },
      deadline: '2030-01-10',
      reminderDaysBefore: [1],
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await pendingOutbox()).toBe(MEMBERS.length + 1);

    await redis.start();
    await startWorker();
    await waitFor('a reminder to every clerk', async () => (await reminders(round.id)) === MEMBERS.length);
    const deadline = await queue.getJob(jobIds.deadline({ roundId: round.id, deadline: '2030-01-10' }));
    expect(await deadline?.getState()).toBe('delayed');
    await relayed();
  });

  it('restores every job after FLUSHALL, and nothing fires twice', async () => {
    api.clock.set(NOW);
    const due = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: nextEffectiveFrom() },
      deadline: '2030-01-10',
      reminderDaysBefore: [1],
    });
    const later = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: nextEffectiveFrom() },
      deadline: '2030-01-31',
    });
    await waitFor('the due reminders', async () => (await reminders(due.id)) === MEMBERS.length);
    await relayed();
    const expected = [
      ...MEMBERS.flatMap((nr) =>
        ['2030-01-17', '2030-01-24', '2030-01-30'].map((date) => jobIds.reminder({ roundId: later.id, municipalityNumber: nr, date })),
      ),
      jobIds.deadline({ roundId: later.id, deadline: '2030-01-31' }),
      jobIds.deadline({ roundId: due.id, deadline: '2030-01-10' }),
    ];
    for (const id of expected) expect(await jobExists(id)).toBe(true);

    const client = new Redis(redis.port, '127.0.0.1');
    await client.flushall();
    client.disconnect();
    expect(await jobExists(expected[0])).toBe(false);

    const report = await worker!.get(ReconcileHandler).execute();
    expect(report.catchUps).toBe(0);
    await relayed();
    for (const id of expected) expect(await jobExists(id)).toBe(true);
    // Give a wrongly re-added reminder the time to fire: it must not.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await reminders(due.id)).toBe(MEMBERS.length);
    expect(await reminders(later.id)).toBe(0);
  });

  it('sends a missed reminder once, as a catch-up for its latest day, not three times', async () => {
    api.clock.set('2030-01-02T10:00:00+01:00');
    const round = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: nextEffectiveFrom() },
      deadline: '2030-01-31',
    });
    await relayed();
    // Everything was down from before the first reminder until after the second: the jobs are gone too.
    const client = new Redis(redis.port, '127.0.0.1');
    await client.flushall();
    client.disconnect();
    api.clock.set('2030-01-25T09:00:00+01:00');
    const report = await worker!.get(ReconcileHandler).execute();
    // Other open rounds of this suite may have missed reminders too; this one's are eight.
    expect(report.catchUps).toBeGreaterThanOrEqual(MEMBERS.length);
    await waitFor('the catch-up reminders', async () => (await reminders(round.id)) === MEMBERS.length);
    const keys = await api.dataSource.query(`SELECT key FROM notification WHERE round_id = $1 AND kind = 'reminder'`, [round.id]);
    expect(keys.every((row: { key: string }) => row.key.includes('/2030-01-24/'))).toBe(true);
    await worker!.get(ReconcileHandler).execute();
    await relayed();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await reminders(round.id)).toBe(MEMBERS.length);
  });

  it('replaces a job that failed for good when the reconciliation asks for it again, instead of BullMQ ignoring the add', async () => {
    api.clock.set(NOW);
    const round = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: nextEffectiveFrom() },
      deadline: '2030-01-31',
    });
    await relayed();
    const payload = { roundId: round.id, municipalityNumber: '5001', date: '2030-01-17' };
    const id = jobIds.reminder(payload);
    // A job under that id ran out of attempts (here: its one attempt, as a job no handler knows) and is kept as evidence.
    await queue.remove(id);
    await queue.add('round.unknown', payload, { jobId: id, attempts: 1 });
    await waitFor('the job to fail', async () => (await queue.getJob(id).then((job) => job?.getState())) === 'failed');

    await worker!.get(ReconcileHandler).execute();
    await relayed();
    const job = await queue.getJob(id);
    expect(await job?.getState()).toBe('delayed');
    expect(job?.name).toBe('round.reminder');
    expect(job?.data).toEqual(payload);
    expect(job?.attemptsMade).toBe(0);
  });

  it('moves the reminders when the deadline is extended, and cancels a member’s when it decides', async () => {
    api.clock.set(NOW);
    const round = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: nextEffectiveFrom() },
      deadline: '2030-01-31',
    });
    await relayed();
    const reminder = (nr: string, date: string) => jobIds.reminder({ roundId: round.id, municipalityNumber: nr, date });
    expect(await jobExists(reminder('5031', '2030-01-17'))).toBe(true);

    expect((await register(api, round.id, '5031', decision('adopted', '2030-01-08'))).status).toBe(200);
    await relayed();
    for (const date of ['2030-01-17', '2030-01-24', '2030-01-30']) expect(await jobExists(reminder('5031', date))).toBe(false);
    expect(await jobExists(reminder('5001', '2030-01-17'))).toBe(true);

    await request(api.http)
      .post(`/api/rounds/${round.id}/extend`)
      .set('Authorization', `Bearer ${await secretariatToken(COUNCIL)}`)
      .send({ deadline: '2030-02-28', reason: 'Melhus behandler saken i februar' })
      .expect(200);
    await relayed();
    expect(await jobExists(reminder('5001', '2030-01-17'))).toBe(false);
    expect(await jobExists(jobIds.deadline({ roundId: round.id, deadline: '2030-01-31' }))).toBe(false);
    for (const date of ['2030-02-14', '2030-02-21', '2030-02-27']) expect(await jobExists(reminder('5001', date))).toBe(true);
    expect(await jobExists(reminder('5031', '2030-02-14'))).toBe(false);
    expect(await jobExists(jobIds.deadline({ roundId: round.id, deadline: '2030-02-28' }))).toBe(true);
  });

  it('at the deadline marks the undecided overdue once, tells their clerks and escalates to the leaders and the secretariat', async () => {
    api.clock.set('2030-01-09T23:59:57+01:00');
    const round = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: nextEffectiveFrom() },
      deadline: '2030-01-09',
      reminderDaysBefore: [],
    });
    expect((await register(api, round.id, '5001', decision('adopted', '2030-01-08', { body: 'bystyre' }))).status).toBe(200);
    await relayed();
    api.clock.set('2030-01-10T00:00:05+01:00');
    await waitFor('the escalation', async () => (await count(`SELECT count(*)::int AS n FROM notification WHERE kind = 'escalation' AND round_id = $1`, [round.id])) === 2);
    const overdue = await api.dataSource.query(`SELECT municipality_number FROM round_member WHERE round_id = $1 AND overdue ORDER BY 1`, [round.id]);
    expect(overdue).toHaveLength(MEMBERS.length - 1);
    expect(await count(`SELECT count(*)::int AS n FROM notification WHERE kind = 'overdue' AND round_id = $1`, [round.id])).toBe(MEMBERS.length - 1);
    const escalation = await api.dataSource.query(`SELECT body FROM notification WHERE kind = 'escalation' AND round_id = $1 LIMIT 1`, [round.id]);
    expect(escalation[0].body).toContain('Malvik');
    expect(escalation[0].body).not.toContain('Trondheim (5001)');

    expect(await worker!.get(RoundJobsHandler).deadline({ roundId: round.id, deadline: '2030-01-09' })).toBe('skipped');
    expect(await count(`SELECT count(*)::int AS n FROM event WHERE type = 'round.overdue' AND round_id = $1`, [round.id])).toBe(1);

    const view = await request(api.http).get(`/api/rounds/${round.id}`).set('Authorization', `Bearer ${await secretariatToken(COUNCIL)}`).expect(200);
    expect(view.body.progress.overdue).toBe(MEMBERS.length - 1);
  });
});
