import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NoticeContent, NoticeRequest, Notifier, messageIdOf } from '@app/application';
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
    clerkId = (await api.dataSource.query(`SELECT id FROM app_user WHERE subject = 'clerk.5001'`))[0].id;
    councilId = (await api.dataSource.query(`SELECT id FROM council WHERE slug = $1`, [COUNCIL]))[0].id;
    const launched = [await launchFeeRound(api), await launchFeeRound(api, { deadline: '2022-12-20', subject: { type: 'fees', total: '5000000.00', costKey: 'fees-2022', effectiveFrom: '2023-07-01' } })];
    rounds = await api.dataSource.query(`SELECT id, title FROM round WHERE id = ANY($1::uuid[]) ORDER BY deadline`, [launched.map((round) => round.id)]);
    // Whatever launching told anyone has gone out before the tests write theirs.
    await waitFor('the launch notices to be e-mailed', async () => (await api.dataSource.query(`SELECT 1 FROM notification WHERE email_status <> 'sent' AND email_status <> 'off'`)).length === 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
  });

  afterAll(async () => {
    await worker?.close();
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
  /** The mails that carry any of these notices, by the Message-ID of the notice whose job sent it. */
  const mailsOf = (ids: string[]) => smtp.mails.filter((mail) => ids.some((id) => mail.messageId === messageIdOf(id)));

  it('sends five notices to one clerk about one round on one day as one e-mail listing them', async () => {
    const written: NotificationEntity[] = [];
    for (let daysLeft = 5; daysLeft >= 1; daysLeft--) written.push(await notifyClerk(rounds[0], daysLeft));
    const ids = written.map((row) => row.id);
    await allSent(ids);
    // Every mail job has run: the later four found their notices gone out with the first's.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const mails = mailsOf(ids);
    expect(mails).toHaveLength(1);
    expect(mails[0].messageId).toBe(messageIdOf(ids[0]));
    expect(mails[0].to).toEqual(['politisk.sekretariat.5001@kommune.local']);
    expect(subjectOf(mails[0])).toBe(`5 varsler om «${rounds[0].title}»`);
    const text = textOf(mails[0]);
    const positions = written.map((row) => text.indexOf(row.subject));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const row of written) expect(text).toContain(row.body.split('\n')[0]);
    expect((await stored(ids)).map((row) => row.email_id)).toEqual(ids.map(() => ids[0]));

    // A notice of the same day after the digest went out is an e-mail of its own, as it always was.
    const later = await notifyClerk(rounds[0], 0);
    await allSent([later.id]);
    const [own] = mailsOf([later.id]);
    expect(subjectOf(own)).toBe(later.subject);
    expect(mailsOf([...ids, later.id])).toHaveLength(2);
  });

  it('sends notices on two days, about two rounds, or about no round apart', async () => {
    const first = await notifyClerk(rounds[0], 3);
    const otherRound = await notifyClerk(rounds[1], 3);
    const noRound = await notifyClerk(null, 3);
    const noRoundToo = await notifyClerk(null, 2);
    // Late in the evening and just after midnight, Oslo time: two days.
    api.clock.set('2022-12-02T23:59:00+01:00');
    const evening = await notifyClerk(rounds[0], 2);
    api.clock.set('2022-12-03T00:00:30+01:00');
    const morning = await notifyClerk(rounds[0], 1);
    const ids = [first, otherRound, noRound, noRoundToo, evening, morning].map((row) => row.id);
    await allSent(ids);
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(mailsOf(ids).map((mail) => mail.messageId).sort()).toEqual(
      [first, otherRound, noRound, evening, morning].map((row) => messageIdOf(row.id)).sort(),
    );
    expect(subjectOf(mailsOf([noRound.id])[0])).toBe('2 varsler fra Vedtaksrunde');
    expect(subjectOf(mailsOf([first.id])[0])).toBe(first.subject);
  });

  it('sends a digest the mail server turned away once, later, as the same message', async () => {
    smtp.refuseWith = 451;
    const written = [await notifyClerk(rounds[1], 5), await notifyClerk(rounds[1], 4)];
    const ids = written.map((row) => row.id);
    await waitFor('the first attempt to fail', async () => (await stored(ids)).every((row) => row.email_attempts >= 1 && row.email_status === 'pending'));
    smtp.refuseWith = null;
    await allSent(ids);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const mails = mailsOf(ids);
    expect(mails.map((mail) => mail.messageId)).toEqual([messageIdOf(ids[0])]);
    expect(subjectOf(mails[0])).toBe(`2 varsler om «${rounds[1].title}»`);
    const rows = await stored(ids);
    expect(rows.map((row) => row.email_id)).toEqual([ids[0], ids[0]]);
    expect(rows[0].email_attempts).toBeGreaterThanOrEqual(2);
    expect(rows[1].email_attempts).toBe(rows[0].email_attempts);
  });
});
