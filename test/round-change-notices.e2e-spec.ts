import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import request from 'supertest';
import { RoundJobsHandler, messageIdOf } from '@app/application';
import { QUEUE_NAME, jobIds, redisOptions } from '@app/jobs';
import { TestApi, startTestApi } from './support/api';
import { OwnRedis, startOwnRedis } from './support/redis-server';
import { COUNCIL, MEMBERS, decision, launchFeeRound, register } from './support/round-story';
import { TestSmtpServer, startSmtpServer } from './support/smtp-server';
import { secretariatToken } from './support/tokens';
import { waitFor } from './support/wait';
import { startTestWorker } from './support/worker';

// A Wednesday in January; every round here has its deadline on Thursday 31 January.
const NOW = '2030-01-09T12:00:00+01:00';
const DEADLINE = '2030-01-31';
const STAFF = ['leder.trondheimsregionen', 'sekretariat.trondheimsregionen'];
const CLERKS = MEMBERS.map((nr) => `clerk.${nr}`).sort();
// Malvik decides in every round: its clerk has nothing more to hear of it.
const UNDECIDED_CLERKS = CLERKS.filter((clerk) => clerk !== 'clerk.5031');

interface NoticeRow {
  id: string;
  recipient: string;
  kind: string;
  key: string;
  subject: string;
  body: string;
  email_status: string;
  email_id: string | null;
}

describe('who is told when a round changes: late, extended, withdrawn, expired, postponed', () => {
  let redis: OwnRedis;
  let smtp: TestSmtpServer;
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  let queue: Queue;
  let effectiveYear = 2040;
  const prefix = `{vt-${randomBytes(4).toString('hex')}}`;

  beforeAll(async () => {
    redis = await startOwnRedis();
    smtp = await startSmtpServer();
    api = await startTestApi({ seed: true, now: NOW, env: { REDIS_URL: redis.url, SMTP_URL: smtp.url } });
    queue = new Queue(QUEUE_NAME, { connection: redisOptions(redis.url, 'queue'), prefix });
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await api?.close();
    await smtp?.close();
    await redis?.dispose();
  });

  const startWorker = async () => {
    worker = await startTestWorker({ DATABASE_URL: api.database.url, REDIS_URL: redis.url, QUEUE_PREFIX: prefix, SMTP_URL: smtp.url }, api.clock);
  };
  const count = async (sql: string, params: unknown[] = []) => ((await api.dataSource.query(sql, params))[0] as { n: number }).n;
  const quiet = async () => {
    await waitFor('the worker to be idle', async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      return counts.waiting + counts.active + counts.prioritized === 0 && (await count(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`)) === 0;
    });
    await waitFor('every e-mail to be sent', async () => (await count(`SELECT count(*)::int AS n FROM notification WHERE email_status IN ('pending', 'sending')`)) === 0, 10_000);
  };
  const notices = (roundId: string, kind?: string): Promise<NoticeRow[]> =>
    api.dataSource.query(
      `SELECT n.id, u.subject AS recipient, n.kind, n.key, n.subject, n.body, n.email_status, n.email_id
         FROM notification n JOIN app_user u ON u.id = n.user_id
        WHERE n.round_id = $1 AND ($2::text IS NULL OR n.kind = $2)
        ORDER BY u.subject`,
      [roundId, kind ?? null],
    );
  const recipients = (rows: NoticeRow[]) => rows.map((row) => row.recipient).sort();
  const mailedOnce = (rows: NoticeRow[]) => {
    for (const row of rows) {
      expect(row.email_status).toBe('sent');
      // In one e-mail, sent once: its own, or the digest of that person's notices about the round that day.
      const mails = smtp.mails.filter((mail) => mail.messageId === messageIdOf(row.email_id!));
      expect(mails).toHaveLength(1);
    }
  };
  const launch = (extra: Record<string, unknown> = {}) =>
    launchFeeRound(api, { subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: `${effectiveYear++}-01-01` }, deadline: DEADLINE, ...extra });
  const secretariat = async (roundId: string, action: 'extend' | 'withdraw' | 'expire', body: Record<string, unknown>) =>
    request(api.http)
      .post(`/api/rounds/${roundId}/${action}`)
      .set('Authorization', `Bearer ${await secretariatToken(COUNCIL)}`)
      .send(body);

  it('a worker that was down past the deadline sends no reminder: each member is overdue once, with one escalation, saying how many days late', async () => {
    api.clock.set(NOW);
    const round = await launch();
    expect((await register(api, round.id, '5031', decision('adopted', '2030-01-08'))).status).toBe(200);
    // Down from before the first reminder (17 January) until three days after the deadline.
    api.clock.set('2030-02-03T10:00:00+01:00');
    await startWorker();
    await waitFor('the escalation', async () => (await notices(round.id, 'escalation')).length === STAFF.length, 10_000);
    await quiet();
    // Let a wrongly late reminder or a second deadline pass run: it must not.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await quiet();

    expect(await notices(round.id, 'reminder')).toEqual([]);
    const overdue = await notices(round.id, 'overdue');
    expect(recipients(overdue)).toEqual(UNDECIDED_CLERKS);
    for (const row of overdue) expect(row.body).toContain('gikk ut 31. januar 2030 (3 dager på overtid)');
    const escalation = await notices(round.id, 'escalation');
    expect(recipients(escalation)).toEqual(STAFF);
    for (const row of escalation) expect(row.body).toContain('gikk ut 31. januar 2030 (3 dager på overtid)');
    expect((await notices(round.id)).map((row) => row.kind).sort()).toEqual([...overdue, ...escalation].map((row) => row.kind).sort());
    mailedOnce([...overdue, ...escalation]);

    const members: Array<{ municipality_number: string; overdue: boolean }> = await api.dataSource.query(
      `SELECT municipality_number, overdue FROM round_member WHERE round_id = $1 ORDER BY municipality_number`,
      [round.id],
    );
    expect(members.filter((member) => member.overdue).map((member) => member.municipality_number)).toEqual(MEMBERS.filter((nr) => nr !== '5031').sort());
    expect(await count(`SELECT count(*)::int AS n FROM event WHERE type = 'round.overdue' AND round_id = $1`, [round.id])).toBe(1);

    // The deadline's job again (a retry, another worker): nobody is told twice.
    expect(await worker!.get(RoundJobsHandler).deadline({ roundId: round.id, deadline: DEADLINE })).toBe('skipped');
    expect(await notices(round.id)).toHaveLength(UNDECIDED_CLERKS.length + STAFF.length);
  });

  it('an extension reaches the clerks of the members still to decide, once, with the new deadline and the reason', async () => {
    api.clock.set(NOW);
    const round = await launch();
    expect((await register(api, round.id, '5031', decision('adopted', '2030-01-08'))).status).toBe(200);
    expect((await secretariat(round.id, 'extend', { deadline: '2030-02-28', reason: 'Melhus behandler saken i februar' })).status).toBe(200);
    await quiet();

    const extended = await notices(round.id, 'extended');
    expect(recipients(extended)).toEqual(UNDECIDED_CLERKS);
    for (const row of extended) {
      expect(row.subject).toBe(`Ny frist 28. februar 2030: ${(await api.dataSource.query(`SELECT title FROM round WHERE id = $1`, [round.id]))[0].title}`);
      expect(row.body).toContain('fra 31. januar 2030 til 28. februar 2030 (om 50 dager). Begrunnelse: Melhus behandler saken i februar');
      expect(row.key).toMatch(new RegExp(`^extended/${round.id}/\\d{4}/2030-02-28/`));
    }
    expect((await notices(round.id)).filter((row) => row.kind !== 'extended')).toEqual([]);
    mailedOnce(extended);
  });

  it('a withdrawal reaches the clerks of the members still to decide, once, with the reason and nothing more to do', async () => {
    api.clock.set(NOW);
    const round = await launch();
    expect((await register(api, round.id, '5031', decision('adopted', '2030-01-08'))).status).toBe(200);
    expect((await secretariat(round.id, 'withdraw', { reason: 'Ny beregning av medlemsavgiften' })).status).toBe(200);
    await quiet();

    const withdrawn = await notices(round.id);
    expect(recipients(withdrawn)).toEqual(UNDECIDED_CLERKS);
    for (const row of withdrawn) {
      expect(row.kind).toBe('withdrawn');
      expect(row.body).toContain('Begrunnelse: Ny beregning av medlemsavgiften');
      expect(row.body).toContain('skal ikke gjøre noe mer med saken');
    }
    mailedOnce(withdrawn);
    // A second withdrawal is refused, and tells nobody anything.
    expect((await secretariat(round.id, 'withdraw', { reason: 'Igjen' })).status).toBeGreaterThanOrEqual(400);
    expect(await notices(round.id)).toHaveLength(UNDECIDED_CLERKS.length);
  });

  it('a round launched with an expiry expires at its deadline by itself: its event, and the clerks still to decide are told once', async () => {
    api.clock.set(NOW);
    const round = await launch({ expiresAutomatically: true });
    expect((await register(api, round.id, '5031', decision('adopted', '2030-01-08'))).status).toBe(200);
    await quiet();

    // Just after the deadline ran out (23:59:59 in Oslo), the deadline's job runs.
    api.clock.set('2030-02-01T00:00:05+01:00');
    const handler = worker!.get(RoundJobsHandler);
    expect(await handler.deadline({ roundId: round.id, deadline: DEADLINE })).toBe('done');
    expect(await handler.deadline({ roundId: round.id, deadline: DEADLINE })).toBe('skipped');
    await quiet();

    const [closed] = await api.dataSource.query(`SELECT status FROM round WHERE id = $1`, [round.id]);
    expect(closed.status).toBe('expired');
    const events: Array<{ data: Record<string, unknown> }> = await api.dataSource.query(`SELECT data FROM event WHERE type = 'round.expired' AND round_id = $1`, [round.id]);
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ after: { status: 'expired' }, by: 'automatic' });

    const expired = await notices(round.id, 'expired');
    expect(recipients(expired)).toEqual(UNDECIDED_CLERKS);
    for (const row of expired) {
      expect(row.subject).toMatch(/^Avsluttet etter fristen: /);
      expect(row.body).toContain('avsluttet etter fristen 31. januar 2030');
      expect(row.body).toContain('ble avsluttet av seg selv');
    }
    // They were late as well: overdue the day after (1 day), with the escalation to the staff.
    expect(recipients(await notices(round.id, 'overdue'))).toEqual(UNDECIDED_CLERKS);
    for (const row of await notices(round.id, 'overdue')) expect(row.body).toContain('(1 dag på overtid)');
    expect(recipients(await notices(round.id, 'escalation'))).toEqual(STAFF);
    mailedOnce(await notices(round.id));
  });

  it('the secretariat hears of each postponement, and once that the forecast moved past the deadline', async () => {
    api.clock.set(NOW);
    const round = await launch();
    const title = (await api.dataSource.query(`SELECT title FROM round WHERE id = $1`, [round.id]))[0].title;
    // Skaun postpones to a meeting before the deadline: the secretariat is told, the forecast is fine.
    expect((await register(api, round.id, '5029', decision('postponed', '2030-01-08', { nextMeetingDate: '2030-01-29' }))).status).toBe(200);
    await waitFor('the postponement', async () => (await notices(round.id, 'postponed')).length === STAFF.length);
    await quiet();
    const postponed = await notices(round.id, 'postponed');
    expect(recipients(postponed)).toEqual(STAFF);
    for (const row of postponed) {
      expect(row.subject).toBe(`Skaun har utsatt saken: ${title}`);
      expect(row.body).toContain('til neste møte 29. januar 2030. Fristen er 31. januar 2030.');
    }
    expect(await notices(round.id, 'forecast_late')).toEqual([]);

    // Melhus schedules its meeting after the deadline: the forecast moves past it.
    expect((await register(api, round.id, '5028', decision('scheduled', '2030-02-12'))).status).toBe(200);
    await waitFor('the forecast past the deadline', async () => (await notices(round.id, 'forecast_late')).length === STAFF.length);
    // Orkland postpones to the same day: a postponement, but the forecast did not move.
    expect((await register(api, round.id, '5059', decision('postponed', '2030-01-08', { nextMeetingDate: '2030-02-12' }))).status).toBe(200);
    await waitFor('the second postponement', async () => (await notices(round.id, 'postponed')).length === 2 * STAFF.length);
    await quiet();
    // The job of Orkland's registration again: nobody is told twice.
    expect(await worker!.get(RoundJobsHandler).meetingPlanned({ roundId: round.id, municipalityNumber: '5059', revision: 1 })).toBe('skipped');

    const late = await notices(round.id, 'forecast_late');
    expect(recipients(late)).toEqual(STAFF);
    for (const row of late) {
      expect(row.body).toContain('kan ikke ventes avgjort før 12. februar 2030, etter fristen 31. januar 2030');
      expect(row.key).toMatch(new RegExp(`^forecast-late/${round.id}/2030-02-12/`));
    }
    // No clerk is told anything of it, and every notice went by e-mail once.
    expect((await notices(round.id)).every((row) => STAFF.includes(row.recipient))).toBe(true);
    mailedOnce(await notices(round.id));
    // The registration's jobs were written with it, one per revision.
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'round.meeting-planned' AND payload->>'roundId' = $1`, [round.id])).toBe(3);
    expect(await queue.getJob(jobIds.meetingPlanned({ roundId: round.id, municipalityNumber: '5028', revision: 1 }))).toBeDefined();
  });
});
