import request from 'supertest';
import { EMAIL_NOTICE_KINDS, Notifier } from '@app/application';
import { TestApi, startTestApi } from './support/api';
import { COUNCIL } from './support/round-story';
import { tokenWithPayload } from './support/tokens';

// A person chooses, kind by kind, whether a notice also comes by e-mail or stays in the app only.
describe('e-mail for each kind of notice', () => {
  let api: TestApi;
  let token = '';

  beforeAll(async () => {
    api = await startTestApi({ seed: true, env: { SMTP_URL: 'smtp://127.0.0.1:2525' } });
    token = `Bearer ${await tokenWithPayload({ sub: 'eli.epost', name: 'Eli Epost', email: 'eli@malvik.kommune.no', roles: [{ role: 'clerk', municipality: '5031' }] })}`;
  });

  afterAll(() => api?.close());

  const settings = () => request(api.http).get('/api/me/settings').set('Authorization', token);
  const choose = (body: unknown) => request(api.http).put('/api/me/settings').set('Authorization', token).send(body as object);

  it('takes every kind by e-mail until told otherwise, and keeps the kinds chosen, in the order notices list them', async () => {
    expect((await settings().expect(200)).body).toEqual({ language: null, emailOffKinds: [] });
    const chosen = await choose({ language: 'nn', emailOffKinds: ['forecast_late', 'reminder', 'reminder'] }).expect(200);
    expect(chosen.body).toEqual({ language: 'nn', emailOffKinds: ['reminder', 'forecast_late'] });
    expect((await settings().expect(200)).body).toEqual(chosen.body);

    // The language alone leaves the kinds as they were.
    expect((await choose({ language: null }).expect(200)).body).toEqual({ language: null, emailOffKinds: ['reminder', 'forecast_late'] });
    expect((await choose({ language: null, emailOffKinds: EMAIL_NOTICE_KINDS }).expect(200)).body.emailOffKinds).toEqual([...EMAIL_NOTICE_KINDS]);
    expect((await choose({ language: null, emailOffKinds: [] }).expect(200)).body.emailOffKinds).toEqual([]);
  });

  it.each([
    ['a kind that does not exist', ['reminder', 'gossip']],
    ['a kind as a number', [1]],
    ['the kinds as a string', 'reminder'],
    ['the kinds as an object', { reminder: false }],
    ['null', null],
  ])('refuses %s, naming emailOffKinds, and keeps what was chosen', async (_name, emailOffKinds) => {
    await choose({ language: null, emailOffKinds: ['veto'] }).expect(200);
    const refused = await choose({ language: 'en', emailOffKinds }).expect(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect([...new Set(refused.body.errors.map((error: { field: string }) => error.field))]).toEqual(['emailOffKinds']);
    expect((await settings().expect(200)).body).toEqual({ language: null, emailOffKinds: ['veto'] });
  });

  it('writes a reminder the person took off e-mail to the inbox only, with no mail job, and mails the other kinds', async () => {
    await choose({ language: null, emailOffKinds: ['reminder'] }).expect(200);
    const [{ id: userId }] = await api.dataSource.query(`SELECT id FROM app_user WHERE subject = 'eli.epost'`);
    const [{ id: councilId }] = await api.dataSource.query(`SELECT id FROM council WHERE slug = $1`, [COUNCIL]);
    const content = { roundTitle: 'Medlemsavgift 2024', councilName: 'Trondheimsregionen', municipalityName: 'Malvik', deadline: '2030-02-01' };
    const written = await api.dataSource.transaction((manager) =>
      api.app.get(Notifier).notify(manager, [
        { key: 'eli:reminder', userId, councilId, roundId: null, link: null, content: { kind: 'reminder', ...content, daysLeft: 7 } },
        { key: 'eli:overdue', userId, councilId, roundId: null, link: null, content: { kind: 'overdue', ...content, daysLate: 1 } },
      ]),
    );
    expect(written.map((notice) => [notice.kind, notice.emailStatus, notice.emailTo])).toEqual([
      ['reminder', 'off', null],
      ['overdue', 'pending', 'eli@malvik.kommune.no'],
    ]);
    const rows: Array<{ kind: string; email_status: string; email_to: string | null; mail_jobs: number }> = await api.dataSource.query(
      `SELECT n.kind, n.email_status, n.email_to,
              (SELECT count(*)::int FROM outbox o WHERE o.payload->>'notificationId' = n.id::text) AS mail_jobs
         FROM notification n WHERE n.user_id = $1 ORDER BY n.kind DESC`,
      [userId],
    );
    expect(rows).toEqual([
      { kind: 'reminder', email_status: 'off', email_to: null, mail_jobs: 0 },
      { kind: 'overdue', email_status: 'pending', email_to: 'eli@malvik.kommune.no', mail_jobs: 1 },
    ]);

    const inbox = await request(api.http).get('/api/me/notifications').set('Authorization', token).expect(200);
    expect(inbox.body.map((notice: { kind: string; readAt: string | null }) => [notice.kind, notice.readAt])).toEqual(
      expect.arrayContaining([
        ['reminder', null],
        ['overdue', null],
      ]),
    );
  });
});
