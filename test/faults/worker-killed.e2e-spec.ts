import { messageIdOf } from '@app/application';
import { TestApi, startTestApi } from '../support/api';
import { HoldingSmtpServer, startHoldingSmtpServer } from '../support/holding-smtp-server';
import { MEMBERS, launchDueRounds } from '../support/round-story';
import { waitFor } from '../support/wait';
import { SpawnedProcess, spawnEnv, spawnWorker } from '../support/worker';

const NOW = '2030-01-09T12:00:00+01:00';
const ROUNDS = 10;
const TOTAL = ROUNDS * MEMBERS.length;
const CONCURRENCY = 5;
// Mails the server takes at once before it starts holding them: the burst is under way by then.
const ACCEPT_FIRST = 15;

// jobs-burst.e2e-spec kills a worker in the middle of 1 000 reminders and proves each is mailed
// once; this suite kills it while it holds jobs it cannot finish, and times how soon they are taken up.
describe('the worker killed with kill -9 while it holds jobs', () => {
  let smtp: HoldingSmtpServer;
  let api: TestApi;
  const workers: SpawnedProcess[] = [];

  beforeAll(async () => {
    smtp = await startHoldingSmtpServer(ACCEPT_FIRST);
    api = await startTestApi({ seed: true, now: NOW, env: { SMTP_URL: smtp.url } });
  });

  afterAll(async () => {
    smtp?.release();
    for (const worker of workers.filter((w) => w.exitCode === null && w.signalCode === null)) {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await api?.close();
    await smtp?.close();
  });

  const withStatus = async (status: string): Promise<string[]> =>
    (await api.dataSource.query(`SELECT id FROM notification WHERE kind = 'reminder' AND email_status = $1`, [status])).map((row: { id: string }) => row.id);

  it('has another worker take up the jobs it held within a minute, and every reminder is mailed', async () => {
    await launchDueRounds(api, ROUNDS, 3200);
    const env = spawnEnv({ databaseUrl: api.database.url, smtpUrl: smtp.url, now: NOW }, { WORKER_CONCURRENCY: String(CONCURRENCY) });
    const first = spawnWorker(env);
    workers.push(first);
    await waitFor('the worker to hold mails it cannot finish', async () => smtp.held() === CONCURRENCY && (await withStatus('sending')).length === CONCURRENCY, 30_000, 20).catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${first.stderrText()}`);
      },
    );
    const held = await withStatus('sending');

    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();
    // The server took the held mails after all; the killed worker never heard, so they go again, with the same Message-ID.
    smtp.release();

    // As an orchestrator would: a worker is started again at once. The killed one's jobs keep its lock until it runs out.
    const second = spawnWorker(env);
    workers.push(second);
    await waitFor('the held jobs to be mailed', async () => (await withStatus('sent')).filter((id) => held.includes(id)).length === held.length, 60_000, 100).catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${second.stderrText()}`);
      },
    );
    const tookMs = Date.now() - killedAt;
    expect(tookMs).toBeLessThan(60_000);
    await waitFor('every reminder to be mailed', async () => (await withStatus('sent')).length === TOTAL, 30_000);

    const copies = new Map<string, number>();
    for (const id of smtp.accepted) copies.set(id, (copies.get(id) ?? 0) + 1);
    expect(copies.size).toBe(TOTAL);
    expect([...copies.keys()].sort()).toEqual((await withStatus('sent')).map(messageIdOf).sort());
    // Only a mail in flight at the kill can arrive twice, and then as the same message.
    const twice = [...copies].filter(([, n]) => n > 1).map(([id]) => id);
    expect(twice.every((id) => held.map(messageIdOf).includes(id))).toBe(true);
    expect([...copies.values()].every((n) => n <= 2)).toBe(true);
    process.stdout.write(`[faults] jobs held by a killed worker were taken up ${(tookMs / 1000).toFixed(1)} s after the kill\n`);
  });
});
