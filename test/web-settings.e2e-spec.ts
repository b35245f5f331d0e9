import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { TestApi } from './support/api';
import { launchBrowser, newSignedInPage, screenshot, seriousViolations, walkWithTab, watchConsole } from './support/browser';
import { TestWebApp, startWebApp } from './support/web-app';

const DAY = 24 * 60 * 60 * 1000;

interface Issued {
  id: string;
  url: string;
  token: string;
  expiresAt: string;
}

// A clerk's calendar links on the settings page, in a real browser against the api and the demo
// identity provider: made and shown once, listed by their key's beginning, fetched, deleted.
describe('the settings page’s calendar links and e-mail choices in a browser', () => {
  let web: TestWebApp;
  let api: TestApi;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    web = await startWebApp({ env: (base) => ({ PUBLIC_BASE_URL: base }) });
    ({ api, base } = web);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await web?.close();
  });

  it('makes a link that is shown once, lists it by its key and expiry, and deletes it for good, in all three languages', async () => {
    const { context, page } = await newSignedInPage(browser, `${base}/settings`, 'Utvalgssekretær Midtre Gauldal');
    contexts.push(context);
    const problems = watchConsole(page);
    try {
      const mine = page.getByRole('group', { name: 'Kalenderlenkene dine' });
      await mine.getByText('Du har ingen kalenderlenker.').waitFor();

      const council = await makeLink(page, 'Trondheimsregionen');
      expect(council.url).toBe(`${base}/api/councils/trondheimsregionen/calendar.ics?token=${council.token}`);
      const municipality = await makeLink(page, 'Midtre Gauldal kommune');
      expect(municipality.url).toBe(`${base}/api/municipalities/5027/calendar.ics?token=${municipality.token}`);
      for (const feed of [council, municipality]) expect(Date.parse(feed.expiresAt) - api.clock.now().getTime()).toBe(90 * DAY);

      // Listed by the key's first six characters and the expiry, never by the whole token.
      const councilEntry = entryOf(mine, 'Trondheimsregionen');
      await expectText(councilEntry, new RegExp(`begynner med\\s*${council.token.slice(0, 6)}…`));
      await expectText(councilEntry, new RegExp(`Virker til ${escape(await inOslo(page, council.expiresAt, 'nb-NO'))}\\.`));
      await expectText(councilEntry, /Ikke hentet av noen kalender ennå\./);
      await expectText(entryOf(mine, 'Midtre Gauldal kommune'), new RegExp(`begynner med\\s*${municipality.token.slice(0, 6)}…`));
      expect(await mine.textContent()).not.toContain(council.token);

      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'settings-feeds');
      await expectKeyboardWorks(page);

      // The address works as a calendar app fetches it: no sign-in, the token in the address.
      for (const feed of [council, municipality]) {
        const answer = await fetch(feed.url);
        expect(answer.status).toBe(200);
        expect(answer.headers.get('content-type')).toMatch(/^text\/calendar\b/);
        expect(await answer.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);
      }

      // Deleted with the keyboard: the entry goes, the status says so, focus lands on the list's heading,
      // and the dead address is no longer offered above.
      const councilFeed = page.getByRole('article', { name: 'Trondheimsregionen' });
      await mine.getByRole('button', { name: 'Slett lenken for Trondheimsregionen' }).focus();
      await page.keyboard.press('Enter');
      await expectText(mine.getByRole('status'), /^Lenken for Trondheimsregionen er slettet\.$/);
      await councilEntry.waitFor({ state: 'detached' });
      await page.waitForFunction(() => document.activeElement?.id === 'settings-my-feeds');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Kalenderlenkene dine');
      await councilFeed.getByRole('button', { name: 'Lag kalenderlenke for Trondheimsregionen' }).waitFor();
      expect(await councilFeed.getByLabel('Kalenderlenke for Trondheimsregionen').count()).toBe(0);
      const refused = await fetch(council.url);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
      expect(await refused.json()).toMatchObject({ status: 401, type: '/problems/invalid-token', reason: 'revoked' });
      expect((await fetch(municipality.url)).status).toBe(200);

      // Shown once: after a reload the address is gone, the entry stays and knows it was fetched.
      await page.reload();
      const municipalityEntry = entryOf(mine, 'Midtre Gauldal kommune');
      await expectText(municipalityEntry, /Sist hentet av en kalender/);
      await page.getByRole('button', { name: 'Lag kalenderlenke for Midtre Gauldal kommune' }).waitFor();
      expect(await page.getByLabel('Kalenderlenke for Midtre Gauldal kommune').count()).toBe(0);
      expect(await page.content()).not.toContain(municipality.token);
      expect(await mine.getByRole('listitem').count()).toBe(1);

      // Nynorsk from the page's own language choice, English from the header's.
      await page.getByRole('group', { name: 'Språk i skjermbildene' }).getByRole('radio', { name: 'Nynorsk' }).check();
      const mineNn = page.getByRole('group', { name: 'Kalenderlenkjene dine' });
      await expectText(entryOf(mineNn, 'Midtre Gauldal kommune'), new RegExp(`Verkar til ${escape(await inOslo(page, municipality.expiresAt, 'nn-NO'))}\\.`));
      await mineNn.getByRole('button', { name: 'Slett lenkja for Midtre Gauldal kommune' }).waitFor();
      await page.getByRole('banner').getByRole('combobox', { name: /^Språk/ }).selectOption('en');
      const mineEn = page.getByRole('group', { name: 'Your calendar links' });
      await expectText(entryOf(mineEn, 'Midtre Gauldal municipality'), new RegExp(`Works until ${escape(await inOslo(page, municipality.expiresAt, 'en-GB'))}\\.`));
      await mineEn.getByRole('button', { name: 'Delete the link for Midtre Gauldal municipality' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-settings').catch(() => undefined);
      throw error;
    }
  }, 120_000);

  it('keeps the kinds of notice chosen to come by e-mail, and the language of notices with them, after a reload', async () => {
    const { context, page } = await newSignedInPage(browser, `${base}/settings`, 'Utvalgssekretær Indre Fosen');
    contexts.push(context);
    const problems = watchConsole(page);
    try {
      const email = page.getByRole('group', { name: 'E-post for …' });
      const reminders = email.getByRole('checkbox', { name: 'E-post for påminnelser om fristen' });
      const late = email.getByRole('checkbox', { name: 'E-post når en runde ser ut til å bli forsinket' });
      await reminders.waitFor();
      expect(await email.getByRole('checkbox').count()).toBe(11);
      for (const box of await email.getByRole('checkbox').all()) expect(await box.isChecked()).toBe(true);

      await page.getByRole('group', { name: 'Skriftspråk i varslene dine' }).getByRole('radio', { name: 'Nynorsk' }).check();
      await page.getByRole('button', { name: 'Lagre språk for varsler' }).click();
      await page.getByRole('status').filter({ hasText: 'Varslene dine skrives nå på nynorsk' }).waitFor();

      await reminders.uncheck();
      await late.uncheck();
      const saved = page.waitForResponse((response) => response.url().endsWith('/api/me/settings') && response.request().method() === 'PUT');
      await page.getByRole('button', { name: 'Lagre valg for e-post' }).click();
      expect(await (await saved).json()).toEqual({ language: 'nn', emailOffKinds: ['reminder', 'forecast_late'] });
      await page.getByRole('status').filter({ hasText: 'Valgene dine for e-post gjelder fra nå' }).waitFor();

      await page.reload();
      await reminders.waitFor();
      expect(await reminders.isChecked()).toBe(false);
      expect(await late.isChecked()).toBe(false);
      expect(await email.getByRole('checkbox', { name: 'E-post når fristen er passert' }).isChecked()).toBe(true);
      expect(await page.getByRole('group', { name: 'Skriftspråk i varslene dine' }).getByRole('radio', { name: 'Nynorsk' }).isChecked()).toBe(true);

      // In English the same choice reads the same.
      await page.getByRole('banner').getByRole('combobox', { name: /^Språk/ }).selectOption('en');
      const emailEn = page.getByRole('group', { name: 'E-mail for …' });
      expect(await emailEn.getByRole('checkbox', { name: 'E-mail for reminders of the deadline' }).isChecked()).toBe(false);
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-settings-email').catch(() => undefined);
      throw error;
    }
  }, 120_000);

  /** Presses the feed's "Lag kalenderlenke", and answers what the api issued once the page shows its address. */
  async function makeLink(page: Page, name: string): Promise<Issued> {
    const feed = page.getByRole('article', { name });
    const answer = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/me/calendar-feeds');
    await feed.getByRole('button', { name: `Lag kalenderlenke for ${name}` }).click();
    const issued = (await (await answer).json()) as Issued;
    const address = feed.getByLabel(`Kalenderlenke for ${name}`);
    await address.waitFor();
    expect(await address.inputValue()).toBe(issued.url);
    return issued;
  }

  function entryOf(list: Locator, name: string): Locator {
    return list.getByRole('listitem').filter({ has: list.page().getByText(name, { exact: true }) });
  }

  /** An instant as the browser writes it for Oslo, the way the page does. */
  function inOslo(page: Page, instant: string, locale: string): Promise<string> {
    return page.evaluate(
      ([at, tag]) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Oslo' }).format(new Date(at)),
      [instant, locale],
    );
  }

  /** Every link, button and field is reached with Tab alone, and shows where the focus is. */
  async function expectKeyboardWorks(page: Page): Promise<void> {
    const walk = await walkWithTab(page);
    expect(walk.focusable).toBeGreaterThan(10);
    expect(walk.unreached).toEqual([]);
    expect(walk.invisibleFocus).toEqual([]);
  }

  async function expectText(locator: Locator, pattern: RegExp, timeout = 5_000): Promise<void> {
    await locator.filter({ hasText: pattern }).first().waitFor({ timeout });
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
