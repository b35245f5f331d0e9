/// <reference lib="dom" />
// The page-side functions below run in the browser, with its DOM.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';

/** Debian's Chromium, headless, with nothing reaching out to the network on its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const ARTIFACTS = join(__dirname, '..', 'artifacts');

/** A screenshot of the whole page under test/artifacts/, written by every run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** What axe-core finds serious or critical on the page as it is now (WCAG 2.1 A and AA). */
export async function seriousViolations(page: Page): Promise<Array<{ id: string; impact: string; help: string; targets: string[] }>> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact!,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** Everything the page logged as an error, and every refusal by the Content-Security-Policy. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/**
 * Signs in as a person of the demo through the identity provider's own page, the way a person
 * does: the app's "Logg inn", then the person's button at the provider, then back in the app.
 */
export async function signIn(page: Page, url: string, person: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^${escape(person)}\\b`) }).click();
  await page.waitForURL((target) => new URL(target).origin === new URL(url).origin && !target.pathname.startsWith('/auth/'));
}

export async function newSignedInPage(browser: Browser, url: string, person: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, url, person);
  return { context, page };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What a keyboard reaches with Tab alone, and where focus would be invisible. */
export interface KeyboardWalk {
  focusable: number;
  unreached: string[];
  invisibleFocus: string[];
}

/**
 * Walks the page with Tab from the top: every visible link, button and field must be reached
 * (a radio group counts once, as the keyboard enters it once), and each must show its focus.
 */
export async function walkWithTab(page: Page, maxPresses = 300): Promise<KeyboardWalk> {
  const focusable: number = await page.evaluate(() => {
    const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
    const seenGroups = new Set<string>();
    let index = 0;
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      // Folded away (a closed Details, hidden until found) is not on the page for the keyboard either.
      const folded = element.closest('[hidden], details:not([open]) > :not(summary), u-details:not([open]) > :not(u-summary, summary)');
      const visible = !folded && element.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
      if (!visible || element.closest('[inert], [aria-hidden="true"]')) continue;
      if (element instanceof HTMLInputElement && element.type === 'radio') {
        if (seenGroups.has(element.name)) continue;
        seenGroups.add(element.name);
        element.dataset.kbGroup = element.name;
      }
      element.dataset.kb = String(index++);
    }
    return index;
  });
  // Keys go to the page in front; with several open, the one walked must be it.
  await page.bringToFront();
  // Tab goes on from where focus was last: start it at the very top of the page.
  await page.evaluate(() => {
    const start = document.createElement('span');
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
    start.addEventListener('blur', () => start.remove(), { once: true });
  });
  const reached = new Set<string>();
  const invisibleFocus = new Set<string>();
  let first: string | null = null;
  let outside = 0;
  for (let press = 0; press < maxPresses; press++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const group = element instanceof HTMLInputElement && element.type === 'radio' ? element.name : null;
      const marked = group ? document.querySelector<HTMLElement>(`[data-kb-group="${CSS.escape(group)}"]`) : element;
      const ring = (target: Element | null) => {
        if (!target) return false;
        const style = getComputedStyle(target);
        return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      };
      // Designsystemet rings a radio or checkbox on its field, and a skip link shows itself when
      // focused; Chromium marks the focused part of a date field itself.
      const shows =
        ring(element) ||
        (element instanceof HTMLInputElement && element.type === 'date') ||
        (group !== null || (element instanceof HTMLInputElement && element.type === 'checkbox') ? ring(element.closest('.ds-field')) : false) ||
        (element.classList.contains('ds-skip-link') && element.getBoundingClientRect().width > 1);
      const name = `${element.tagName.toLowerCase()}${(element instanceof HTMLInputElement ? `[${element.type}${element.labels?.[0] ? ` ${element.labels[0].textContent?.trim().slice(0, 30)}` : ''}]` : '')} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`;
      return { kb: marked?.dataset.kb ?? null, shows, name: `${name}${element.matches(':focus-visible') ? '' : ' (not :focus-visible)'}` };
    });
    // Past the last element focus leaves the page for a press; the next one comes back at the top.
    if (!focused) {
      if (++outside > 2) break;
      continue;
    }
    if (focused.kb !== null) {
      // Back at the start: the walk went round. (A date field takes several presses: day, month, year.)
      if (focused.kb === first) break;
      first ??= focused.kb;
      reached.add(focused.kb);
    }
    if (!focused.shows) invisibleFocus.add(focused.name);
  }
  const unreached: string[] = await page.evaluate((seen) => {
    return Array.from(document.querySelectorAll<HTMLElement>('[data-kb]'))
      .filter((element) => !seen.includes(element.dataset.kb!))
      .map((element) => `${element.tagName.toLowerCase()}${(element instanceof HTMLInputElement ? `[${element.type}${element.labels?.[0] ? ` ${element.labels[0].textContent?.trim().slice(0, 30)}` : ''}]` : '')} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`);
  }, [...reached]);
  return { focusable, unreached, invisibleFocus: [...invisibleFocus] };
}
