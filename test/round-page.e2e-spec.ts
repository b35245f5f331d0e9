import { Browser, chromium } from 'playwright-core';
import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { COUNCIL, decision, launchFeeRound, register } from './support/round-story';
import { clerkToken } from './support/tokens';

// The page a notice links to, opened in a real browser: it shows the round and decides nothing.
describe('the round page a notice links to', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2022-10-01T10:00:00+02:00' });
    await api.app.listen(0, '127.0.0.1');
    base = await api.app.getUrl();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('shows the round to a signed-in clerk, with each member and its status', async () => {
    const round = await launchFeeRound(api);
    api.clock.set('2022-11-25T12:00:00+01:00');
    expect((await register(api, round.id, '5031', decision('adopted', '2022-11-24'))).status).toBe(200);
    const page = await browser.newPage();
    const token = await clerkToken('5031');
    await page.goto(`${base.replace('[::1]', '127.0.0.1')}/app/rounds/${round.id}#token=${token}`);
    await page.waitForSelector('#members:not([hidden]) tbody tr');
    expect(await page.textContent('#title')).toContain('Medlemsavgift');
    const rows = await page.$$eval('#members tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows).toHaveLength(8);
    expect(rows.find((row) => row.includes('Malvik'))).toContain('Vedtatt');
    expect(page.url()).not.toContain('token=');
    await page.screenshot({ path: `${process.env.TMPDIR ?? '/tmp'}/round-page.png` });
    await page.close();
  });

  it('asks for a token when there is none, and a GET of the page changes nothing', async () => {
    const round = await launchFeeRound(api, { subject: { type: 'fees', total: '1000.00', costKey: 'fees-2022', effectiveFrom: '2030-01-01' }, deadline: '2030-12-01' });
    const before = await api.dataSource.query(`SELECT count(*)::int AS n FROM event`);
    const page = await browser.newPage();
    await page.goto(`${base.replace('[::1]', '127.0.0.1')}/app/rounds/${round.id}`);
    await page.waitForSelector('#signin', { state: 'visible' });
    await page.close();
    const html = await request(api.http).get(`/app/rounds/${round.id}`).expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text).not.toContain(round.id);
    expect(await api.dataSource.query(`SELECT count(*)::int AS n FROM event`)).toEqual(before);
    expect(COUNCIL).toBe('trondheimsregionen');
  });
});
