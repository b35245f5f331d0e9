import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import request from 'supertest';
import { RoundJobsHandler, messageIdOf } from '@app/application';
import { reminderSendAt, startOfDayInOslo } from '@app/domain';
import { QUEUE_NAME, jobIds, redisOptions } from '@app/jobs';
import { TestApi, startTestApi } from './support/api';
import { OwnRedis, startOwnRedis } from './support/redis-server';
import { COUNCIL, MEMBERS, decision, launchFeeRound, register } from './support/round-story';
import { TestSmtpServer, startSmtpServer } from './support/smtp-server';
import { secretariatToken } from './support/tokens';
import { waitFor } from './support/wait';
import { startTestWorker } from './support/worker';

// A Wednesday in January: no holiday near, so the reminder dates are the plain ones.
const NOW = '2030-01-09T12:00:00+01:00';
const STAFF = ['sekretariat.trondheimsregionen', 'leder.trondheimsregionen'];
const CLERKS = MEMBERS.map((nr) => `clerk.${nr}`);
// Trondheim's decisions are made by its bystyre.
const adopted = (nr: string, meetingDate = '2030-01-08') => decision('adopted', meetingDate, nr === '5001' ? { body: 'bystyre' } : {});

interface NoticeRow {
  id: string;
  recipient: string;
  kind: string;
  language: string;
  subject: string;
  body: string;
  email_to: string | null;
  email_status: string;
  /** The notice whose Message-ID the e-mail it went out in bears (a digest folds several into one). */
  email_id: string | null;
}

describe('the notices the jobs send: outcome, veto, coming into force, reminders of a postponed case', () => {
  let redis: OwnRedis;
  let smtp: TestSmtpServer;
  let api: TestApi;
  let worker: INestApplicationContext;
  let queue: Queue;
  const prefix = `{vt-${randomBytes(4).toString('hex')}}`;
  // The rounds of (a) and (b), whose e-mails (d) checks.
  let approvedId = '';
  let rejectedId = '';
  // The round of (c), whose postponements the secretariat is told of.
  let postponedId = '';

  beforeAll(async () => {
    redis = await startOwnRedis();
    smtp = await startSmtpServer();
    api = await startTestApi({ seed: true, now: NOW, env: { REDIS_URL: redis.url, SMTP_URL: smtp.url } });
    worker = await startTestWorker({ DATABASE_URL: api.database.url, REDIS_URL: redis.url, QUEUE_PREFIX: prefix, SMTP_URL: smtp.url }, api.clock);
    queue = new Queue(QUEUE_NAME, { connection: redisOptions(redis.url, 'queue'), prefix });
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await api?.close();
    await smtp?.close();
    await redis?.dispose();
  });

  beforeEach(() => api.clock.set(NOW));

  const count = async (sql: string, params: unknown[] = []) => ((await api.dataSource.query(sql, params))[0] as { n: number }).n;
  const relayed = () => waitFor('the outbox to be relayed', async () => (await count(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`)) === 0);
  const notices = (roundId: string, kind?: string): Promise<NoticeRow[]> =>
    api.dataSource.query(
      `SELECT n.id, u.subject AS recipient, n.kind, n.language, n.subject, n.body, n.email_to, n.email_status, n.email_id
         FROM notification n JOIN app_user u ON u.id = n.user_id
        WHERE n.round_id = $1 AND ($2::text IS NULL OR n.kind = $2)
        ORDER BY u.subject`,
      [roundId, kind ?? null],
    );
  const recipients = (rows: NoticeRow[]) => rows.map((row) => row.recipient).sort();
  const titleOf = async (roundId: string) => ((await api.dataSource.query(`SELECT title FROM round WHERE id = $1`, [roundId]))[0] as { title: string }).title;
  const jobExists = async (jobId: string) => (await queue.getJob(jobId)) !== undefined;
  /** Nothing left for the worker to do now: the outbox is relayed and no job is waiting or running. */
  const quiet = async () => {
    await relayed();
    await waitFor('the queue to be idle', async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      return counts.waiting + counts.active + counts.prioritized === 0 && (await count(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`)) === 0;
    });
  };

  it('(a) an approved round: staff are told once that it settled, no clerk hears of a veto, and everyone is told on the day it comes into force', async () => {
    const round = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2031-01-01' },
      deadline: '2030-01-31',
    });
    approvedId = round.id;
    for (const nr of MEMBERS) expect((await register(api, round.id, nr, adopted(nr))).status).toBe(200);
    const title = await titleOf(round.id);

    await waitFor('the settled notices', async () => (await notices(round.id, 'settled')).length === STAFF.length, 5_000);
    await quiet();
    const settled = await notices(round.id, 'settled');
    expect(recipients(settled)).toEqual([...STAFF].sort());
    for (const row of settled) {
      expect(row.subject).toContain(title);
      expect(row.subject).toBe(`Vedtatt i alle kommunene: ${title}`);
    }
    expect(await notices(round.id, 'veto')).toEqual([]);
    // The round's reminders and deadline went with the settlement; only the outcome was told.
    expect((await notices(round.id)).map((row) => row.kind)).toEqual(['settled', 'settled']);

    // The in-force job waits until 00:00 in Oslo on 1 January 2031, a year after the clock's now.
    const inForceAt = startOfDayInOslo('2031-01-01');
    expect(inForceAt.toISOString()).toBe('2030-12-31T23:00:00.000Z');
    const outbox = await api.dataSource.query(`SELECT run_at FROM outbox WHERE job_id = $1 AND operation = 'add'`, [jobIds.inForce({ roundId: round.id })]);
    expect(outbox).toHaveLength(1);
    expect((outbox[0].run_at as Date).toISOString()).toBe(inForceAt.toISOString());
    const job = await queue.getJob(jobIds.inForce({ roundId: round.id }));
    expect(job?.name).toBe('round.in-force');
    expect(await job?.getState()).toBe('delayed');
    expect(job?.opts.delay).toBe(inForceAt.getTime() - new Date(NOW).getTime());
    expect(await notices(round.id, 'in_force')).toEqual([]);

    const handler = worker.get(RoundJobsHandler);
    // Run early, it does nothing: the day has not come.
    expect(await handler.inForce({ roundId: round.id })).toBe('skipped');
    api.clock.set('2030-12-31T23:59:59+01:00');
    expect(await handler.inForce({ roundId: round.id })).toBe('skipped');
    expect(await notices(round.id, 'in_force')).toEqual([]);

    api.clock.set('2031-01-01T00:00:00+01:00');
    expect(await handler.inForce({ roundId: round.id })).toBe('done');
    const inForce = await notices(round.id, 'in_force');
    expect(recipients(inForce)).toEqual([...STAFF, ...CLERKS].sort());
    expect(inForce.every((row) => row.subject.includes(title))).toBe(true);

    // Run again (a retry, a second worker, the reconciliation): nobody is told twice.
    expect(await handler.inForce({ roundId: round.id })).toBe('skipped');
    expect(await notices(round.id, 'in_force')).toHaveLength(STAFF.length + CLERKS.length);
    // Their e-mails are queued against this clock; let them go before time is turned back.
    await quiet();
  });

  it('(b) a veto: every clerk of the electorate hears of it once, staff hear the outcome once, and later adoptions change nothing', async () => {
    // Indre Fosen writes nynorsk; its clerk has no language of their own.
    await api.dataSource.query(`UPDATE municipality SET language = 'nn' WHERE number = '5054'`);
    const round = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2032-01-01' },
      deadline: '2030-01-31',
    });
    rejectedId = round.id;
    const title = await titleOf(round.id);
    expect((await register(api, round.id, '5031', adopted('5031'))).status).toBe(200);
    const veto = await register(api, round.id, '5028', decision('rejected', '2030-01-08'));
    expect(veto.status).toBe(200);
    expect(veto.body.round.status).toBe('rejected');

    await waitFor('the veto notices', async () => (await notices(round.id, 'veto')).length === CLERKS.length, 5_000);
    await quiet();
    const vetoes = await notices(round.id, 'veto');
    // Malvik, which adopted, and Melhus, which said no, are told too: every clerk of the round.
    expect(recipients(vetoes)).toEqual([...CLERKS].sort());
    for (const row of vetoes) expect(row.subject).toContain(title);
    const settled = await notices(round.id, 'settled');
    expect(recipients(settled)).toEqual([...STAFF].sort());
    for (const row of settled) expect(row.subject).toBe(`Ikke vedtatt: ${title}`);

    // The others' decisions are still recorded, but the outcome was settled once.
    for (const nr of MEMBERS.filter((n) => !['5031', '5028'].includes(n))) {
      const later = await register(api, round.id, nr, adopted(nr));
      expect(later.status).toBe(200);
      expect(later.body.round.status).toBe('rejected');
    }
    await quiet();
    // Give a wrongly queued second outcome the time to run: it must not.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await quiet();
    expect(await notices(round.id, 'veto')).toHaveLength(CLERKS.length);
    expect(await notices(round.id, 'settled')).toHaveLength(STAFF.length);
    expect((await notices(round.id)).filter((row) => !['veto', 'settled'].includes(row.kind))).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM event WHERE type = 'round.settled' AND round_id = $1`, [round.id])).toBe(1);
  });

  it('(c) a postponed member’s reminders follow its next meeting, and go when it adopts', async () => {
    const round = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2033-01-01' },
      deadline: '2030-02-28',
    });
    postponedId = round.id;
    await relayed();
    const reminder = (nr: string, date: string) => jobIds.reminder({ roundId: round.id, municipalityNumber: nr, date });
    // 14, 7 and 1 days before Thursday 28 February.
    const beforeDeadline = ['2030-02-14', '2030-02-21', '2030-02-27'];
    // 14, 7 and 1 days before Tuesday 5 February.
    const beforeMeeting = ['2030-01-22', '2030-01-29', '2030-02-04'];
    for (const date of beforeDeadline) expect(await jobExists(reminder('5029', date))).toBe(true);

    const postponed = await register(api, round.id, '5029', decision('postponed', '2030-01-08', { nextMeetingDate: '2030-02-05' }));
    expect(postponed.status).toBe(200);
    await relayed();
    for (const date of beforeDeadline) expect(await jobExists(reminder('5029', date))).toBe(false);
    for (const date of beforeMeeting) {
      const job = await queue.getJob(reminder('5029', date));
      expect(job?.data).toEqual({ roundId: round.id, municipalityNumber: '5029', date });
      expect(await job?.getState()).toBe('delayed');
      // 08:00 in Oslo on the reminder's day, counted from the clock's now.
      expect(job?.opts.delay).toBe(reminderSendAt(date).getTime() - new Date(NOW).getTime());
    }
    // The other members' reminders still count down to the deadline.
    for (const date of beforeDeadline) expect(await jobExists(reminder('5001', date))).toBe(true);
    for (const date of beforeMeeting) expect(await jobExists(reminder('5001', date))).toBe(false);

    // A next meeting after the deadline does not move the reminders past it.
    const late = await register(api, round.id, '5027', decision('postponed', '2030-01-08', { nextMeetingDate: '2030-03-12' }));
    expect(late.status).toBe(200);
    await relayed();
    for (const date of beforeDeadline) expect(await jobExists(reminder('5027', date))).toBe(true);

    expect((await register(api, round.id, '5029', adopted('5029', '2030-01-09'))).status).toBe(200);
    await relayed();
    for (const date of [...beforeMeeting, ...beforeDeadline]) expect(await jobExists(reminder('5029', date))).toBe(false);
    for (const date of beforeDeadline) expect(await jobExists(reminder('5001', date))).toBe(true);
    expect(await jobExists(jobIds.deadline({ roundId: round.id, deadline: '2030-02-28' }))).toBe(true);
    // No clerk is reminded yet; the secretariat and the leader hear of both postponements, and once
    // that Midtre Gauldal's next meeting, on 12 March, comes after the deadline.
    await quiet();
    const told = await notices(round.id);
    expect(told.map((row) => `${row.kind} ${row.recipient}`).sort()).toEqual(
      STAFF.flatMap((person) => [`forecast_late ${person}`, `postponed ${person}`, `postponed ${person}`]).sort(),
    );
    expect(told.find((row) => row.kind === 'forecast_late')!.body).toContain('kan ikke ventes avgjort før 12. mars 2030, etter fristen 28. februar 2030');
    expect(told.filter((row) => row.kind === 'postponed').map((row) => row.subject)).toEqual(
      expect.arrayContaining([`Skaun har utsatt saken: ${await titleOf(round.id)}`, `Midtre Gauldal har utsatt saken: ${await titleOf(round.id)}`]),
    );
  });

  it('(d) the e-mails of the outcome, the veto and coming into force arrive once each, in the recipient’s written standard', async () => {
    await waitFor(
      'every e-mail to be sent',
      async () => (await count(`SELECT count(*)::int AS n FROM notification WHERE email_status IN ('pending', 'sending')`)) === 0,
      10_000,
    );
    const all: NoticeRow[] = [...(await notices(approvedId)), ...(await notices(rejectedId)), ...(await notices(postponedId))];
    // (a): 2 settled + 10 in force; (b): 2 settled + 8 vetoes; (c): 2 × 2 postponements + 2 forecasts past the deadline.
    expect(all).toHaveLength(2 + 10 + 2 + 8 + 4 + 2);
    expect(all.every((row) => row.email_status === 'sent' && row.email_to !== null)).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM notification WHERE email_status = 'sent'`)).toBe(all.length);

    // Notices to one person about one round on one day go out together: one e-mail per digest, each sent once.
    const ids = smtp.mails.map((mail) => mail.messageId);
    const digests = new Set(all.map((row) => messageIdOf(row.email_id!)));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...digests].sort());
    for (const row of all) {
      const mail = smtp.mails.find((m) => m.messageId === messageIdOf(row.email_id!))!;
      expect(mail.to).toEqual([row.email_to]);
      expect(mail.raw).toMatch(new RegExp(`^Content-Language: ${row.language}\\r?$`, 'im'));
    }

    // Indre Fosen's clerk reads the veto in nynorsk; the other clerks and the staff in bokmål.
    const vetoes = await notices(rejectedId, 'veto');
    const indreFosen = vetoes.find((row) => row.recipient === 'clerk.5054')!;
    expect(indreFosen.language).toBe('nn');
    expect(indreFosen.body).toContain('har ikkje vedteke saka');
    expect(vetoes.filter((row) => row.recipient !== 'clerk.5054').every((row) => row.language === 'nb')).toBe(true);
    expect(vetoes.find((row) => row.recipient === 'clerk.5001')!.body).toContain('har ikke vedtatt saken');
    expect((await notices(rejectedId, 'settled')).every((row) => row.language === 'nb')).toBe(true);
  });

  it('(e) withdrawing a round takes its pending reminders and its deadline job out of the queue, and tells the clerks why', async () => {
    const round = await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2034-01-01' },
      deadline: '2030-01-31',
    });
    expect((await register(api, round.id, '5035', decision('scheduled', '2030-01-20'))).status).toBe(200);
    await relayed();
    const pending = [
      ...MEMBERS.flatMap((nr) =>
        ['2030-01-17', '2030-01-24', '2030-01-30'].map((date) => jobIds.reminder({ roundId: round.id, municipalityNumber: nr, date })),
      ),
      jobIds.deadline({ roundId: round.id, deadline: '2030-01-31' }),
    ];
    for (const id of pending) expect(await jobExists(id)).toBe(true);

    await request(api.http)
      .post(`/api/rounds/${round.id}/withdraw`)
      .set('Authorization', `Bearer ${await secretariatToken(COUNCIL)}`)
      .send({ reason: 'Nye budsjettrammer' })
      .expect(200);
    await relayed();
    for (const id of pending) expect(await jobExists(id)).toBe(false);
    // Every member is still to decide (Stjørdal only scheduled it): each clerk is told, once, with the reason.
    const withdrawn = await notices(round.id);
    expect(recipients(withdrawn)).toEqual([...CLERKS].sort());
    const title = await titleOf(round.id);
    for (const row of withdrawn) {
      expect(row.kind).toBe('withdrawn');
      // Indre Fosen writes nynorsk (b).
      const nynorsk = row.recipient === 'clerk.5054';
      expect(row.language).toBe(nynorsk ? 'nn' : 'nb');
      expect(row.subject).toBe(`${nynorsk ? 'Trekt' : 'Trukket'}: ${title}`);
      expect(row.body).toContain(`${nynorsk ? 'Grunngjeving' : 'Begrunnelse'}: Nye budsjettrammer`);
    }
  });
});
