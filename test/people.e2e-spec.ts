import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { tokenFor, tokenWithPayload } from './support/tokens';

// Whoever signs in is known from then on, with the grants of their token: that is whom notices reach.
describe('people the product knows', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ seed: true });
  });

  afterAll(() => api?.close());

  const person = async (subject: string) =>
    (await api.dataSource.query(
      `SELECT u.name, u.email, u.language, coalesce(json_agg(json_build_object('role', g.role, 'municipality', g.municipality_number)) FILTER (WHERE g.id IS NOT NULL), '[]') AS grants
         FROM app_user u LEFT JOIN role_grant g ON g.user_id = u.id WHERE u.subject = $1 GROUP BY u.id`,
      [subject],
    ))[0];

  it('remembers a person at sign-in with their e-mail and the grants this installation knows', async () => {
    const token = await tokenWithPayload({
      sub: 'ola.nordmann',
      name: 'Ola Nordmann',
      email: 'ola@malvik.kommune.no',
      roles: [{ role: 'clerk', municipality: '5031' }, { role: 'secretariat', council: 'nowhere' }],
    });
    expect(await person('ola.nordmann')).toBeUndefined();
    await request(api.http).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(await person('ola.nordmann')).toEqual({
      name: 'Ola Nordmann',
      email: 'ola@malvik.kommune.no',
      language: null,
      grants: [{ role: 'clerk', municipality: '5031' }],
    });
  });

  it('keeps a person’s own choice of written standard for notices', async () => {
    const token = `Bearer ${await tokenFor({ sub: 'kari.nordmann', roles: [{ role: 'clerk', municipality: '5054' }] })}`;
    const chosen = await request(api.http).put('/api/me/settings').set('Authorization', token).send({ language: 'nn' }).expect(200);
    expect(chosen.body).toEqual({ language: 'nn' });
    expect((await person('kari.nordmann')).language).toBe('nn');
    const refused = await request(api.http).put('/api/me/settings').set('Authorization', token).send({ language: 'de' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'language' })]);
    await request(api.http).put('/api/me/settings').set('Authorization', token).send({ language: null }).expect(200);
    expect((await person('kari.nordmann')).language).toBeNull();
  });
});
