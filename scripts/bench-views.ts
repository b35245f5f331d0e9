// Figures for the people's views: the dashboard and the inbox over HTTP on the demo's story, and
// in headless Chromium the JavaScript a first visit loads (gzipped) and the time from navigation
// to the dashboard's first rendered round. Printed by `npm run bench`, never asserted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { INestApplication } from '@nestjs/common';
import { chromium } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SettableClock } from '@app/application';
import { AppConfig, validateEnvironment } from '@app/config';
import { demoUsers, seedDemo } from '@app/demo';
import { signLocalToken } from '@app/identity';
import { createApi } from '../apps/api/src/bootstrap';
import { webRoot } from '../apps/api/src/web/web-app';
import { startDemoIdentityProvider } from '../test/support/identity-provider';
import { freePort } from '../test/support/redis-server';
import { UNLIMITED } from '../test/support/config';

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const ms = (ns: bigint) => Number(ns) / 1e6;

async function timeRequests(http: ReturnType<INestApplication['getHttpServer']>, path: string, token: string, count: number): Promise<number[]> {
  const took: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const response = await request(http).get(path).set('Authorization', `Bearer ${token}`);
    took.push(ms(process.hrtime.bigint() - start));
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return took;
}

export async function benchViews(): Promise<void> {
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  // The same demo identity provider the page tests start, with the demo's people.
  const idp = await startDemoIdentityProvider({ people: demoUsers({ alliance: true }), appUrls: [appUrl] });
  const config = new AppConfig(
    validateEnvironment({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ...UNLIMITED,
      OIDC_ISSUER: idp.issuer,
      OIDC_AUDIENCE: idp.audience,
      OIDC_JWKS_URL: idp.jwksUrl,
      OIDC_CLIENT_ID: idp.clientId,
    }),
  );
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
    console.log(`GET dashboard (demo data)             p50 ${percentile(dashboard, 0.5).toFixed(1)} ms, p95 ${percentile(dashboard, 0.95).toFixed(1)} ms (200 sequential)`);
    console.log(`GET inbox (demo data, two councils)   p50 ${percentile(inbox, 0.5).toFixed(1)} ms, p95 ${percentile(inbox, 0.95).toFixed(1)} ms (200 sequential)`);

    await app.listen(port, '127.0.0.1');
    await benchBrowser(appUrl);
  } finally {
    await app.close();
    await idp.close();
  }
}

async function benchBrowser(appUrl: string): Promise<void> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
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
    console.log(`web app JavaScript, first visit       ${(gzipped / 1024).toFixed(1)} kB gzipped in ${scripts.size} files (to the dashboard's first round)`);

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
    console.log(`navigation to the dashboard's first round  median ${percentile(times, 0.5)} ms (7 visits, headless Chromium, silent sign-in included)`);
  } finally {
    await browser.close();
  }
}
