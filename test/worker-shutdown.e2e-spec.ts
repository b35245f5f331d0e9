import { messageIdOf } from '@app/application';
import { TestApi, startTestApi } from './support/api';
import { HoldingSmtpServer, startHoldingSmtpServer } from './support/holding-smtp-server';
import { MEMBERS, launchDueRounds } from './support/round-story';
import { waitFor } from './support/wait';
import { spawnEnv, spawnWorker } from './support/worker';

const NOW = '2030-01-09T12:00:00+01:00';
const ROUNDS = 10;
const TOTAL = ROUNDS * MEMBERS.length;
const CONCURRENCY = 5;
const GRACE_MS = 15_000;
// Mails the server takes at once before it starts holding them: the burst is under way by then.
const ACCEPT_FIRST = 15;

type Exit = { code: number | null; signal: NodeJS.Signals | null; at: number };

describe('graceful shutdown of the worker', () => {
  let smtp: HoldingSmtpServer;
  let api: TestApi;

  beforeAll(async () => {
    smtp = await startHoldingSmtpServer(ACCEPT_FIRST);
    api = await startTestApi({ seed: true, now: NOW, env: { SMTP_URL: smtp.url } });
  });

  afterAll(async () => {
    smtp?.release();
    await api?.close();
    await smtp?.close();
  });

  const statuses = async (): Promise<Record<string, number>> => {
    const rows: Array<{ email_status: string; n: number }> = await api.dataSource.query(
      `SELECT email_status, count(*)::int AS n FROM notification WHERE kind = 'reminder' GROUP BY email_status`,
    );
    return Object.fromEntries(rows.map((row) => [row.email_status, row.n]));
  };
  const sentIds = async (): Promise<string[]> =>
    (await api.dataSource.query(`SELECT id FROM notification WHERE kind = 'reminder' AND email_status = 'sent'`)).map((row: { id: string }) =>
      messageIdOf(row.id),
    );

  it('on SIGTERM finishes the mails in flight before it exits, within the grace period, and leaves nothing half-sent', async () => {
    // Ten rounds whose one reminder (the day before the deadline) is due now: 80 mails.
    await launchDueRounds(api, ROUNDS, 3100);
    const env = spawnEnv(
      { databaseUrl: api.database.url, smtpUrl: smtp.url, now: NOW },
      { WORKER_CONCURRENCY: String(CONCURRENCY), SHUTDOWN_GRACE_MS: String(GRACE_MS) },
    );
    const worker = spawnWorker(env);
    const exited = new Promise<Exit>((resolve) => worker.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
    const failWith = (error: Error) => {
      throw new Error(`${error.message}\n${worker.stderrText()}`);
    };

    // The server has taken the first mails and holds the next: every job the worker may hold is a mail in flight.
    await waitFor('mails to be in flight', async () => smtp.held() === CONCURRENCY && (await statuses()).sending === CONCURRENCY, 30_000, 20).catch(
      failWith,
    );
    const inFlight = CONCURRENCY;

    const signalledAt = Date.now();
    worker.kill('SIGTERM');
    // It does not walk away from the jobs it holds: it waits for the mail server.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(worker.exitCode).toBeNull();
    expect(worker.signalCode).toBeNull();
    expect((await statuses()).sending ?? 0).toBe(inFlight);

    const acceptedBeforeRelease = smtp.accepted.length;
    smtp.release();
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      exited,
      new Promise<Exit>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`the worker did not exit\n${worker.stderrText()}`)), GRACE_MS + 5_000);
      }),
    ]).finally(() => clearTimeout(timer));
    // It left on its own with exit code 0, once its jobs were done: not through the grace period's
    // exit(1), nor a crash, nor killed by the signal.
    expect({ code: exit.code, signal: exit.signal, stderr: exit.code === 0 ? '' : worker.stderrText() }).toEqual({
      code: 0,
      signal: null,
      stderr: '',
    });
    expect(exit.at - signalledAt).toBeLessThan(GRACE_MS);

    // Every mail it had claimed went out and was recorded as sent; nothing is left `sending`.
    const after = await statuses();
    expect(after.sending ?? 0).toBe(0);
    expect(after.failed ?? 0).toBe(0);
    expect(smtp.accepted.length).toBeGreaterThanOrEqual(acceptedBeforeRelease + inFlight);
    expect([...smtp.accepted].sort()).toEqual((await sentIds()).sort());
    // And it stopped taking new work: the burst was not simply drained before it left.
    expect(after.sent ?? 0).toBeLessThan(TOTAL);

    // A new worker takes up the rest: every reminder mailed, each once.
    const next = spawnWorker(env);
    try {
      await waitFor('every reminder to be mailed', async () => (await statuses()).sent === TOTAL, 30_000, 100).catch((error: Error) => {
        throw new Error(`${error.message}\n${next.stderrText()}`);
      });
    } finally {
      next.kill('SIGTERM');
      await new Promise((resolve) => next.once('exit', resolve));
    }
    const [{ n }] = await api.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE kind = 'reminder'`);
    expect(n).toBe(TOTAL);
    expect(smtp.accepted).toHaveLength(TOTAL);
    expect(new Set(smtp.accepted).size).toBe(TOTAL);
    expect([...smtp.accepted].sort()).toEqual((await sentIds()).sort());
  }, 60_000);
});
