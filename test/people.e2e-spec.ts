import request from 'supertest';
import { LOCAL_ISSUER } from '@app/identity';
import { TestApi, startTestApi } from './support/api';
import { FakeIdentityProvider, startFakeIdentityProvider, tokenFor, tokenWithPayload } from './support/tokens';

// Whoever signs in is known from then on, with the grants of their token: that is whom notices reach.
describe('people the product knows', () => {
  let api: TestApi;
  let idp: FakeIdentityProvider;

  beforeAll(async () => {
    idp = await startFakeIdentityProvider();
    api = await startTestApi({ seed: true, env: { OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: idp.audience, OIDC_JWKS_URL: idp.jwksUrl } });
  });

  afterAll(async () => {
    await api?.close();
    await idp?.close();
  });

  const person = async (subject: string, issuer: string = LOCAL_ISSUER) =>
    (await api.dataSource.query(
      `SELECT u.name, u.email, u.language, coalesce(json_agg(json_build_object('role', g.role, 'municipality', g.municipality_number)) FILTER (WHERE g.id IS NOT NULL), '[]') AS grants
         FROM app_user u LEFT JOIN role_grant g ON g.user_id = u.id WHERE u.issuer = $1 AND u.subject = $2 GROUP BY u.id`,
      [issuer, subject],
    ))[0];
  const peopleWithSubject = async (subject: string) =>
    (await api.dataSource.query(`SELECT issuer FROM app_user WHERE subject = $1 ORDER BY issuer NULLS FIRST`, [subject])).map((row: { issuer: string | null }) => row.issuer);
  const me = (token: string) => request(api.http).get('/api/me').set('Authorization', `Bearer ${token}`);

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
    expect(chosen.body).toEqual({ language: 'nn', emailOffKinds: [] });
    expect((await person('kari.nordmann')).language).toBe('nn');
    const refused = await request(api.http).put('/api/me/settings').set('Authorization', token).send({ language: 'de' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'language' })]);
    await request(api.http).put('/api/me/settings').set('Authorization', token).send({ language: null }).expect(200);
    expect((await person('kari.nordmann')).language).toBeNull();
  });

  it('keys people by issuer and subject: the same sub from two issuers is two people', async () => {
    const local = await tokenWithPayload({ sub: 'per.hansen', name: 'Per Hansen (lokal)', email: 'per@lokal.example', roles: [{ role: 'clerk', municipality: '5031' }] });
    const oidc = await idp.tokenFor({ sub: 'per.hansen', name: 'Per Hansen (IdP)', roles: [{ role: 'clerk', municipality: '5054' }] });
    await me(local).expect(200);
    await me(oidc).expect(200);
    expect(await peopleWithSubject('per.hansen')).toEqual(expect.arrayContaining([LOCAL_ISSUER, idp.issuer]));
    expect(await peopleWithSubject('per.hansen')).toHaveLength(2);
    expect(await person('per.hansen')).toEqual({ name: 'Per Hansen (lokal)', email: 'per@lokal.example', language: null, grants: [{ role: 'clerk', municipality: '5031' }] });
    expect(await person('per.hansen', idp.issuer)).toEqual({ name: 'Per Hansen (IdP)', email: null, language: null, grants: [{ role: 'clerk', municipality: '5054' }] });

    // Each keeps their own settings: one choosing nynorsk does not choose it for the other.
    await request(api.http).put('/api/me/settings').set('Authorization', `Bearer ${oidc}`).send({ language: 'nn' }).expect(200);
    expect((await request(api.http).get('/api/me/settings').set('Authorization', `Bearer ${oidc}`).expect(200)).body).toEqual({ language: 'nn', emailOffKinds: [] });
    expect((await request(api.http).get('/api/me/settings').set('Authorization', `Bearer ${local}`).expect(200)).body).toEqual({ language: null, emailOffKinds: [] });
    expect((await person('per.hansen')).language).toBeNull();
  });

  it('gives someone recorded before people were keyed by issuer to the next sign-in with their subject, and only to it', async () => {
    // As the migration leaves a person: no issuer, with a setting and a notice of their own.
    const [{ id }] = await api.dataSource.query(
      `INSERT INTO app_user (subject, name, email, language) VALUES ('liv.berg', 'Liv Berg', 'liv@malvik.kommune.no', 'en') RETURNING id`,
    );
    await api.dataSource.query(
      `INSERT INTO notification (key, topic, user_id, kind, language, subject, body, created_at, email_status)
       VALUES ('people-spec/liv', 'people-spec', $1, 'reminder', 'en', 'A notice from before', 'Kept', now(), 'off')`,
      [id],
    );
    const oidc = await idp.tokenFor({ sub: 'liv.berg', name: 'Liv Berg', roles: [{ role: 'clerk', municipality: '5031' }] });
    await me(oidc).expect(200);
    expect(await peopleWithSubject('liv.berg')).toEqual([idp.issuer]);
    expect((await request(api.http).get('/api/me/settings').set('Authorization', `Bearer ${oidc}`).expect(200)).body).toEqual({ language: 'en', emailOffKinds: [] });
    const inbox = await request(api.http).get('/api/me/notifications').set('Authorization', `Bearer ${oidc}`).expect(200);
    expect(JSON.stringify(inbox.body)).toContain('A notice from before');

    // Another issuer's liv.berg is someone else, and sees none of it.
    const local = await tokenFor({ sub: 'liv.berg', roles: [{ role: 'clerk', municipality: '5031' }] });
    expect((await request(api.http).get('/api/me/settings').set('Authorization', `Bearer ${local}`).expect(200)).body).toEqual({ language: null, emailOffKinds: [] });
    const theirs = await request(api.http).get('/api/me/notifications').set('Authorization', `Bearer ${local}`).expect(200);
    expect(JSON.stringify(theirs.body)).not.toContain('A notice from before');
    expect(await peopleWithSubject('liv.berg')).toEqual([LOCAL_ISSUER, idp.issuer].sort());
  });
});
