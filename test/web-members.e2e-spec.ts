import { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { launchBrowser, newSignedInPage, screenshot, seriousViolations, watchConsole } from './support/browser';
import { adminToken, secretariatToken } from './support/tokens';
import { TestWebApp, startWebApp } from './support/web-app';

// A council of three as it was in the autumn of 2019: Klæbu (5030) was to merge into Trondheim (5001).
const SLUG = 'medlemmer-2019';
const SECRETARY = 'Marte Medlemssekretær';
const LEADER = 'Lars Rådsleder';
const MEMBERS: Array<[string, string, number]> = [
  ['5001', 'Trondheim', 6],
  ['5030', 'Klæbu', 1],
  ['5031', 'Malvik', 1],
];

// The secretariat keeps the council's members on the members page, in a real browser; the leader reads it.
describe('the members page: mergers, notices of withdrawal and past members', () => {
  let web: TestWebApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    web = await startWebApp({
      people: (people) => [
        ...people,
        {
          sub: `secretariat.${SLUG}`,
          name: SECRETARY,
          email: 'sekretariat@medlemmer-2019.local',
          roles: [{ role: 'secretariat', council: SLUG }],
          description: 'Sekretariat, medlemmer 2019',
        },
        {
          sub: `leader.${SLUG}`,
          name: LEADER,
          email: 'leder@medlemmer-2019.local',
          roles: [{ role: 'leader', council: SLUG }],
          description: 'Leder, medlemmer 2019',
        },
      ],
    });
    const { api } = web;
    const admin = `Bearer ${await adminToken()}`;
    const secretariat = `Bearer ${await secretariatToken(SLUG)}`;
    api.clock.set('2019-11-01T10:00:00+01:00');
    await request(api.http).post('/api/councils').set('Authorization', admin).send({ slug: SLUG, name: 'Medlemsrådet 2019' }).expect(201);
    for (const [number, name, representatives] of MEMBERS) {
      await request(api.http).put(`/api/councils/${SLUG}/members/${number}`).set('Authorization', secretariat).send({ name, joinedOn: '2010-01-01', representatives }).expect((r) => {
        if (![200, 201].includes(r.status)) throw new Error(`${number}: ${r.status} ${JSON.stringify(r.body)}`);
      });
    }
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
        for (const [index, page] of pages.entries()) await screenshot(page, `members-failed-${index}`).catch(() => undefined);
        throw error;
      }
    }, 120_000);

  const table = (page: Page, name: string) => page.getByRole('table', { name });
  const row = (page: Page, tableName: string, member: string) => table(page, tableName).getByRole('row').filter({ has: page.getByRole('rowheader', { name: member, exact: true }) });

  inBrowser('records a merger ahead of the day and a notice of withdrawal, then shows the merged member as past once the day has come', async () => {
    const page = await open(SECRETARY, `/councils/${SLUG}`);
    const problems = watchConsole(page);
    await page.getByRole('link', { name: 'Medlemmer', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Medlemmer i Medlemsrådet 2019' }).waitFor();
    await page.getByText('12 måneders oppsigelse, med virkning fra 31. desember.', { exact: true }).waitFor();
    await row(page, 'Nåværende medlemmer', 'Klæbu').waitFor();
    await page.getByText('Ingen kommuner har gått ut av rådet.').waitFor();

    const actions = page.getByRole('region', { name: 'Sekretariatets handlinger' });

    // The merger: predecessors and successor are required, then Klæbu is listed as merging.
    await actions.getByRole('button', { name: 'Registrer sammenslåing' }).click();
    const merger = page.getByRole('dialog', { name: 'Registrer sammenslåing' });
    await merger.getByRole('button', { name: 'Registrer sammenslåing' }).click();
    await merger.getByText('Velg minst to kommuner.').first().waitFor();
    await merger.getByRole('checkbox', { name: 'Trondheim (5001)' }).check();
    await merger.getByRole('checkbox', { name: 'Klæbu (5030)' }).check();
    await merger.getByRole('radio', { name: 'Trondheim (5001)' }).check();
    await merger.getByLabel('Gjelder fra').fill('2020-01-01');
    await merger.getByLabel('Begrunnelse').fill('Klæbu og Trondheim slås sammen fra 1. januar 2020');
    await merger.getByRole('button', { name: 'Registrer sammenslåing' }).click();
    await page.getByRole('status').getByText('Sammenslåingen er registrert: Trondheim fra 1. januar 2020.').waitFor();
    expect(await merger.isVisible()).toBe(false);
    await page.getByText('Oppdater medlemskretsen').waitFor();
    await row(page, 'Nåværende medlemmer', 'Klæbu').getByText('Slås sammen med Trondheim fra 01.01.2020').waitFor();

    // The notice of withdrawal: the answer says when it takes effect.
    await actions.getByRole('button', { name: 'Registrer oppsigelse' }).click();
    const notice = page.getByRole('dialog', { name: 'Registrer oppsigelse' });
    await notice.getByLabel('Medlem', { exact: true }).selectOption('5031');
    await notice.getByLabel('Oppsigelse gitt').fill('2019-11-01');
    await notice.getByLabel('Merknad (valgfritt)').fill('Kommunestyresak 45/19');
    await notice.getByRole('button', { name: 'Registrer oppsigelse' }).click();
    await page.getByRole('status').getByText('Malvik går ut 31. desember 2020.').waitFor();
    await row(page, 'Nåværende medlemmer', 'Malvik').getByText('Utmeldt – går ut 31.12.2020').waitFor();

    // A member that joins later: its number is checked here, then it is listed with the day it joins.
    await actions.getByRole('button', { name: 'Legg til medlem' }).click();
    const add = page.getByRole('dialog', { name: 'Legg til medlem' });
    await add.getByRole('button', { name: 'Legg til medlem' }).click();
    await add.getByText('Et kommunenummer har fire sifre.').first().waitFor();
    await add.getByLabel('Kommunenummer').fill('5028');
    await add.getByLabel('Navn').fill('Melhus');
    await add.getByLabel('Medlem fra').fill('2020-01-01');
    await add.getByLabel('Representanter').fill('2');
    await add.getByRole('button', { name: 'Legg til medlem' }).click();
    await row(page, 'Nåværende medlemmer', 'Melhus').getByText('Blir medlem 01.01.2020').waitFor();
    // The note on open rounds and cost keys stays after the merger.
    await page.getByText('Oppdater medlemskretsen', { exact: false }).waitFor();
    expect(await table(page, 'Nåværende medlemmer').getByRole('rowheader').allTextContents()).toEqual(['Trondheim', 'Melhus', 'Klæbu', 'Malvik']);

    expect(problems).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'members');

    // From 2 January Klæbu is a past member, succeeded by Trondheim.
    web.api.clock.set('2020-01-02T09:00:00+01:00');
    await page.reload();
    await row(page, 'Tidligere medlemmer', 'Klæbu').getByText('Slått sammen med Trondheim fra 1. januar 2020').waitFor();
    expect(await row(page, 'Nåværende medlemmer', 'Klæbu').count()).toBe(0);
    await row(page, 'Nåværende medlemmer', 'Trondheim').waitFor();
    await row(page, 'Nåværende medlemmer', 'Malvik').getByText('Utmeldt – går ut 31.12.2020').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  inBrowser('the leader reads the members and has no actions', async () => {
    const page = await open(LEADER, `/councils/${SLUG}/members`);
    await row(page, 'Nåværende medlemmer', 'Trondheim').waitFor();
    expect(await page.getByRole('region', { name: 'Sekretariatets handlinger' }).count()).toBe(0);
    for (const name of ['Registrer oppsigelse', 'Registrer uttreden', 'Registrer sammenslåing', 'Legg til medlem']) {
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    }
    expect(await seriousViolations(page)).toEqual([]);
  });
});
