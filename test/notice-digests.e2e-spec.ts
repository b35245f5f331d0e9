import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, Mailer, NoticeContent, NoticeRequest, Notifier, SendMailHandler, messageIdOf } from '@app/application';
import { AppConfig } from '@app/config';
import { NotificationEntity } from '@app/persistence';
import { TestApi, startTestApi } from './support/api';
import { OwnRedis, startOwnRedis } from './support/redis-server';
import { COUNCIL, launchFeeRound } from './support/round-story';
import { ReceivedMail, TestSmtpServer, startSmtpServer } from './support/smtp-server';
import { waitFor } from './support/wait';
import { startTestWorker } from './support/worker';

const NOW = '2022-12-01T09:00:00+01:00';
// Long enough for five notices written one after another to wait for each other, short enough for a test.
const DIGEST_SECONDS = '2';

/** The body of a mail as plain text: its quoted-printable soft breaks and escapes undone. */
function textOf(mail: ReceivedMail): string {
  const body = mail.raw.slice(mail.raw.indexOf('\r\n\r\n') + 4);
  return Buffer.from(
    body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_all, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

/** The Subject header, decoded from its encoded words. */
function subjectOf(mail: ReceivedMail): string {
  const header = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(mail.raw)?.[1] ?? '';
  return header
    .replace(/\r\n[ \t]/g, ' ')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_all, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_a, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    )
    .trim();
}

describe('a digest rather than a flood: notices to one person about one round on one day are one e-mail', () => {
  let redis: OwnRedis;
  let smtp: TestSmtpServer;
  let api: TestApi;
  let worker: INestApplicationContext;
  let notifier: Notifier;
  let clerkId: string;
  let councilId: string;
  let rounds: Array<{ id: string; title: string }>;
  let keys = 0;

  beforeAll(async () => {
    redis = await startOwnRedis();
    smtp = await startSmtpServer();
    const env = { REDIS_URL: redis.url, SMTP_URL: smtp.url, MAIL_DIGEST_SECONDS: DIGEST_SECONDS };
    api = await startTestApi({ seed: true, now: NOW, env });
    worker = await startTestWorker(
      { ...env, DATABASE_URL: api.database.url, QUEUE_PREFIX: `{vt-${randomBytes(4).toString('hex')}}` },
      api.clock,
      // A failed attempt is tried again a second later.
      { defaultJobOptions: { attempts: 4, backoff: { type: 'fixed', delay: 1_000 } } },
    );
    notifier = api.app.get(Notifier);
    // A clerk of the test's own, whom no job of the rounds tells anything.
    clerkId = (await api.dataSource.query(`INSERT INTO app_user (subject, name, email) VALUES ('digest.clerk', 'Digest Clerk', 'digest.clerk@kommune.local') RETURNING id`))[0].id;
    councilId = (await api.dataSource.query(`SELECT id FROM council WHERE slug = $1`, [COUNCIL]))[0].id;
    const launched = [await launchFeeRound(api), await launchFeeRound(api, { deadline: '2022-12-20', subject: { type: 'fees', total: '5000000.00', costKey: 'fees-2022', effectiveFrom: '2023-07-01' } })];
    rounds = await api.dataSource.query(`SELECT id, title FROM round WHERE id = ANY($1::uuid[]) ORDER BY deadline`, [launched.map((round) => round.id)]);
    // Whatever launching told anyone has gone out before the tests write theirs.
    await waitFor('the launch notices to be e-mailed', async () => (await api.dataSource.query(`SELECT 1 FROM notification WHERE email_status <> 'sent' AND email_status <> 'off'`)).length === 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
  });

  afterAll(async () => {
    await worker?.close().catch(() => undefined);
    await api?.close();
    await smtp?.close();
    await redis?.dispose();
  });

  beforeEach(() => {
    api.clock.set(NOW);
    smtp.refuseWith = null;
  });

  const reminder = (round: { title: string }, daysLeft: number): NoticeContent => ({
    kind: 'reminder',
    roundTitle: round.title,
    councilName: 'Trondheimsregionen',
    municipalityName: 'Trondheim',
    deadline: '2022-12-15',
    daysLeft,
  });
  /** One notice to Trondheim's clerk, written in a transaction of its own, as each job writes its notices. */
  const notifyClerk = async (round: { id: string; title: string } | null, daysLeft: number): Promise<NotificationEntity> => {
    const request: NoticeRequest = {
      key: `digest-test/${++keys}/${clerkId}`,
      userId: clerkId,
      councilId,
      roundId: round?.id ?? null,
      content: reminder(round ?? { title: 'Medlemsavgift' }, daysLeft),
      link: round ? `/rounds/${round.id}` : null,
    };
    const [row] = await api.dataSource.transaction((manager: EntityManager) => notifier.notify(manager, [request]));
    return row;
  };
  const stored = (ids: string[]): Promise<Array<{ id: string; email_status: string; email_id: string | null; email_attempts: number }>> =>
    api.dataSource.query(`SELECT id, email_status, email_id, email_attempts FROM notification WHERE id = ANY($1::uuid[]) ORDER BY created_at, id`, [ids]);
  const allSent = (ids: string[]) => waitFor('the notices to be e-mailed', async () => (await stored(ids)).every((row) => row.email_status === 'sent'), 20_000);
  /** The e-mails each of these notices went out in, by the Message-ID of the notice whose job sent it (whichever job came first). */
  const emailsOf = async (ids: string[]) => [...new Set((await stored(ids)).map((row) => row.email_id!))];
  const mailsOf = async (ids: string[]) => {
    const emails = await emailsOf(ids);
    return smtp.mails.filter((mail) => emails.some((id) => mail.messageId === messageIdOf(id)));
  };

  it('sends five notices to one clerk about one round on one day as one e-mail listing them', async () => {
    const written: NotificationEntity[] = [];
    for (let daysLeft = 5; daysLeft >= 1; daysLeft--) written.push(await notifyClerk(rounds[0], daysLeft));
    const ids = written.map((row) => row.id);
    await allSent(ids);
    // Every mail job has run: the later four found their notices gone out with the first's.
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(await emailsOf(ids)).toHaveLength(1);
    expect(ids).toContain((await emailsOf(ids))[0]);
    const mails = await mailsOf(ids);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['digest.clerk@kommune.local']);
    expect(subjectOf(mails[0])).toBe(`5 varsler om «${rounds[0].title}»`);
    const text = textOf(mails[0]);
    const positions = written.map((row) => text.indexOf(row.subject));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const row of written) expect(text).toContain(row.body.split('\n')[0]);

    // A notice of the same day after the digest went out is an e-mail of its own, as it always was.
    const later = await notifyClerk(rounds[0], 0);
    await allSent([later.id]);
    const [own] = await mailsOf([later.id]);
    expect(subjectOf(own)).toBe(later.subject);
    expect(await mailsOf([...ids, later.id])).toHaveLength(2);
  });

  it('sends notices on two days, about two rounds, or about no round apart', async () => {
    const first = await notifyClerk(rounds[0], 3);
    const otherRound = await notifyClerk(rounds[1], 3);
    const noRound = await notifyClerk(null, 3);
    const noRoundToo = await notifyClerk(null, 2);
    // Gone out before the clock moves on, which would make their mail jobs due at once.
    await allSent([first, otherRound, noRound, noRoundToo].map((row) => row.id));
    // Late in the evening and just after midnight, Oslo time: two days.
    api.clock.set('2022-12-02T23:59:00+01:00');
    const evening = await notifyClerk(rounds[0], 2);
    api.clock.set('2022-12-03T00:00:30+01:00');
    const morning = await notifyClerk(rounds[0], 1);
    const ids = [first, otherRound, noRound, noRoundToo, evening, morning].map((row) => row.id);
    await allSent(ids);
    await new Promise((resolve) => setTimeout(resolve, 500));

    // The two about no round are one e-mail; every other is one of its own.
    expect(await emailsOf([noRound.id, noRoundToo.id])).toHaveLength(1);
    expect(await emailsOf(ids)).toHaveLength(5);
    expect(await mailsOf(ids)).toHaveLength(5);
    expect((await mailsOf([noRound.id])).map(subjectOf)).toEqual(['2 varsler fra Vedtaksrunde']);
    for (const row of [first, otherRound, evening, morning]) expect((await mailsOf([row.id])).map(subjectOf)).toEqual([row.subject]);
  });

  it('sends a digest the mail server turned away once, later, as the same message', async () => {
    smtp.refuseWith = 451;
    const written = [await notifyClerk(rounds[1], 5), await notifyClerk(rounds[1], 4)];
    const ids = written.map((row) => row.id);
    await waitFor('the first attempt to fail', async () => (await stored(ids)).every((row) => row.email_attempts >= 1 && row.email_status === 'pending'));
    smtp.refuseWith = null;
    await allSent(ids);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const [email] = await emailsOf(ids);
    const mails = await mailsOf(ids);
    expect(mails.map((mail) => mail.messageId)).toEqual([messageIdOf(email)]);
    expect(subjectOf(mails[0])).toBe(`2 varsler om «${rounds[1].title}»`);
    const rows = await stored(ids);
    expect(rows.map((row) => row.email_id)).toEqual([email, email]);
    expect(rows[0].email_attempts).toBeGreaterThanOrEqual(2);
    expect(rows[1].email_attempts).toBe(rows[0].email_attempts);
  });

  it('keeps a digest in the inbox only when e-mail was turned off since it was written', async () => {
    await worker.close();
    const written = [await notifyClerk(rounds[0], 9), await notifyClerk(rounds[0], 8)];
    const off = new Mailer(Object.assign(Object.create(AppConfig.prototype), api.app.get(AppConfig), { smtpUrl: null }));
    const handler = new SendMailHandler(api.dataSource, off, api.app.get(Clock));
    await expect(handler.execute({ notificationId: written[0].id })).resolves.toBe('skipped');
    expect((await stored(written.map((row) => row.id))).map((row) => row.email_status)).toEqual(['off', 'off']);
    expect(smtp.mails.filter((mail) => written.some((row) => mail.messageId === messageIdOf(row.id)))).toEqual([]);
  });
});
