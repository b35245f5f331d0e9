import { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { launchBrowser, newSignedInPage, screenshot, seriousViolations, watchConsole } from './support/browser';
import { decision, register } from './support/round-story';
import { MEMBERS_2019, ONE_SECTION_MINIMUM_CONTENT, SLUG_2019 } from './support/trondheimsregionen-2019';
import { adminToken, secretariatToken } from './support/tokens';
import { TestWebApp, startWebApp } from './support/web-app';

// Trondheimsregionen as it was in 2019: Klæbu (5030) merged into Trondheim (5001) on 1 January 2020.
const SLUG = SLUG_2019;
const SECRETARY = 'Sigrid Sekretariat';
const MINIMUM_CONTENT = ONE_SECTION_MINIMUM_CONTENT;
const REASON = 'Klæbu er en del av Trondheim fra 1. januar 2020';

// The secretariat amends an open round's electorate on the round page, in a real browser, after a merger.
describe("amending an open round's electorate, on the round page", () => {
  let web: TestWebApp;
  let browser: Browser;
  let roundId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    web = await startWebApp({
      people: (people) => [
        ...people,
        {
          sub: `secretariat.${SLUG}`,
          name: SECRETARY,
          email: 'sekretariat@trondheimsregionen-2019.local',
          roles: [{ role: 'secretariat', council: SLUG }],
          description: 'Sekretariat, Trondheimsregionen 2019',
        },
      ],
    });
    const { api } = web;
    const admin = `Bearer ${await adminToken()}`;
    const secretariat = `Bearer ${await secretariatToken(SLUG)}`;
    const post = (path: string, body: Record<string, unknown>) => request(api.http).post(path).set('Authorization', secretariat).send(body);

    api.clock.set('2019-09-02T10:00:00+02:00');
    await request(api.http).post('/api/councils').set('Authorization', admin).send({ slug: SLUG, name: 'Trondheimsregionen 2019' }).expect(201);
    for (const [number, name, representatives] of MEMBERS_2019) {
      await request(api.http).put(`/api/councils/${SLUG}/members/${number}`).set('Authorization', secretariat).send({ name, joinedOn: '2010-01-01', representatives }).expect((r) => {
        if (![200, 201].includes(r.status)) throw new Error(`${number}: ${r.status} ${JSON.stringify(r.body)}`);
      });
    }

    api.clock.set('2019-11-01T10:00:00+01:00');
    const version = await post(`/api/councils/${SLUG}/agreement-versions`, {
      title: 'Samarbeidsavtale 2020',
      effectiveFrom: '2020-06-01',
      sections: [{ ref: '§ 1', heading: 'Formål', text: 'Rådet samarbeider om regional utvikling.' }],
      minimumContent: MINIMUM_CONTENT,
    }).expect(201);
    const round = await post(`/api/councils/${SLUG}/rounds`, { subject: { type: 'agreement', versionId: version.body.id }, deadline: '2020-03-01', title: 'Samarbeidsavtale 2020' }).expect(201);
    roundId = round.body.id;

    // Trondheim adopts in December; Klæbu has not decided when the merger is registered.
    api.clock.set('2019-12-13T12:00:00+01:00');
    expect((await register(api, roundId, '5001', decision('adopted', '2019-12-12'))).status).toBe(200);
    await post(`/api/councils/${SLUG}/mergers`, {
      predecessors: ['5001', '5030'],
      successor: { municipalityNumber: '5001', name: 'Trondheim' },
      effectiveFrom: '2020-01-01',
      reason: 'Klæbu og Trondheim slås sammen fra 1. januar 2020',
    }).expect(201);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await web?.close();
  });

  const open = async (person: string, path: string) => {
    const { context, page } = await newSignedInPage(browser, `${web.base}${path}`, person);
    contexts.push(context);
    return page;
  };

  const inBrowser = (name: string, body: () => Promise<void>) =>
    it(name, async () => {
      try {
        await body();
      } catch (error) {
        const pages = contexts.flatMap((context) => context.pages());
        for (const [index, page] of pages.entries()) await screenshot(page, `electorate-amendment-failed-${index}`).catch(() => undefined);
        throw error;
      }
    }, 120_000);

  const decisionsTable = (page: Page) => page.getByRole('table', { name: 'Vedtak i hver medlemskommune' });

  inBrowser('is told nothing changed before the merger takes effect, then takes Klæbu out with a reason and lists the amendment', async () => {
    const page = await open(SECRETARY, `/rounds/${roundId}`);
    const problems = watchConsole(page);
    await page.getByText('1 av 8 kommunestyrer har gjort vedtak').waitFor();
    await decisionsTable(page).getByRole('rowheader', { name: 'Klæbu', exact: true }).waitFor();
    expect(await page.getByRole('heading', { name: 'Endringer i medlemskretsen' }).count()).toBe(0);

    // Before 1 January Klæbu is still a member: the secretariat is told so, and the reason is kept.
    await page.getByRole('region', { name: 'Sekretariatets handlinger' }).getByRole('button', { name: 'Oppdater medlemskretsen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Oppdater medlemskretsen' });
    await dialog.getByText('Tar ut medlemmer som har gått ut eller er slått sammen siden runden ble sendt ut').waitFor();
    // A reason is required.
    await dialog.getByRole('button', { name: 'Oppdater medlemskretsen' }).click();
    await dialog.getByText('Skriv en begrunnelse.').first().waitFor();
    await dialog.getByLabel('Begrunnelse').fill(REASON);
    await dialog.getByRole('button', { name: 'Oppdater medlemskretsen' }).click();
    await dialog.getByRole('alert').getByText('Alle medlemmene i runden er fortsatt medlemmer av rådet.').waitFor();
    expect(await dialog.getByLabel('Begrunnelse').inputValue()).toBe(REASON);

    // From 1 January the merger has taken effect.
    web.api.clock.set('2020-01-02T09:00:00+01:00');
    await dialog.getByRole('button', { name: 'Oppdater medlemskretsen' }).click();
    await page.getByRole('status').getByText('Medlemskretsen er oppdatert.').waitFor();
    expect(await dialog.isVisible()).toBe(false);

    // Seven members, Trondheim deciding anew: Klæbu had not adopted.
    await page.getByText('0 av 7 kommunestyrer har gjort vedtak').waitFor();
    expect(await decisionsTable(page).getByRole('rowheader', { name: 'Klæbu', exact: true }).count()).toBe(0);
    await decisionsTable(page).getByRole('rowheader', { name: 'Trondheim', exact: true }).waitFor();

    const changes = page.getByRole('region', { name: 'Endringer i medlemskretsen' });
    await changes.getByText(`Begrunnelse: ${REASON}`).waitFor();
    await changes.getByText('Endret').first().waitFor();
    await changes.getByText('Klæbu (5030) tatt ut: slått sammen med Trondheim (5001) (status var: venter)').waitFor();
    await changes.getByText('Trondheim (5001) må behandle saken på nytt').waitFor();
    await page.getByText('Medlemskretsen ble oppdatert').first().waitFor();

    // The browser logs the api's refusal before the merger took effect; nothing else may go wrong.
    expect(problems.filter((problem) => !problem.includes('status of 409 (Conflict)'))).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'electorate-amendment');
  });
});
