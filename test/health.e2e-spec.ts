import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApi } from '../apps/api/src/bootstrap';
import { testConfig } from './support/config';
import { TestDatabase, createTestDatabase } from './support/database';
import { OwnRedis, startOwnRedis } from './support/redis-server';

describe('GET /api/health, /api/health/ready and /api/health/live', () => {
  let database: TestDatabase;
  let redis: OwnRedis;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await startOwnRedis();
    app = await createApi(testConfig({ DATABASE_URL: database.url, REDIS_URL: redis.url }));
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await redis?.dispose();
    await database?.drop();
  });

  it('is 200 when PostgreSQL and Redis answer', async () => {
    const response = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(response.body.details).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
    expect(response.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
  });

  it('is ready on PostgreSQL alone, and live without looking at any service', async () => {
    const ready = await request(app.getHttpServer()).get('/api/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });
    expect(ready.body.details).not.toHaveProperty('redis');
    const live = await request(app.getHttpServer()).get('/api/health/live').expect(200);
    expect(live.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
  });

  it('while Redis is stopped: the overview is 503 problem+json naming Redis, the api stays ready and live; all 200 again when it is back', async () => {
    await redis.stop();
    const down = await request(app.getHttpServer()).get('/api/health').expect(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.body).toMatchObject({
      status: 503,
      type: '/problems/unhealthy',
      detail: 'Degraded: redis down; requests are still served, and jobs wait in the outbox.',
    });
    expect(down.body.checks.database.status).toBe('up');
    expect(down.body.checks.redis.status).toBe('down');
    await request(app.getHttpServer()).get('/api/health/ready').expect(200);
    await request(app.getHttpServer()).get('/api/health/live').expect(200);

    await redis.start();
    for (let i = 0; i < 50; i++) {
      const again = await request(app.getHttpServer()).get('/api/health');
      if (again.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('health did not recover after Redis came back');
  });

  it('keeps the caller’s X-Request-Id', async () => {
    const response = await request(app.getHttpServer()).get('/api/health').set('X-Request-Id', 'trace-42').expect(200);
    expect(response.headers['x-request-id']).toBe('trace-42');
  });
});
