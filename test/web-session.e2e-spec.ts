import { Browser, BrowserContext } from 'playwright-core';
import { demoUsers, seedDemo } from '@app/demo';
import { TestApi, startTestApi } from './support/api';
import { launchBrowser, newSignedInPage } from './support/browser';
import { DemoIdentityProvider, startDemoIdentityProvider } from './support/identity-provider';
import { freePort } from './support/redis-server';

// A session that ends while a clerk is typing: the app asks to sign in again, and what was typed
// is still there afterwards. Access tokens here live 30 s, so the session ends within the test.
describe('an ended session in the browser', () => {
  let idp: DemoIdentityProvider;
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    idp = await startDemoIdentityProvider({ people: demoUsers({ alliance: true }), appUrls: [base], accessTokenTtlSeconds: 30 });
    api = await startTestApi({
      now: new Date().toISOString(),
      env: { OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: idp.audience, OIDC_JWKS_URL: idp.jwksUrl, OIDC_CLIENT_ID: idp.clientId },
    });
    await seedDemo(api.dataSource, { clock: api.clock });
    await api.app.listen(port, '127.0.0.1');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await api?.close();
    await idp?.close();
  });

  it('asks to sign in again and keeps what was typed in the decision form', async () => {
    const signedIn = await newSignedInPage(browser, `${base}/municipalities/5054`, 'Utvalgssekretær Indre Fosen');
    context = signedIn.context;
    const page = signedIn.page;
    const item = page.getByRole('article', { name: /^Ny medlemsavgift/ });
    await item.getByRole('button', { name: 'Registrer vedtak' }).click();
    await page.getByLabel('Saksnummer').fill('2026/0815');
    await page.getByLabel('Merknad').fill('Behandles etter innstilling fra formannskapet.');

    // The identity provider's session ends (its cookies go): no silent renewal is possible now.
    await context.clearCookies();
    const dialog = page.getByRole('dialog', { name: 'Økten din er utløpt' });
    await dialog.waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Logg inn igjen' }).click();
    await page.getByRole('button', { name: /^Utvalgssekretær Indre Fosen\b/ }).click();
    await page.waitForURL(`${base}/municipalities/5054**`);

    // Back where they were: the form is open again (its address says which) with what was typed.
    const form = page.getByRole('region', { name: /^Registrer vedtak: Ny medlemsavgift/ });
    await form.waitFor();
    await expect(form.getByLabel('Saksnummer').inputValue()).resolves.toBe('2026/0815');
    await expect(form.getByLabel('Merknad').inputValue()).resolves.toBe('Behandles etter innstilling fra formannskapet.');
  }, 120_000);
});
