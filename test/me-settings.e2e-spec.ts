import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { tokenFor } from './support/tokens';

// The settings page shows what a person chose before changing it, so the choice reads back as kept.
describe('a person’s own settings', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ seed: true });
  });

  afterAll(() => api?.close());

  it('answers the written standard last chosen, null until one is, as PUT answers it', async () => {
    const token = `Bearer ${await tokenFor({ sub: 'siri.settings', roles: [{ role: 'clerk', municipality: '5031' }] })}`;
    const first = await request(api.http).get('/api/me/settings').set('Authorization', token).expect(200);
    expect(first.body).toEqual({ language: null, emailOffKinds: [] });

    const chosen = await request(api.http).put('/api/me/settings').set('Authorization', token).send({ language: 'en' }).expect(200);
    expect((await request(api.http).get('/api/me/settings').set('Authorization', token).expect(200)).body).toEqual(chosen.body);

    await request(api.http).put('/api/me/settings').set('Authorization', token).send({ language: null }).expect(200);
    expect((await request(api.http).get('/api/me/settings').set('Authorization', token).expect(200)).body).toEqual({ language: null, emailOffKinds: [] });
  });

  it('keeps each person’s choice to themselves', async () => {
    const nynorsk = `Bearer ${await tokenFor({ sub: 'nils.nynorsk', roles: [{ role: 'clerk', municipality: '5028' }] })}`;
    const other = `Bearer ${await tokenFor({ sub: 'berit.bokmal', roles: [{ role: 'clerk', municipality: '5028' }] })}`;
    await request(api.http).put('/api/me/settings').set('Authorization', nynorsk).send({ language: 'nn' }).expect(200);
    expect((await request(api.http).get('/api/me/settings').set('Authorization', nynorsk).expect(200)).body).toEqual({ language: 'nn', emailOffKinds: [] });
    expect((await request(api.http).get('/api/me/settings').set('Authorization', other).expect(200)).body).toEqual({ language: null, emailOffKinds: [] });
  });

  it('asks for a token', async () => {
    const refused = await request(api.http).get('/api/me/settings').expect(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
