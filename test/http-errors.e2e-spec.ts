import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { secretariatToken } from './support/tokens';

// Errors raised before a controller runs are problem+json with their reason too.
describe('errors of the HTTP layer', () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await startTestApi({ seed: true });
    token = `Bearer ${await secretariatToken('trondheimsregionen')}`;
  });

  afterAll(() => api?.close());

  it('answers malformed JSON with 400 /problems/malformed-json', async () => {
    const response = await request(api.http)
      .post('/api/councils/trondheimsregionen/rounds')
      .set('Authorization', token)
      .set('Content-Type', 'application/json')
      .send('{"subject": ');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: '/problems/malformed-json', detail: 'The request body is not valid JSON.' });
  });

  it('answers an oversized body with 413 /problems/body-too-large', async () => {
    const response = await request(api.http)
      .post('/api/councils/trondheimsregionen/rounds')
      .set('Authorization', token)
      .send({ title: 'x'.repeat(300_000) });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ type: '/problems/body-too-large', status: 413 });
  });

  it('answers an unknown path with 404 problem+json', async () => {
    const response = await request(api.http).get('/api/nowhere').set('Authorization', token);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
