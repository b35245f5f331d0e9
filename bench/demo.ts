// The demo's figures, on a database of its own with the demo's story: the allocation rule, the
// dashboard and the inbox read one at a time, in headless Chromium the JavaScript a first visit
// loads and the time to the dashboard's first round, and launching rounds and registering their
// decisions one after the other, with the memory the api holds afterwards.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { INestApplication } from '@nestjs/common';
import { chromium } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SettableClock } from '@app/application';
import { AppConfig, validateEnvironment } from '@app/config';
import { demoUsers, seedDemo } from '@app/demo';
import { Money, allocate } from '@app/domain';
import { TRONDHEIMSREGIONEN } from '@app/domain/testing/trondheimsregionen.fixture';
import { signLocalToken } from '@app/identity';
import { createApi } from '../apps/api/src/bootstrap';
import { webRoot } from '../apps/api/src/web/web-app';
import { UNLIMITED } from '../test/support/config';
import { startDemoIdentityProvider } from '../test/support/identity-provider';
import { Figure, MIB, figure, freePort, percentile } from './figures';

const CHROMIUM = '/usr/bin/chromium';
const ms = (ns: bigint) => Number(ns) / 1e6;
const round1 = (value: number) => Math.round(value * 10) / 10;

type Http = ReturnType<INestApplication['getHttpServer']>;

export function benchAllocation(): Figure[] {
  const members = TRONDHEIMSREGIONEN.members.map((m) => m.municipalityNumber);
  const weights = TRONDHEIMSREGIONEN.fees2022 as Record<string, string>;
  const total = Money.fromNok('10000000.00');
  const runs: number[] = [];
  for (let run = 0; run < 7; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 2_000; i++) allocate({ total, weights, members, roundTo: 'ore' });
    runs.push(ms(process.hrtime.bigint() - start) / 2_000);
  }
  return [figure('allocate, 8 members, øre: median of 7 runs', round1(percentile(runs, 0.5) * 1000), 'µs')];
}

function demoConfig(databaseUrl: string, more: Record<string, string> = {}): AppConfig {
  return new AppConfig(validateEnvironment({ ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...UNLIMITED, ...more }));
}

async function timeRequests(http: Http, path: string, token: string, count: number): Promise<number[]> {
  const took: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const response = await request(http).get(path).set('Authorization', `Bearer ${token}`);
    took.push(ms(process.hrtime.bigint() - start));
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return took;
}

/** The dashboard and inbox on the demo's story, 200 sequential requests each; then the browser's figures. */
export async function benchViews(databaseUrl: string, log: (line: string) => void): Promise<Figure[]> {
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  // The same demo identity provider the page tests start, with the demo's people.
  const idp = await startDemoIdentityProvider({ people: demoUsers({ alliance: true }), appUrls: [appUrl] });
  const config = demoConfig(databaseUrl, { OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: idp.audience, OIDC_JWKS_URL: idp.jwksUrl, OIDC_CLIENT_ID: idp.clientId });
  const clock = new SettableClock(new Date());
  const app = await createApi(config, { clock });
  await app.init();
  try {
    await seedDemo(app.get(DataSource), { clock });
    const http = app.getHttpServer();
    const leader = await signLocalToken(config.jwtSecret, { sub: 'leder.trondheimsregionen', name: 'Lars Leder', roles: [{ role: 'leader', council: 'trondheimsregionen' }] });
    const clerk = await signLocalToken(config.jwtSecret, { sub: 'clerk.5027', name: 'Utvalgssekretær Midtre Gauldal', roles: [{ role: 'clerk', municipality: '5027' }] });
    await timeRequests(http, '/api/councils/trondheimsregionen/dashboard', leader, 20);
    const dashboard = await timeRequests(http, '/api/councils/trondheimsregionen/dashboard', leader, 200);
    await timeRequests(http, '/api/municipalities/5027/inbox', clerk, 20);
    const inbox = await timeRequests(http, '/api/municipalities/5027/inbox', clerk, 200);
    const figures = [
      figure('demo dashboard, sequential: p50', round1(percentile(dashboard, 0.5)), 'ms'),
      figure('demo dashboard, sequential: p95', round1(percentile(dashboard, 0.95)), 'ms'),
      figure('demo inbox (two councils), sequential: p50', round1(percentile(inbox, 0.5)), 'ms'),
      figure('demo inbox (two councils), sequential: p95', round1(percentile(inbox, 0.95)), 'ms'),
    ];
    if (!existsSync(CHROMIUM) || !existsSync(join(webRoot(), 'index.html'))) {
      log(`demo: the browser's figures need ${CHROMIUM} and the built web app (dist/web); not measured`);
      return figures;
    }
    await app.listen(port, '127.0.0.1');
    return [...figures, ...(await benchBrowser(appUrl))];
  } finally {
    await app.close();
    await idp.close();
  }
}

async function benchBrowser(appUrl: string): Promise<Figure[]> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('request', (req) => {
      if (req.resourceType() === 'script') scripts.add(new URL(req.url()).pathname);
    });
    await page.goto(`${appUrl}/`);
    await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
    await page.getByRole('button', { name: /^Lars Leder\b/ }).click();
    await page.waitForURL((url) => url.origin === appUrl && !url.pathname.startsWith('/auth/'));
    await page.goto(`${appUrl}/councils/trondheimsregionen`);
    await page.locator('[data-progress]').first().waitFor();
    const gzipped = [...scripts].reduce((sum, path) => sum + gzipSync(readFileSync(join(webRoot(), path))).length, 0);

    // A returning visit in the same browser: the identity provider's session signs in silently.
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const fresh = await context.newPage();
      const start = Date.now();
      await fresh.goto(`${appUrl}/councils/trondheimsregionen`);
      await fresh.locator('[data-progress]').first().waitFor();
      times.push(Date.now() - start);
      await fresh.close();
    }
    return [
      figure(`demo web app JavaScript, first visit, gzipped (${scripts.size} files)`, round1(gzipped / 1024), 'kB'),
      // Silent sign-in included: the identity provider's session is the browser's.
      figure("demo navigation to the dashboard's first round: median", percentile(times, 0.5), 'ms'),
    ];
  } finally {
    await browser.close();
  }
}

/** Launching a round and registering its eight decisions one request at a time, 60 times. */
export async function benchSequentialWrites(databaseUrl: string): Promise<Figure[]> {
  const config = demoConfig(databaseUrl);
  const clock = new SettableClock(new Date('2030-01-02T10:00:00+01:00'));
  const app: INestApplication = await createApi(config, { clock });
  await app.init();
  try {
    await seedDemo(app.get(DataSource), { withRounds: false });
    const http = app.getHttpServer();
    const secretariat = `Bearer ${await signLocalToken(config.jwtSecret, { sub: 'bench', name: 'Bench', roles: [{ role: 'secretariat', council: 'trondheimsregionen' }] })}`;
    const clerks = new Map<string, string>();
    for (const m of TRONDHEIMSREGIONEN.members) {
      clerks.set(m.municipalityNumber, `Bearer ${await signLocalToken(config.jwtSecret, { sub: `bench.${m.municipalityNumber}`, name: 'Clerk', roles: [{ role: 'clerk', municipality: m.municipalityNumber }] })}`);
    }
    const launches: number[] = [];
    const registrations: number[] = [];
    const settling: number[] = [];
    const members = TRONDHEIMSREGIONEN.members.map((m) => m.municipalityNumber);
    for (let i = 0; i < 60; i++) {
      let start = process.hrtime.bigint();
      const launched = await request(http)
        .post('/api/councils/trondheimsregionen/rounds')
        .set('Authorization', secretariat)
        .send({ subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: `${2100 + i}-01-01` }, deadline: '2030-01-31' });
      launches.push(ms(process.hrtime.bigint() - start));
      if (launched.status !== 201) throw new Error(`launch failed: ${launched.status} ${JSON.stringify(launched.body)}`);
      for (const [index, nr] of members.entries()) {
        start = process.hrtime.bigint();
        const response = await request(http)
          .put(`/api/rounds/${launched.body.id}/decisions/${nr}`)
          .set('Authorization', clerks.get(nr)!)
          .send({ decision: 'adopted', meetingDate: '2030-01-01', body: nr === '5001' ? 'bystyre' : 'kommunestyre', caseNumber: '2030/1', protocolRef: 'p' });
        const took = ms(process.hrtime.bigint() - start);
        if (response.status !== 200) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
        (index === members.length - 1 ? settling : registrations).push(took);
      }
    }
    global.gc?.();
    const memory = process.memoryUsage();
    return [
      figure('demo launch round (fees, 8 members), sequential: median', round1(percentile(launches, 0.5)), 'ms'),
      figure('demo launch round (fees, 8 members), sequential: p95', round1(percentile(launches, 0.95)), 'ms'),
      figure('demo PUT decision, sequential: median', round1(percentile(registrations, 0.5)), 'ms'),
      figure('demo PUT decision, sequential: p95', round1(percentile(registrations, 0.95)), 'ms'),
      figure('demo PUT last decision (settles, in force), sequential: median', round1(percentile(settling, 0.5)), 'ms'),
      figure('demo PUT last decision (settles, in force), sequential: p95', round1(percentile(settling, 0.95)), 'ms'),
      figure('demo ratio settling ÷ ordinary decision', Math.round((percentile(settling, 0.5) / percentile(registrations, 0.5)) * 100) / 100, ''),
      figure('bench process after the sequential writes: RSS', Math.round(memory.rss / MIB), 'MB'),
      figure('bench process after the sequential writes: heap used', Math.round(memory.heapUsed / MIB), 'MB'),
    ];
  } finally {
    await app.close();
  }
}
