import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { addDays, todayInOslo } from '@app/domain';
import { TestApi } from './support/api';
import { launchBrowser, newSignedInPage, screenshot, seriousViolations, watchConsole } from './support/browser';
import { decision, register } from './support/round-story';
import { secretariatToken } from './support/tokens';
import { TestWebApp, startWebApp } from './support/web-app';

// The decision rule in a real browser, against the api and the demo identity provider: the
// secretariat chooses it when launching a fee round, and the round page and the dashboard show it.
// The demo's fees in force are those of 2022 (NOK 6 392 069 in all, the weights of fees-2022): a
// total of NOK 6 000 000 lowers every member's fee, so a majority may decide it; NOK 20 000 000
// raises them, and a raise needs unanimity.
describe('the decision rule in the web app', () => {
  let web: TestWebApp;
  let api: TestApi;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const today = todayInOslo(new Date());
  const year = Number(today.slice(0, 4));

  const open = async (person: string, path: string) => {
    const { context, page } = await newSignedInPage(browser, `${base}${path}`, person);
    contexts.push(context);
    return page;
  };

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

  /** A test whose pages are photographed when it fails, so the failure can be seen. */
  const inBrowser = (name: string, body: () => Promise<void>, timeout = 120_000) =>
    it(name, async () => {
      try {
        await body();
      } catch (error) {
        const pages = contexts.flatMap((context) => context.pages());
        for (const [index, page] of pages.entries()) await screenshot(page, `decision-rules-failed-${index}`).catch(() => undefined);
        throw error;
      }
    }, timeout);

  const rounds = async () => (await api.dataSource.query(`SELECT count(*)::int AS n FROM round`))[0].n as number;

  /** The launch form filled in for a fee round over fees-2022, short of its decision rule. */
  async function fillFeeRound(page: Page, total: string, effectiveYear: number, title: string): Promise<void> {
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'Ny medlemsavgift' }).check();
    await page.getByLabel('Totalbeløp (kr)').fill(total);
    await page.getByLabel('Fordelingsnøkkel').selectOption('fees-2022');
    await page.getByLabel('Gjelder fra').fill(`${effectiveYear}-01-01`);
    await page.getByLabel('Tittel').fill(title);
    await page.getByLabel('Frist').fill(addDays(today, 40));
  }

  const ruleGroup = (page: Page) => page.getByRole('group', { name: 'Beslutningsregel' });

  inBrowser('launches a fee decrease by two thirds of the members, kept in the draft, and shows the rule on the round and the dashboard', async () => {
    const page = await open('Siri Sekretariat', '/councils/trondheimsregionen/launch');
    const problems = watchConsole(page);
    await fillFeeRound(page, '6 000 000', year + 3, 'Lavere medlemsavgift, to tredjedels flertall');

    // Unanimity unless chosen otherwise; a majority then asks for its share, in members.
    const rules = ruleGroup(page);
    expect(await rules.getByRole('radio', { name: /^Enstemmighet/ }).isChecked()).toBe(true);
    expect(await page.getByRole('group', { name: 'Andel som må vedta' }).count()).toBe(0);
    await rules.getByRole('radio', { name: /^Kvalifisert flertall av medlemmene/ }).check();
    const share = page.getByRole('group', { name: 'Andel som må vedta' });
    await share.getByRole('radio', { name: 'Minst 3/4: 6 av 8 kommuner' }).waitFor();
    const twoThirds = share.getByRole('radio', { name: 'Minst 2/3: 6 av 8 kommuner' });
    expect(await twoThirds.isChecked()).toBe(true);
    await share.getByRole('radio', { name: 'Minst 3/4: 6 av 8 kommuner' }).check();
    await twoThirds.check();
    await expectText(page.getByRole('region', { name: 'Oppsummering' }), /Kvalifisert flertall: minst 2\/3 av medlemmene/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'launch-decision-rule');

    // The draft keeps the choice over a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await ruleGroup(page).getByRole('radio', { name: /^Kvalifisert flertall av medlemmene/ }).isChecked()).toBe(true);
    expect(await page.getByRole('group', { name: 'Andel som må vedta' }).getByRole('radio', { name: /^Minst 2\/3/ }).isChecked()).toBe(true);

    const before = await rounds();
    await page.getByRole('button', { name: 'Send til kommunene' }).click();
    await page.waitForURL(/\/rounds\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    expect(await rounds()).toBe(before + 1);
    const [stored] = await api.dataSource.query(`SELECT decision_rule AS rule FROM round WHERE id = $1`, [id]);
    expect(stored.rule).toEqual({ kind: 'qualified_majority', by: 'count', atLeast: '2/3' });

    // The round page names the rule and what it means for these eight members.
    await page.getByRole('heading', { level: 1, name: 'Lavere medlemsavgift, to tredjedels flertall' }).waitFor();
    const facts = page.getByRole('region', { name: 'Om runden' });
    await expectText(facts, /Kvalifisert flertall: minst 2\/3 av medlemmene/);
    await expectText(facts, /Minst 6 av 8 kommuner må vedta\./);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'round-decision-rule');
    expect(problems.filter(isCspRefusal)).toEqual([]);

    // So does its card on the council's dashboard, beside the demo's round by unanimity.
    const dashboard = await open('Lars Leder', '/councils/trondheimsregionen');
    const card = dashboard.locator(`[data-round="${id}"]`);
    await expectText(card, /Kvalifisert flertall: minst 2\/3 av medlemmene/);
    await expectText(card, /Minst 6 av 8 kommuner må vedta\./);
    const demoCard = dashboard.locator('section[data-round]').filter({ hasText: /Ny medlemsavgift/ }).first();
    await expectText(demoCard, /Enstemmighet: alle medlemmer må vedta \(vetorett\)/);
    await expectText(demoCard, /Alle 8 kommunene må vedta\. Ett nei er nok til at saken faller\./);
    expect(await seriousViolations(dashboard)).toEqual([]);
    await screenshot(dashboard, 'dashboard-decision-rule');
  });

  inBrowser('refuses a majority for a fee raise with the reason at the rule, and sends nothing', async () => {
    const page = await open('Siri Sekretariat', '/councils/trondheimsregionen/launch');
    await fillFeeRound(page, '20 000 000', year + 4, 'Høyere medlemsavgift med flertall');
    await ruleGroup(page).getByRole('radio', { name: /^Kvalifisert flertall etter vekt/ }).check();
    await page.getByRole('group', { name: 'Andel som må vedta' }).getByRole('radio', { name: 'Minst 3/4' }).check();
    const before = await rounds();
    await page.getByRole('button', { name: 'Send til kommunene' }).click();

    const reason = /øker medlemsavgiften for minst én kommune, og en økning må vedtas av alle kommunestyrene/;
    await expectText(ruleGroup(page), reason);
    // Listed in the summary of what to put right, whose link leads to the rule.
    const summary = page.getByRole('link', { name: reason });
    await summary.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('launch-rule-unanimity');
    expect(await rounds()).toBe(before);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'launch-unanimity-required');

    // Unanimity it is, then: the same raise goes out.
    await ruleGroup(page).getByRole('radio', { name: /^Enstemmighet/ }).check();
    expect(await ruleGroup(page).getByText(reason).count()).toBe(0);
    await page.getByRole('button', { name: 'Send til kommunene' }).click();
    await page.waitForURL(/\/rounds\/[0-9a-f-]{36}$/);
    await expectText(page.getByRole('region', { name: 'Om runden' }), /Enstemmighet: alle medlemmer må vedta \(vetorett\)/);
    expect(await rounds()).toBe(before + 1);
  });

  inBrowser('shows a majority by weight with the share of the weights adopted so far', async () => {
    const launched = await request(api.http)
      .post('/api/councils/trondheimsregionen/rounds')
      .set('Authorization', `Bearer ${await secretariatToken('trondheimsregionen')}`)
      .send({
        subject: { type: 'fees', total: '6000000.00', costKey: 'fees-2022', effectiveFrom: `${year + 5}-01-01` },
        deadline: addDays(today, 30),
        title: 'Lavere medlemsavgift etter vekt',
        decisionRule: { kind: 'qualified_majority', by: 'weight', atLeast: '2/3' },
      });
    expect(launched.status).toBe(201);
    // Trondheim weighs 3 320 454 of 6 392 069: 51.9 % (rounded down), short of two thirds.
    const adopted = await register(api, launched.body.id, '5001', decision('adopted', addDays(today, -1), { body: 'bystyre' }));
    expect(adopted.status).toBe(200);

    const page = await open('Lars Leder', `/rounds/${launched.body.id}`);
    const facts = page.getByRole('region', { name: 'Om runden' });
    await expectText(facts, /Kvalifisert flertall: minst 2\/3 av vektene i fordelingsnøkkelen/);
    await expectText(facts, /Kommunene som har vedtatt, har 51,9 % av vektene\./);
  });

  inBrowser('offers no choice for an agreement version, which needs unanimity', async () => {
    const page = await open('Siri Sekretariat', '/councils/trondheimsregionen/launch');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'Ny versjon av samarbeidsavtalen' }).check();
    await page.getByText(/En ny versjon av samarbeidsavtalen krever enstemmighet/).waitFor();
    expect(await ruleGroup(page).count()).toBe(0);
  });

  async function expectText(locator: Locator, pattern: RegExp, timeout = 5_000): Promise<void> {
    await locator.filter({ hasText: pattern }).first().waitFor({ timeout });
  }
});

function isCspRefusal(message: string): boolean {
  return /Content Security Policy/i.test(message);
}
