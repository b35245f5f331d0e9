import { UnrecoverableError } from 'bullmq';
import request from 'supertest';
import { EntityManager } from 'typeorm';
import { Mailer, NoticeContent, NoticeRequest, Notifier, SendMailHandler, messageIdOf } from '@app/application';
import { AppConfig } from '@app/config';
import { JOB_NAMES } from '@app/jobs';
import { NotificationEntity, OutboxEntity } from '@app/persistence';
import { TestApi, startTestApi } from './support/api';
import { COUNCIL } from './support/round-story';
import { TestSmtpServer, startSmtpServer } from './support/smtp-server';
import { clerkToken, tokenFor } from './support/tokens';

const BASE_URL = 'https://vedtak.example.no';

describe('notices: inbox and e-mail', () => {
  let api: TestApi;
  let smtp: TestSmtpServer;
  let notifier: Notifier;
  let sendMail: SendMailHandler;
  let councilId: string;
  let roundId: string;
  const users: Record<string, string> = {};
  let keys = 0;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    api = await startTestApi({ seed: true, now: '2022-12-01T08:00:00+01:00', env: { SMTP_URL: smtp.url, PUBLIC_BASE_URL: BASE_URL } });
    notifier = api.app.get(Notifier);
    sendMail = api.app.get(SendMailHandler);
    councilId = (await api.dataSource.query(`SELECT id FROM council WHERE slug = $1`, [COUNCIL]))[0].id;
    // Notices point at a round but do not need one to exist; any id will do for the link.
    roundId = '3f2a9c1e-0d1b-4c5e-8f7a-6b5c4d3e2f1a';
    // Malvik writes nynorsk; its clerk has no language of their own. Stjørdal does too, but its clerk chose bokmål.
    await api.dataSource.query(`UPDATE municipality SET language = 'nn' WHERE number IN ('5031', '5035')`);
    await api.dataSource.query(`UPDATE app_user SET language = 'nb' WHERE subject = 'clerk.5035'`);
    await api.dataSource.query(`UPDATE app_user SET language = 'en' WHERE subject = 'leder.trondheimsregionen'`);
    await api.dataSource.query(`INSERT INTO app_user (subject, name, email) VALUES ('uten.epost', 'Uten E-post', NULL)`);
    for (const row of await api.dataSource.query(`SELECT id, subject FROM app_user`)) users[row.subject] = row.id;
  });

  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  beforeEach(() => {
    smtp.refuseWith = null;
  });

  const reminder = (municipalityName: string): NoticeContent => ({
    kind: 'reminder',
    roundTitle: 'Medlemsavgift 2023',
    councilName: 'Trondheimsregionen',
    municipalityName,
    deadline: '2022-12-15',
    daysLeft: 14,
  });

  const requestFor = (subject: string, content: NoticeContent, extra: Partial<NoticeRequest> = {}): NoticeRequest => ({
    key: `test/${++keys}/${subject}`,
    userId: users[subject],
    councilId,
    roundId,
    content,
    link: `/rounds/${roundId}`,
    ...extra,
  });

  const notify = (requests: NoticeRequest[], with_: Notifier = notifier) =>
    api.dataSource.transaction((manager: EntityManager) => with_.notify(manager, requests));

  const notice = (id: string) => api.dataSource.getRepository(NotificationEntity).findOneByOrFail({ id });
  const mailJobs = (id: string) => api.dataSource.getRepository(OutboxEntity).findBy({ jobName: JOB_NAMES.sendMail, jobId: `mail/${id}` });

  describe('Notifier', () => {
    it('writes one notice per key, however often it is asked, and one e-mail job for each', async () => {
      const requests = [requestFor('clerk.5001', reminder('Trondheim')), requestFor('clerk.5028', reminder('Melhus'))];
      const first = await notify(requests);
      const again = await notify(requests);
      const twiceInOneCall = await notify([requests[0], requests[0]]);

      expect(first.map((row) => row.key)).toEqual(requests.map((r) => r.key));
      expect(again).toEqual([]);
      expect(twiceInOneCall).toEqual([]);
      const rows = await api.dataSource.query(`SELECT key, count(*)::int AS n FROM notification WHERE key = ANY($1) GROUP BY key`, [requests.map((r) => r.key)]);
      expect(rows).toEqual(expect.arrayContaining(requests.map((r) => ({ key: r.key, n: 1 }))));
      for (const row of first) {
        expect(row).toMatchObject({ emailStatus: 'pending', emailTo: expect.stringContaining('@kommune.local'), emailAttempts: 0 });
        const jobs = await mailJobs(row.id);
        expect(jobs).toHaveLength(1);
        expect(jobs[0]).toMatchObject({ operation: 'add', payload: { notificationId: row.id }, relayedAt: null });
        expect(jobs[0].runAt.toISOString()).toBe(api.clock.now().toISOString());
      }
    });

    it('writes in the person’s own language, else their municipality’s when they are its clerk, else bokmål', async () => {
      const [nynorsk, bokmal, ownChoice, notTheirMunicipality, noMunicipality, english] = await notify([
        requestFor('clerk.5031', reminder('Malvik'), { municipalityNumber: '5031' }),
        requestFor('clerk.5001', reminder('Trondheim'), { municipalityNumber: '5001' }),
        requestFor('clerk.5035', reminder('Stjørdal'), { municipalityNumber: '5035' }),
        requestFor('sekretariat.trondheimsregionen', reminder('Malvik'), { municipalityNumber: '5031' }),
        requestFor('clerk.5031', { kind: 'in_force', roundTitle: 'Medlemsavgift 2023', councilName: 'Trondheimsregionen', inForceFrom: '2023-01-01' }),
        requestFor('leder.trondheimsregionen', reminder('Malvik'), { municipalityNumber: '5031' }),
      ]);

      expect(nynorsk).toMatchObject({ language: 'nn', kind: 'reminder', subject: 'Påminning: Medlemsavgift 2023 har frist 15. desember 2022' });
      expect(nynorsk.body).toContain('Malvik har enno ikkje registrert vedtaket i saka «Medlemsavgift 2023» frå Trondheimsregionen.');
      expect(nynorsk.body.endsWith(`Opne saka: ${BASE_URL}/rounds/${roundId}`)).toBe(true);

      expect(bokmal).toMatchObject({ language: 'nb', subject: 'Påminnelse: Medlemsavgift 2023 har frist 15. desember 2022' });
      expect(bokmal.body).toContain('Fristen er 15. desember 2022 (om 14 dager).');
      expect(bokmal.body.endsWith(`Åpne saken: ${BASE_URL}/rounds/${roundId}`)).toBe(true);

      expect(ownChoice.language).toBe('nb');
      expect(notTheirMunicipality.language).toBe('nb');
      expect(noMunicipality).toMatchObject({ language: 'nb', subject: 'I kraft fra 1. januar 2023: Medlemsavgift 2023' });

      expect(english).toMatchObject({ language: 'en', subject: 'Reminder: Medlemsavgift 2023 is due 15 December 2022' });
      expect(english.body.endsWith(`Open the case: ${BASE_URL}/rounds/${roundId}`)).toBe(true);
    });

    it('keeps a notice to someone without an address in the inbox only, and all of them when SMTP is not configured', async () => {
      const [noAddress] = await notify([requestFor('uten.epost', reminder('Malvik'))]);
      expect(noAddress).toMatchObject({ emailStatus: 'off', emailTo: null });
      expect(await mailJobs(noAddress.id)).toEqual([]);

      const config = api.app.get(AppConfig);
      const withoutSmtp = new Notifier(Object.assign(Object.create(AppConfig.prototype), config, { smtpUrl: null }), api.clock);
      const [inboxOnly] = await notify([requestFor('clerk.5001', reminder('Trondheim'))], withoutSmtp);
      expect(inboxOnly).toMatchObject({ emailStatus: 'off', emailTo: null });
      expect(await mailJobs(inboxOnly.id)).toEqual([]);
    });

    it('does nothing when the caller’s transaction rolls back', async () => {
      const request = requestFor('clerk.5001', reminder('Trondheim'));
      const mailJobsBefore = await api.dataSource.getRepository(OutboxEntity).countBy({ jobName: JOB_NAMES.sendMail });
      await expect(
        api.dataSource.transaction(async (manager) => {
          await notifier.notify(manager, [request]);
          throw new Error('the change that caused the notice failed');
        }),
      ).rejects.toThrow('the change that caused the notice failed');
      expect(await api.dataSource.getRepository(NotificationEntity).countBy({ key: request.key })).toBe(0);
      expect(await api.dataSource.getRepository(OutboxEntity).countBy({ jobName: JOB_NAMES.sendMail })).toBe(mailJobsBefore);
    });
  });

  describe('SendMailHandler', () => {
    const mailsTo = (id: string) => smtp.mails.filter((mail) => mail.messageId === messageIdOf(id));

    it('delivers exactly one mail per notice, with its own Message-ID, and skips a second run', async () => {
      const [row] = await notify([requestFor('clerk.5031', reminder('Malvik'), { municipalityNumber: '5031' })]);

      await expect(sendMail.execute({ notificationId: row.id })).resolves.toBe('done');
      await expect(sendMail.execute({ notificationId: row.id })).resolves.toBe('skipped');

      const mails = mailsTo(row.id);
      expect(mails).toHaveLength(1);
      expect(mails[0].messageId).toBe(`<notification-${row.id}@vedtaksrunde>`);
      expect(mails[0].to).toEqual(['politisk.sekretariat.5031@kommune.local']);
      expect(mails[0].raw).toMatch(/^Auto-Submitted: auto-generated$/im);
      expect(mails[0].raw).toMatch(/^Content-Language: nn$/im);
      expect(await notice(row.id)).toMatchObject({ emailStatus: 'sent', emailAttempts: 1, emailedAt: api.clock.now() });
    });

    it('skips a notice whose e-mail is off, and one that no longer exists', async () => {
      const [row] = await notify([requestFor('uten.epost', reminder('Malvik'))]);
      await expect(sendMail.execute({ notificationId: row.id })).resolves.toBe('skipped');
      await expect(sendMail.execute({ notificationId: '00000000-0000-4000-8000-000000000000' })).resolves.toBe('skipped');
      expect(mailsTo(row.id)).toEqual([]);
    });

    it('sends again, as the same message, after a crash between sending and recording it', async () => {
      const [row] = await notify([requestFor('clerk.5001', reminder('Trondheim'))]);
      await api.dataSource.getRepository(NotificationEntity).update({ id: row.id }, { emailStatus: 'sending' });
      await expect(sendMail.execute({ notificationId: row.id })).resolves.toBe('done');
      expect(mailsTo(row.id).map((mail) => mail.messageId)).toEqual([messageIdOf(row.id)]);
    });

    it('keeps a notice retryable when the mail server says try later, and sends it on the next attempt', async () => {
      const [row] = await notify([requestFor('clerk.5028', reminder('Melhus'))]);
      smtp.refuseWith = 451;
      const failure = await sendMail.execute({ notificationId: row.id }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(failure).not.toBeInstanceOf(UnrecoverableError);
      expect(await notice(row.id)).toMatchObject({ emailStatus: 'pending', emailAttempts: 1, emailedAt: null });
      expect(mailsTo(row.id)).toEqual([]);

      smtp.refuseWith = null;
      await expect(sendMail.execute({ notificationId: row.id })).resolves.toBe('done');
      expect(mailsTo(row.id)).toHaveLength(1);
      expect(await notice(row.id)).toMatchObject({ emailStatus: 'sent', emailAttempts: 2 });
    });

    it('marks it failed, without retrying in vain, when the address is refused for good or the last attempt fails', async () => {
      const [refused, lastAttempt] = await notify([requestFor('clerk.5029', reminder('Skaun')), requestFor('clerk.5027', reminder('Midtre Gauldal'))]);
      smtp.refuseWith = 550;
      await expect(sendMail.execute({ notificationId: refused.id })).rejects.toBeInstanceOf(UnrecoverableError);
      expect(await notice(refused.id)).toMatchObject({ emailStatus: 'failed', emailAttempts: 1 });

      smtp.refuseWith = 451;
      await expect(sendMail.execute({ notificationId: lastAttempt.id }, { isLast: true })).rejects.toThrow();
      expect(await notice(lastAttempt.id)).toMatchObject({ emailStatus: 'failed', emailAttempts: 1 });

      // An operator's retry from the board sends a failed one after all.
      smtp.refuseWith = null;
      await expect(sendMail.execute({ notificationId: lastAttempt.id })).resolves.toBe('done');
      expect(mailsTo(lastAttempt.id)).toHaveLength(1);
    });

    it('says in one line whether e-mail is on', () => {
      expect(api.app.get(Mailer).describe()).toBe(`E-mail is on: notices are sent through ${smtp.url} from Vedtaksrunde <no-reply@vedtaksrunde.local>`);
      const off = new Mailer(Object.assign(Object.create(AppConfig.prototype), api.app.get(AppConfig), { smtpUrl: null }));
      expect(off.enabled).toBe(false);
      expect(off.describe()).toBe('E-mail is off: SMTP_URL is not set; notices go to the in-app inbox only');
    });
  });

  describe('GET /api/me/notifications and marking read', () => {
    const inbox = async (token: string, query = '') =>
      request(api.http).get(`/api/me/notifications${query}`).set('Authorization', `Bearer ${token}`);

    let older: NotificationEntity;
    let newer: NotificationEntity;
    let someoneElses: NotificationEntity;

    beforeAll(async () => {
      await api.dataSource.query(`DELETE FROM notification WHERE user_id IN ($1, $2)`, [users['clerk.5054'], users['clerk.5059']]);
      api.clock.set('2022-12-01T08:00:00+01:00');
      [older] = await notify([requestFor('clerk.5054', reminder('Indre Fosen'), { municipalityNumber: '5054' })]);
      api.clock.set('2022-12-08T08:00:00+01:00');
      [newer, someoneElses] = await notify([
        requestFor('clerk.5054', { kind: 'overdue', roundTitle: 'Medlemsavgift 2023', councilName: 'Trondheimsregionen', municipalityName: 'Indre Fosen', deadline: '2022-12-15', daysLate: 1 }),
        requestFor('clerk.5059', reminder('Orkland'), { municipalityNumber: '5059' }),
      ]);
    });

    it('gives the caller’s notices, newest first, and never another person’s', async () => {
      const response = await inbox(await clerkToken('5054'));
      expect(response.status).toBe(200);
      expect(response.body).toEqual([
        {
          id: newer.id,
          kind: 'overdue',
          subject: 'Fristen har gått ut: Medlemsavgift 2023',
          body: newer.body,
          link: `/rounds/${roundId}`,
          createdAt: '2022-12-08T07:00:00.000Z',
          readAt: null,
          roundId,
          council: COUNCIL,
        },
        expect.objectContaining({ id: older.id, kind: 'reminder', createdAt: '2022-12-01T07:00:00.000Z' }),
      ]);
      expect(response.body.map((n: { id: string }) => n.id)).not.toContain(someoneElses.id);
      expect((await inbox(await clerkToken('5054'), '?limit=1')).body.map((n: { id: string }) => n.id)).toEqual([newer.id]);
    });

    it('answers an empty list to a signed-in person the product has never written to, and 401 without a token', async () => {
      const stranger = await tokenFor({ sub: 'ny.bruker', roles: [{ role: 'clerk', municipality: '5054' }] });
      expect((await inbox(stranger)).body).toEqual([]);
      const anonymous = await request(api.http).get('/api/me/notifications');
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('refuses a limit outside 1–200 and an unread that is not true or false', async () => {
      const token = await clerkToken('5054');
      for (const query of ['?limit=0', '?limit=201', '?limit=ten', '?unread=yes']) {
        const response = await inbox(token, query);
        expect(response.status).toBe(400);
        expect(response.body.type).toBe('/problems/validation-failed');
      }
    });

    it('marks a notice read once, hides it from ?unread=true, and finds no notice of another person', async () => {
      const token = await clerkToken('5054');
      api.clock.set('2022-12-09T10:00:00+01:00');
      const read = await request(api.http).post(`/api/me/notifications/${older.id}/read`).set('Authorization', `Bearer ${token}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: older.id, readAt: '2022-12-09T09:00:00.000Z' });

      api.clock.set('2022-12-10T10:00:00+01:00');
      const again = await request(api.http).post(`/api/me/notifications/${older.id}/read`).set('Authorization', `Bearer ${token}`);
      expect(again.body.readAt).toBe('2022-12-09T09:00:00.000Z');

      expect((await inbox(token, '?unread=true')).body.map((n: { id: string }) => n.id)).toEqual([newer.id]);
      expect((await inbox(token, '?unread=false')).body).toHaveLength(2);

      const othersNotice = await request(api.http).post(`/api/me/notifications/${someoneElses.id}/read`).set('Authorization', `Bearer ${token}`);
      expect(othersNotice.status).toBe(404);
      expect(othersNotice.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((await notice(someoneElses.id)).readAt).toBeNull();

      const unknown = await request(api.http).post('/api/me/notifications/00000000-0000-4000-8000-000000000000/read').set('Authorization', `Bearer ${token}`);
      expect(unknown.status).toBe(404);
      const malformed = await request(api.http).post('/api/me/notifications/not-a-uuid/read').set('Authorization', `Bearer ${token}`);
      expect(malformed.status).toBe(400);
    });

    it('is in the OpenAPI document', async () => {
      const document = (await request(api.http).get('/api/docs-json').expect(200)).body;
      expect(document.paths['/api/me/notifications'].get.responses).toHaveProperty('200');
      expect(document.paths['/api/me/notifications/{id}/read'].post.responses).toHaveProperty('404');
      expect(document.components.schemas.NotificationResponse.properties).toHaveProperty('council');
    });
  });
});
