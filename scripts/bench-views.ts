// Figures for the people's views: the dashboard and the inbox over HTTP on the demo's story, and
// in headless Chromium the JavaScript a first visit loads (gzipped) and the time from navigation
// to the dashboard's first rendered round. Printed by `npm run bench`, never asserted.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
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

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const ms = (ns: bigint) => Number(ns) / 1e6;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startIdentityProvider(appUrl: string): Promise<{ issuer: string; child: ChildProcess; folder: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'vedtak-bench-idp-'));
  const peopleFile = join(folder, 'people.json');
  writeFileSync(peopleFile, JSON.stringify(demoUsers({ alliance: true })));
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(__dirname, '..', 'apps', 'demo-idp', 'main.mjs')], {
    env: { PATH: process.env.PATH, IDP_PORT: String(port), IDP_ISSUER: issuer, IDP_APP_URL: appUrl, IDP_PEOPLE_FILE: peopleFile },
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i++) {
    if (await fetch(`${issuer}/.well-known/openid-configuration`).then((r) => r.ok, () => false)) return { issuer, child, folder };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error('the demo identity provider did not start');
}

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
  const idp = await startIdentityProvider(appUrl);
  const config = new AppConfig(
    validateEnvironment({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      OIDC_ISSUER: idp.issuer,
      OIDC_AUDIENCE: 'vedtaksrunde-api',
      OIDC_JWKS_URL: `${idp.issuer}/jwks`,
      OIDC_CLIENT_ID: 'vedtaksrunde-web',
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
    idp.child.kill('SIGTERM');
    rmSync(idp.folder, { recursive: true, force: true });
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
