import { TestApi, startTestApi } from './support/api';
import { COUNCIL, MEMBERS, launchDueRounds } from './support/round-story';
import { TestSmtpServer, startSmtpServer } from './support/smtp-server';
import { secretariatToken } from './support/tokens';
import { waitFor } from './support/wait';
import { spawnApi, spawnEnv, spawnWorker } from './support/worker';

const NOW = '2030-01-09T12:00:00+01:00';
const CONCURRENCY = 5;

describe('a burst of reminders', () => {
  let smtp: TestSmtpServer;
  let api: TestApi;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    api = await startTestApi({ seed: true, now: NOW, env: { SMTP_URL: smtp.url } });
  });

  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  const sent = async () =>
    ((await api.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE kind = 'reminder' AND email_status = 'sent'`))[0] as { n: number }).n;

  it('survives kill -9 of the worker in the middle of 1 000 reminders: each is delivered, once', async () => {
    const total = 125 * MEMBERS.length;
    await launchDueRounds(api, 125, 3000);
    const env = spawnEnv({ databaseUrl: api.database.url, smtpUrl: smtp.url, now: NOW }, { WORKER_CONCURRENCY: String(CONCURRENCY) });
    let worker = spawnWorker(env);
    await waitFor('the burst to be under way', async () => smtp.mails.length >= total / 4, 60_000, 5).catch((error) => {
      throw new Error(`${error.message}\n${worker.stderrText()}`);
    });
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker.once('exit', resolve));
    const atKill = smtp.mails.length;
    expect(atKill).toBeLessThan(total);

    worker = spawnWorker(env);
    try {
      // Jobs the killed worker held are taken up again once their lock has run out.
      await waitFor('every reminder to be mailed', async () => (await sent()) === total, 120_000, 250);
    } finally {
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.once('exit', resolve));
    }
    const ids = smtp.mails.map((mail) => mail.messageId);
    expect(new Set(ids).size).toBe(total);
    expect(ids.every((id) => /^<notification-[0-9a-f-]{36}@vedtaksrunde>$/.test(id))).toBe(true);
    // SMTP cannot be exactly-once: a mail the server accepted just before the kill, but whose
    // "sent" the worker never wrote, goes again with the same Message-ID, which receivers fold.
    // At most the mails in flight at the kill can be repeated.
    expect(ids.length - total).toBeLessThanOrEqual(CONCURRENCY);
    const [{ notices }] = await api.dataSource.query(`SELECT count(*)::int AS notices FROM notification WHERE kind = 'reminder'`);
    expect(notices).toBe(total);
  }, 240_000);

  it('holds the same with two api and two worker processes against one PostgreSQL and one Redis', async () => {
    smtp.mails.length = 0;
    const before = await sent();
    const env = spawnEnv({ databaseUrl: api.database.url, smtpUrl: smtp.url, now: NOW });
    const apis = [await spawnApi(env), await spawnApi(env)];
    const workers = [spawnWorker(env), spawnWorker(env)];
    try {
      const token = await secretariatToken(COUNCIL);
      const launches = Array.from({ length: 50 }, (_, i) =>
        fetch(`${apis[i % 2].url}/api/councils/${COUNCIL}/rounds`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: `${4000 + i}-01-01` },
            deadline: '2030-01-10',
            reminderDaysBefore: [1],
          }),
        }).then((response) => response.status),
      );
      expect(await Promise.all(launches)).toEqual(Array(50).fill(201));
      const total = 50 * MEMBERS.length;
      await waitFor('every reminder to be mailed', async () => (await sent()) === before + total, 120_000, 250);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const ids = smtp.mails.map((mail) => mail.messageId);
      expect(ids.length).toBe(total);
      expect(new Set(ids).size).toBe(total);
    } finally {
      for (const child of [...workers, ...apis.map((a) => a.process)]) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  }, 180_000);
});
