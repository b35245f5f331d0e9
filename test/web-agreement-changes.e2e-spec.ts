import { Browser, BrowserContext, Page } from 'playwright-core';
import { CreateAgreementVersionHandler, LaunchRoundHandler } from '@app/application';
import { addDays, todayInOslo } from '@app/domain';
import { DEMO_COUNCIL, demoActor } from '@app/demo';
import { launchBrowser, newSignedInPage, screenshot, seriousViolations, watchConsole } from './support/browser';
import { TestWebApp, startWebApp } from './support/web-app';

const SECRETARIAT = 'sekretariat.trondheimsregionen';

// The demo's 2020 samarbeidsavtale is in force; the new version changes the words of § 3 and adds § 9.
const PROPOSED = {
  title: 'Samarbeidsavtale for Trondheimsregionen 2027',
  sections: [
    { ref: '§ 1', heading: 'Navn', text: 'Interkommunalt politisk råd for Trondheimsregionen (Trondheimsregionen).' },
    { ref: '§ 2', heading: 'Rettslig status', text: 'Rådet er ikke et eget rettssubjekt.' },
    { ref: '§ 3', heading: 'Representantskapet', text: 'Hver deltakerkommune har tre medlemmer i representantskapet: ordfører og ett medlem valgt av kommunestyret.' },
    { ref: '§ 4', heading: 'Formål og saksområder', text: 'Strategisk næringsutvikling, interkommunal arealplanlegging (IKAP), profilering og interessepolitikk.' },
    { ref: '§ 5', heading: 'Myndighet', text: 'Rådet har ikke vedtaksmyndighet utover egen drift; det gir råd og uttalelser.' },
    { ref: '§ 6', heading: 'Eierandel og ansvar', text: 'Deltakerne betaler medlemsavgift etter fordelingsnøkkel; ansvarsandel følger eierandel.' },
    { ref: '§ 7', heading: 'Uttreden', text: 'En deltaker kan tre ut med ett års skriftlig varsel.' },
    { ref: '§ 8', heading: 'Oppløsning', text: 'Rådet oppløses når alle kommunestyrene vedtar det; vertskommunen Trondheim tar vare på arkivet.' },
    { ref: '§ 9', heading: 'Sekretariat', text: 'Sekretariatet ligger i Trondheim kommune.' },
  ],
  minimumContent: { a: '§ 1', b: '§ 2', c: '§ 3', d: '§ 4', e: '§ 5', f: '§ 6', g: '§ 7', h: '§ 8' },
};

// What a new samarbeidsavtale changes, on the round page in a real browser, against the api and the demo's story.
describe('what an agreement round changes, on the round page', () => {
  let web: TestWebApp;
  let browser: Browser;
  let roundId: string;
  const contexts: BrowserContext[] = [];

  const open = async (person: string, path: string) => {
    const { context, page } = await newSignedInPage(browser, `${web.base}${path}`, person);
    contexts.push(context);
    return page;
  };

  beforeAll(async () => {
    web = await startWebApp();
    const actor = demoActor(SECRETARIAT);
    const today = todayInOslo(web.api.clock.now());
    const version = await web.api.app
      .get(CreateAgreementVersionHandler)
      .execute(actor, { slug: DEMO_COUNCIL.slug, effectiveFrom: addDays(today, 120), ...PROPOSED });
    const round = await web.api.app.get(LaunchRoundHandler).execute(actor, {
      councilSlug: DEMO_COUNCIL.slug,
      subject: { type: 'agreement', versionId: version.id },
      deadline: addDays(today, 60),
      title: 'Ny samarbeidsavtale for Trondheimsregionen',
    });
    roundId = round.id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await web?.close();
  });

  const inBrowser = (name: string, body: () => Promise<void>) =>
    it(name, async () => {
      try {
        await body();
      } catch (error) {
        const pages = contexts.flatMap((context) => context.pages());
        for (const [index, page] of pages.entries()) await screenshot(page, `agreement-changes-failed-${index}`).catch(() => undefined);
        throw error;
      }
    }, 120_000);

  const changesOf = (page: Page) => page.getByRole('region', { name: 'Hva endres hvis kommunestyret vedtar' });

  inBrowser('shows the secretariat the section whose words change, the removed words in <del> and the added in <ins>, the unchanged ones counted', async () => {
    const page = await open('Siri Sekretariat', `/rounds/${roundId}`);
    const problems = watchConsole(page);
    const changes = changesOf(page);
    const section3 = changes.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '§ 3 Representantskapet' }) });
    await section3.waitFor();
    expect(await section3.locator('del').allTextContents()).toEqual(['to']);
    expect(await section3.locator('ins').allTextContents()).toEqual(['tre']);
    // A screen reader is told which words are taken out and which are new.
    expect(await section3.locator('p').last().textContent()).toMatch(/fjernet:\s+to\s+\(slutt på fjernet tekst\)\s+lagt til:\s+tre\s+\(slutt på ny tekst\)/);
    await section3.getByText('Endret', { exact: true }).waitFor();

    const section9 = changes.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '§ 9 Sekretariat' }) });
    await section9.getByText('Ny', { exact: true }).waitFor();
    await section9.getByText('Sekretariatet ligger i Trondheim kommune.').waitFor();

    // The seven unchanged sections are counted, not shown, until asked for.
    await changes.getByText('7 paragrafer er uendret.').waitFor();
    expect(await changes.getByRole('listitem').count()).toBe(2);
    const showAll = changes.getByRole('switch', { name: 'Vis hele avtalen' });
    await showAll.check();
    expect(await showAll.isChecked()).toBe(true);
    await changes.getByRole('heading', { name: '§ 7 Uttreden' }).waitFor();
    expect(await changes.getByRole('listitem').count()).toBe(9);
    expect(await changes.locator('del').allTextContents()).toEqual(['to']);

    expect(problems).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'agreement-changes');
  });

  inBrowser('shows a clerk of a member the same changes', async () => {
    const page = await open('Utvalgssekretær Stjørdal', `/rounds/${roundId}`);
    const section3 = changesOf(page).getByRole('listitem').filter({ has: page.getByRole('heading', { name: '§ 3 Representantskapet' }) });
    await section3.waitFor();
    expect(await section3.locator('del').allTextContents()).toEqual(['to']);
    expect(await section3.locator('ins').allTextContents()).toEqual(['tre']);
  });
});
