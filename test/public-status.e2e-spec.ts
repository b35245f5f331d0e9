import { Browser, chromium } from 'playwright-core';
import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { COUNCIL, decision, launchFeeRound, register } from './support/round-story';
import { secretariatToken } from './support/tokens';

// GET /public/{slug}: the council's public status page, for anyone, with the rounds the
// secretariat launched as public and nothing else. Titles, names and case numbers are user input:
// a title carrying a script is shown as text, in the HTML and in a real browser.

const SCRIPT_TITLE = `<script>alert("pwned")</script> Medlemsavgift 2023 & 2024's "ramme"`;
const SECRET_TITLE = 'Intern runde om budsjett 2025';
const NBSP = '\u00a0';

describe('the public status page', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let publicRound: string;
  let secretRound: string;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2022-10-01T10:00:00+02:00' });
    await api.app.listen(0, '127.0.0.1');
    base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });

    publicRound = (await launchFeeRound(api, { title: SCRIPT_TITLE, public: true })).id;
    secretRound = (
      await launchFeeRound(api, {
        title: SECRET_TITLE,
        subject: { type: 'fees', total: '12000000.00', costKey: 'fees-2022', effectiveFrom: '2025-01-01' },
      })
    ).id;
    // A second public round, withdrawn: closed rounds stay on the page with their status.
    const withdrawn = (
      await launchFeeRound(api, {
        title: 'Medlemsavgift 2024',
        public: true,
        subject: { type: 'fees', total: '11000000.00', costKey: 'fees-2022', effectiveFrom: '2024-01-01' },
      })
    ).id;
    await request(api.http)
      .post(`/api/rounds/${withdrawn}/withdraw`)
      .set('Authorization', `Bearer ${await secretariatToken(COUNCIL)}`)
      .send({ reason: 'Ny ramme fra representantskapet' })
      .expect(200);

    api.clock.set('2022-11-25T12:00:00+01:00');
    const registrations: Array<[string, string, Record<string, unknown>]> = [
      [publicRound, '5031', decision('adopted', '2022-11-24', { protocolRef: 'https://www.malvik.kommune.no/politikk/protokoll-2022-11-24', note: 'Intern merknad om Malvik' })],
      [publicRound, '5001', decision('adopted', '2022-11-24', { body: 'bystyre', caseNumber: '<b>2022/1234</b>', votes: { for: 50, against: 17, blank: 0 } })],
      [publicRound, '5028', decision('scheduled', '2022-12-08')],
      [publicRound, '5029', decision('postponed', '2022-11-24', { nextMeetingDate: '2022-12-08' })],
      [secretRound, '5035', decision('adopted', '2022-11-24', { caseNumber: '2022/9999' })],
    ];
    for (const [round, municipality, body] of registrations) {
      const response = await register(api, round, municipality, body);
      if (response.status !== 200) throw new Error(`${municipality}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('answers anyone without a token, as HTML with a strict CSP and a short public cache', async () => {
    const page = await request(api.http).get(`/public/${COUNCIL}`).expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('public, max-age=30');
    const csp = page.headers['content-security-policy'];
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    // Served outside the /api prefix only.
    await request(api.http).get(`/api/public/${COUNCIL}`).expect(404);
  });

  it('shows the public rounds with each member’s decision and the allocation, and nothing of the rest', async () => {
    const { text } = await request(api.http).get(`/public/${COUNCIL}`).expect(200);
    expect(text).toContain('<h1>Trondheimsregionen</h1>');
    expect(text).toContain('2 av 8 kommuner har vedtatt');
    expect(text).toContain('Frist 15. desember 2022');
    expect(text).toContain(`Medlemsavgift fra 1. januar 2023, totalt 10${NBSP}000${NBSP}000,00 kr`);
    expect(text).toMatch(/<th scope="row">Malvik<\/th><td class="status-adopted">Vedtatt<\/td><td class="date">24\. november 2022<\/td><td>2022\/1124<\/td><td><a href="https:\/\/www\.malvik\.kommune\.no\/politikk\/protokoll-2022-11-24"/);
    expect(text).toMatch(/<th scope="row">Melhus<\/th><td class="status-scheduled">Satt opp<\/td><td class="date">8\. desember 2022<\/td>/);
    expect(text).toMatch(/<th scope="row">Skaun<\/th><td class="status-postponed">Utsatt<\/td>/);
    expect(text).toMatch(/<th scope="row">Orkland<\/th><td class="status-pending">Venter<\/td>/);
    // The allocation of a public fee round is a public document (DOMAIN.md's figures).
    expect(text).toContain(`<td class="amount">3${NBSP}320${NBSP}454,00</td><td class="amount">5${NBSP}194${NBSP}646,68</td><td class="amount">+1${NBSP}874${NBSP}192,68</td>`);
    // The withdrawn public round, with its status.
    expect(text).toContain('<h2>Medlemsavgift 2024</h2>');
    expect(text).toMatch(/badge-closed">Trukket</);
    // Each round names its decision rule in words, as the exports do: both of these by unanimity.
    expect(text.match(/<p class="meta rule">Enstemmighet: alle medlemmer må vedta \(vetorett\)<\/p>/g)).toHaveLength(2);
    // Not the non-public round, nor what the public records do not carry.
    for (const secret of [SECRET_TITLE, secretRound, '2022/9999', '1. januar 2025', publicRound, 'Intern merknad', 'clerk.', 'secretariat.', 'Ny ramme fra representantskapet']) {
      expect({ secret, leaked: text.includes(secret) }).toEqual({ secret, leaked: false });
    }
  });

  it('escapes what users typed: a script in a title or a tag in a case number is text', async () => {
    const { text } = await request(api.http).get(`/public/${COUNCIL}`).expect(200);
    expect(text).toContain('<h2>&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; Medlemsavgift 2023 &amp; 2024&#39;s &quot;ramme&quot;</h2>');
    expect(text).toContain('<td>&lt;b&gt;2022/1234&lt;/b&gt;</td>');
    expect(text).not.toMatch(/<script|<b>/i);
  });

  it('reads well in a browser, and no script runs', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${base}/public/${COUNCIL}`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Trondheimsregionen – vedtaksrunder');
    const titles = await page.$$eval('h2', (headings) => headings.map((heading) => heading.textContent));
    expect(titles).toEqual([SCRIPT_TITLE, 'Medlemsavgift 2024']);
    const body = await page.innerText('body');
    expect(body).toContain('2 av 8 kommuner har vedtatt');
    expect(body).toContain('<b>2022/1234</b>');
    expect(body).not.toContain(SECRET_TITLE);
    const rows = await page.$$eval('article:first-of-type table.members tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows).toHaveLength(8);
    expect(rows.find((row) => row.includes('Malvik'))).toContain('Vedtatt');
    expect(await page.$$eval('article:first-of-type table.allocation tbody tr', (trs) => trs.length)).toBe(8);
    expect(await page.$$eval('script', (scripts) => scripts.length)).toBe(0);
    // The stylesheet is allowed by its hash: a change to it that forgot the CSP would show here.
    expect(await page.$eval('article', (article) => article.ownerDocument.defaultView?.getComputedStyle(article).backgroundColor)).toBe('rgb(255, 255, 255)');
    expect(violations).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/public-status.png`, fullPage: true });
    await page.close();
  });

  it('answers an unknown council, or an address that is no slug, with a 404 page', async () => {
    for (const slug of ['no-such-council', 'Trondheimsregionen', 'trondheimsregionen.json', '%3Cscript%3E']) {
      const page = await request(api.http).get(`/public/${slug}`);
      expect({ slug, status: page.status, type: page.headers['content-type'] }).toEqual({ slug, status: 404, type: 'text/html; charset=utf-8' });
      expect(page.text).toContain('Fant ikke siden');
      expect(page.text).not.toContain('<script');
    }
  });

  it('changes nothing when read', async () => {
    const before = await api.dataSource.query(`SELECT count(*)::int AS n FROM event`);
    await request(api.http).get(`/public/${COUNCIL}`).expect(200);
    expect(await api.dataSource.query(`SELECT count(*)::int AS n FROM event`)).toEqual(before);
  });

  it('names a qualified majority by count or by weight on its round', async () => {
    api.clock.set('2022-11-26T12:00:00+01:00');
    // Fee decreases (NOK 6 000 000 over fees adding up to 6 392 069): a majority may decide them.
    for (const [title, by, year] of [
      ['Medlemsavgift 2026 (flertall)', 'count', 2026],
      ['Medlemsavgift 2027 (vekt)', 'weight', 2027],
    ] as const) {
      await launchFeeRound(api, {
        title,
        public: true,
        subject: { type: 'fees', total: '6000000.00', costKey: 'fees-2022', effectiveFrom: `${year}-01-01` },
        decisionRule: { kind: 'qualified_majority', by, atLeast: by === 'count' ? '2/3' : '3/4' },
      });
    }
    const { text } = await request(api.http).get(`/public/${COUNCIL}`).expect(200);
    const ruleOf = (title: string) => {
      const article = text.split('<article class="round">').find((part) => part.includes(`<h2>${title}</h2>`));
      return /<p class="meta rule">([^<]*)<\/p>/.exec(article ?? '')?.[1];
    };
    expect(ruleOf('Medlemsavgift 2026 (flertall)')).toBe('Kvalifisert flertall: minst 2/3 av medlemmene');
    expect(ruleOf('Medlemsavgift 2027 (vekt)')).toBe('Kvalifisert flertall: minst 3/4 av vektene i kostnadsnøkkelen');
    expect(ruleOf('Medlemsavgift 2024')).toBe('Enstemmighet: alle medlemmer må vedta (vetorett)');
  });
});
