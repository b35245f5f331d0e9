import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SettableClock } from '@app/application';
import { seedDemo } from '@app/demo';
import { createApi } from '../../apps/api/src/bootstrap';
import { testConfig } from './config';
import { TestDatabase, createTestDatabase } from './database';

/** A real api on a database of its own, with a settable clock; `close()` removes it all. */
export interface TestApi {
  app: INestApplication;
  /** For supertest: `request(api.http)`. */
  http: ReturnType<INestApplication['getHttpServer']>;
  database: TestDatabase;
  dataSource: DataSource;
  clock: SettableClock;
  close(): Promise<void>;
}

/** Starts the api; `seed: true` loads the demo's Trondheimsregionen first. */
export async function startTestApi(options: { seed?: boolean; now?: string; env?: Record<string, string> } = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  const clock = new SettableClock(new Date(options.now ?? Date.now()));
  const app = await createApi(testConfig({ DATABASE_URL: database.url, ...options.env }), { clock });
  await app.init();
  // Nest holds log lines back until the app listens; suites that never listen would keep them all.
  app.flushLogs();
  const dataSource = app.get(DataSource);
  // The demo's council without its rounds: each suite launches the rounds it needs.
  if (options.seed) await seedDemo(dataSource, { withRounds: false });
  return {
    app,
    http: app.getHttpServer(),
    database,
    dataSource,
    clock,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
