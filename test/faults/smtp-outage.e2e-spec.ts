import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Notifier, messageIdOf } from '@app/application';
import { JOB_NAMES, QUEUE_NAME, redisOptions } from '@app/jobs';
import { OutboxEntity } from '@app/persistence';
import { FailedJobs } from '../../apps/worker/src/queue/failed-jobs';
import { WORKER_SETTINGS } from '../../apps/worker/src/worker.settings';
import { TestApi, startTestApi } from '../support/api';
import { OwnRedis, startOwnRedis } from '../support/redis-server';
import { MEMBERS, decision, launchDueRounds, launchFeeRound, register } from '../support/round-story';
import { waitFor } from '../support/wait';
import { startTestWorker } from '../support/worker';
import { StoppableSmtpServer, startStoppableSmtpServer } from './support/stoppable-smtp-server';

const NOW = '2030-01-09T12:00:00+01:00';
const TEN_MINUTES_LATER = '2030-01-09T12:10:00+01:00';
// The production backoff (8 attempts from 2 s) lasts about 4 minutes; turned down here, an outage
// of seconds outlasts it just the same, and the reconciliation comes every second and a half.
const ATTEMPTS = 3;
const SETTINGS = {
  defaultJobOptions: { ...WORKER_SETTINGS.defaultJobOptions, attempts: ATTEMPTS, backoff: { type: 'exponential', delay: 100 } },
  reconcileEveryMs: 1_500,
};

describe('the mail server down for longer than the retries last', () => {
  let redis: OwnRedis;
  let smtp: StoppableSmtpServer;
  let api: TestApi;
  let worker: INestApplicationContext;
  let queue: Queue;
  const prefix = `{vt-${randomBytes(4).toString('hex')}}`;

  beforeAll(async () => {
    redis = await startOwnRedis();
    smtp = await startStoppableSmtpServer();
    api = await startTestApi({ seed: true, now: NOW, env: { REDIS_URL: redis.url, SMTP_URL: smtp.url } });
    worker = await startTestWorker({ DATABASE_URL: api.database.url, REDIS_URL: redis.url, QUEUE_PREFIX: prefix, SMTP_URL: smtp.url }, api.clock, SETTINGS);
    queue = new Queue(QUEUE_NAME, { connection: redisOptions(redis.url, 'queue'), prefix });
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await api?.close();
    await smtp?.stop();
    await redis?.dispose();
  });

  const count = async (sql: string, params: unknown[] = []) => ((await api.dataSource.query(sql, params))[0] as { n: number }).n;
  const byStatus = async (): Promise<Record<string, number>> => {
    const rows: Array<{ email_status: string; n: number }> = await api.dataSource.query(
      `SELECT email_status, count(*)::int AS n FROM notification WHERE email_to IS NOT NULL GROUP BY email_status`,
    );
    return Object.fromEntries(rows.map((row) => [row.email_status, row.n]));
  };
  const failedMailJobs = async () => (await queue.getFailed()).filter((job) => job.name === JOB_NAMES.sendMail);

  it('sends every notice’s e-mail once the server is back, each once; an address refused for good is not tried again', async () => {
    const [{ email: refusedAddress }] = await api.dataSource.query(`SELECT email FROM app_user WHERE subject = 'clerk.5054'`);
    smtp.refused.add(refusedAddress);
    await smtp.stop();

    // Reminders due now for two rounds, and a veto in a third: every clerk and the council's staff are told.
    await launchDueRounds(api, 2, 3000);
    const veto = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2040-01-01' },
      deadline: '2030-01-31',
    });
    expect((await register(api, veto.id, '5028', decision('rejected', '2030-01-08'))).status).toBe(200);
    const total = 2 * MEMBERS.length + MEMBERS.length + 2;
    const refused = 3; // Indre Fosen's clerk: two reminders and the veto

    // Every e-mail used up its attempts: before, its job stayed failed for good and the mail was lost.
    await waitFor('every e-mail to fail', async () => (await byStatus()).failed === total && (await failedMailJobs()).length === total, 30_000);
    api.clock.set(TEN_MINUTES_LATER);
    // The reconciliation gives each its attempts again, and while the server is down they fail again.
    await waitFor(
      'the reconciliation to try every e-mail again',
      async () => (await count(`SELECT min(email_attempts)::int AS n FROM notification WHERE email_to IS NOT NULL`)) >= 2 * ATTEMPTS,
      30_000,
    );
    expect(smtp.mails).toEqual([]);

    await smtp.start();
    await waitFor('every e-mail to be sent', async () => (await byStatus()).sent === total - refused, 30_000);
    await waitFor('the refused ones to be refused', async () => (await byStatus()).failed === refused, 10_000);
    expect(await byStatus()).toEqual({ sent: total - refused, failed: refused });

    // A further reconciliation finds nothing worth another try: the refused address is not asked again.
    expect(await worker.get(FailedJobs).retry()).toBe(0);
    const sent: Array<{ id: string }> = await api.dataSource.query(`SELECT id FROM notification WHERE email_status = 'sent'`);
    const ids = smtp.mails.map((mail) => mail.messageId);
    expect(ids).toHaveLength(total - refused);
    expect([...ids].sort()).toEqual(sent.map((row) => messageIdOf(row.id)).sort());
    expect(smtp.recipientsTried.get(refusedAddress)).toBe(refused);
    expect((await failedMailJobs()).length).toBe(refused);
    expect(smtp.mails.some((mail) => mail.to.includes(refusedAddress))).toBe(false);
  });

  it('sends the e-mail of a notice whose job the queue lost', async () => {
    const round = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2041-01-01' },
      deadline: '2030-01-31',
    });
    const [{ id: userId }] = await api.dataSource.query(`SELECT id FROM app_user WHERE subject = 'clerk.5031'`);
    const [{ council_id: councilId }] = await api.dataSource.query(`SELECT council_id FROM round WHERE id = $1`, [round.id]);
    const notifier = api.app.get(Notifier);
    // The notice is written, and its e-mail job vanishes before Redis ever held it (as with a Redis that lost its data).
    const [notice] = await api.dataSource.transaction(async (manager) => {
      const created = await notifier.notify(manager, [
        {
          key: `faults/lost-mail/${userId}`,
          userId,
          councilId,
          roundId: round.id,
          content: { kind: 'veto', roundTitle: 'Medlemsavgift 2041', councilName: 'Trondheimsregionen', vetoMunicipalityName: 'Melhus' },
          link: `/app/rounds/${round.id}`,
        },
      ]);
      const lost = await manager.getRepository(OutboxEntity).delete({ jobId: `mail/${created[0].id}` });
      expect(lost.affected).toBe(1);
      return created;
    });
    expect(notice.emailStatus).toBe('pending');
    await waitFor('the lost e-mail to be sent', async () => smtp.mails.some((mail) => mail.messageId === messageIdOf(notice.id)), 15_000);
    await waitFor('it to be recorded as sent', async () => (await count(`SELECT count(*)::int AS n FROM notification WHERE id = $1 AND email_status = 'sent'`, [notice.id])) === 1);
    expect(smtp.mails.filter((mail) => mail.messageId === messageIdOf(notice.id))).toHaveLength(1);
  });
});
