import { Browser, BrowserContext, Page } from 'playwright-core';
import { EntityManager } from 'typeorm';
import { Notifier, appendEvent } from '@app/application';
import { TestApi } from './support/api';
import { launchBrowser, newSignedInPage, screenshot, seriousViolations, watchConsole } from './support/browser';
import { TestWebApp, startWebApp } from './support/web-app';

// The lists the api answers in pages of 50, in a real browser on the demo's story grown long: the
// page shows the first 50 and a "Vis flere" that follows the api's Link header until all are shown.
describe('long lists in the web app', () => {
  let web: TestWebApp;
  let api: TestApi;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  const open = async (person: string, path: string) => {
    const { context, page } = await newSignedInPage(browser, `${base}${path}`, person);
    contexts.push(context);
    return page;
  };

  /** The person as the api knows them once they have signed in through the identity provider. */
  const userIdOf = async (subject: string): Promise<string> =>
    (await api.dataSource.query(`SELECT id FROM app_user WHERE issuer = $1 AND subject = $2`, [web.idp.issuer, subject]))[0].id;

  /** Presses "Show more" until it is gone; answers how many times it was there. */
  async function showAll(page: Page, label: string | RegExp): Promise<number> {
    const button = page.getByRole('button', { name: label });
    let presses = 0;
    while (await button.isVisible()) {
      const before = await page.locator('li').count();
      await button.click();
      await page.waitForFunction((count) => document.querySelectorAll('li').length > count, before);
      presses++;
      expect(presses).toBeLessThan(10);
    }
    return presses;
  }

  beforeAll(async () => {
    web = await startWebApp();
    ({ api, base } = web);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await web?.close();
  });

  it('shows the admin every council’s dashboard, fifty at a time', async () => {
    await api.dataSource.query(`INSERT INTO council (slug, name) SELECT 'rad-' || n, 'Råd ' || lpad(n::text, 2, '0') FROM generate_series(1, 60) n`);
    const councils: number = (await api.dataSource.query(`SELECT count(*)::int AS n FROM council`))[0].n;
    const page = await open('Drift Administrator', '/');
    const problems = watchConsole(page);
    const cards = page.locator('ul.card-list > li');
    await page.getByRole('heading', { level: 1, name: 'Dine arbeidsflater' }).waitFor();
    await page.getByRole('button', { name: 'Vis flere' }).waitFor();
    expect(await cards.count()).toBe(50);
    expect(await showAll(page, 'Vis flere')).toBe(1);
    expect(await cards.count()).toBe(councils);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows a round’s whole timeline, the oldest first, fifty events at a time', async () => {
    const [round] = await api.dataSource.query(`SELECT id, council_id FROM round WHERE status = 'open' AND title LIKE 'Ny medlemsavgift%'`);
    await api.dataSource.transaction(async (manager: EntityManager) => {
      for (let i = 0; i < 60; i++) {
        await appendEvent(manager, {
          type: 'round.extended',
          actor: 'sekretariat.trondheimsregionen',
          councilId: round.council_id,
          roundId: round.id,
          at: api.clock.now(),
          data: { reason: `Utsatt nr. ${i + 1}` },
        });
      }
    });
    const events: number = (await api.dataSource.query(`SELECT count(*)::int AS n FROM event WHERE round_id = $1`, [round.id]))[0].n;
    const page = await open('Siri Sekretariat', `/rounds/${round.id}`);
    const problems = watchConsole(page);
    const timeline = page.locator('ol.round-timeline > li');
    await page.getByRole('button', { name: 'Vis flere' }).waitFor();
    expect(await timeline.count()).toBe(50);
    expect(await showAll(page, 'Vis flere')).toBe(Math.ceil(events / 50) - 1);
    expect(await timeline.count()).toBe(events);
    await page.getByText('Begrunnelse: Utsatt nr. 60', { exact: false }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'round-timeline-long');
    expect(problems).toEqual([]);
  });

  it('shows a leader every notice and every calendar link, fifty at a time', async () => {
    const page = await open('Lars Leder', '/notices');
    const problems = watchConsole(page);
    await page.getByRole('heading', { level: 1, name: 'Varsler' }).waitFor();
    const userId = await userIdOf('leder.trondheimsregionen');
    const [{ id: councilId }] = await api.dataSource.query(`SELECT id FROM council WHERE slug = 'trondheimsregionen'`);
    const notifier = api.app.get(Notifier);
    await api.dataSource.transaction((manager: EntityManager) =>
      notifier.notify(
        manager,
        Array.from({ length: 70 }, (_, i) => ({
          key: `web-lists/${i}/leder`,
          userId,
          councilId,
          roundId: null,
          link: null,
          content: { kind: 'veto' as const, roundTitle: `Runde ${i}`, councilName: 'Trondheimsregionen', vetoMunicipalityName: 'Skaun' },
        })),
      ),
    );
    const notices: number = (await api.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE user_id = $1`, [userId]))[0].n;
    await page.reload();
    const cards = page.locator('ul.notices__list > li');
    await page.getByRole('button', { name: 'Vis flere varsler' }).waitFor();
    expect(await cards.count()).toBe(50);
    await showAll(page, 'Vis flere varsler');
    expect(await cards.count()).toBe(notices);

    await api.dataSource.query(
      `INSERT INTO calendar_feed (user_id, token_hash, token_prefix, scope, council_id, created_at, expires_at)
       SELECT $1, sha256(convert_to('web-lists-' || n, 'UTF8')), 'abc' || n, 'council', $2, now() - n * interval '1 minute', now() + interval '30 days'
         FROM generate_series(1, 55) n`,
      [userId, councilId],
    );
    await page.goto(`${base}/settings`);
    const mine = page.getByRole('group', { name: 'Kalenderlenkene dine' });
    const feeds = mine.locator('li.settings__my-feed');
    await mine.getByRole('button', { name: 'Vis flere' }).waitFor();
    expect(await feeds.count()).toBe(50);
    await mine.getByRole('button', { name: 'Vis flere' }).click();
    await page.waitForFunction(() => document.querySelectorAll('li.settings__my-feed').length === 55);
    expect(await mine.getByRole('button', { name: 'Vis flere' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
