import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { MEMBER_STATUS_LABEL, ROUND_STATUS_LABEL } from '@app/application';
import { describeDecisionRule } from '@app/domain';
import type { PublicRoundView, PublicStatusView } from '@app/application';

/** Markup that is already safe: only `html` makes one, so every other value gets escaped. */
class Html {
  constructor(readonly value: string) {}
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element's content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

function fragment(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(fragment).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** A template whose every interpolation is escaped, unless it is itself `html`: titles, names and case numbers are user input. */
function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return new Html(strings.reduce((out, text, index) => out + fragment(values[index - 1]) + text));
}

const STYLE = `
  :root { color-scheme: light; }
  body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1b1b1b; background: #f6f6f4; }
  header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
  header { padding-top: 2rem; }
  .kicker { margin: 0; color: #555; text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; }
  h1 { font-size: 1.8rem; margin: .1rem 0 .5rem; }
  .intro { color: #444; max-width: 44rem; }
  .round { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 1.25rem 1.5rem; margin: 1.5rem 0; }
  h2 { font-size: 1.3rem; margin: 0 0 .4rem; overflow-wrap: anywhere; }
  h3 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
  .meta { margin: 0 0 .5rem; color: #444; }
  .badge { display: inline-block; padding: 0 .55rem; border-radius: 999px; font-weight: 600; font-size: .9rem; margin-right: .5rem; background: #e8e8e8; }
  .badge-open { background: #e3eefc; color: #123f7a; } .badge-approved { background: #e2f3e8; color: #11663a; }
  .badge-rejected { background: #fbe5e5; color: #a1161b; }
  .progress { display: flex; align-items: center; gap: .75rem; margin: .5rem 0; }
  .progress p { margin: 0; font-weight: 600; }
  progress { width: 12rem; height: .8rem; accent-color: #11663a; }
  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; font-size: .95rem; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #e4e4e4; vertical-align: top; }
  th { font-weight: 600; color: #333; }
  thead th { color: #555; border-bottom-color: #bbb; }
  td.date, td[class^="status-"] { white-space: nowrap; }
  td.amount, th.amount { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .status-adopted { color: #11663a; font-weight: 600; }
  .status-rejected, .status-adopted_with_amendments { color: #a1161b; font-weight: 600; }
  .none { color: #888; }
  a { color: #123f7a; overflow-wrap: anywhere; }
  .pages { display: flex; gap: 1.5rem; margin: 1.5rem 0; font-weight: 600; }
  footer { color: #666; font-size: .85rem; padding-bottom: 2rem; }
`;

/**
 * No script at all, and the one stylesheet by its hash: were anything ever to slip through the
 * escaping, the browser would still run none of it.
 */
export const PUBLIC_STATUS_CSP =
  `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; ` +
  "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];
const OSLO = 'Europe/Oslo';

/** `2022-12-15` → `15. desember 2022`. */
function date(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${day}. ${MONTHS[month - 1]} ${year}`;
}

/** An instant as the date it was in Norway. */
function osloDate(instant: string | Date): string {
  const at = typeof instant === 'string' ? DateTime.fromISO(instant) : DateTime.fromJSDate(instant);
  return date(at.setZone(OSLO).toISODate()!);
}

/** `"5194646.68"` → `5 194 646,68`, from the decimal string itself: money is never a float. */
function nok(amount: string, options: { signed?: boolean } = {}): string {
  const negative = amount.startsWith('-');
  const [whole, fraction = '00'] = amount.replace(/^[-+]/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const sign = negative ? '\u2212' : options.signed && /[1-9]/.test(amount) ? '+' : '';
  return `${sign}${grouped},${fraction.padEnd(2, '0')}`;
}

const dash = html`<span class="none">–</span>`;

/** A protocol reference is a URL or an archive reference; only a web address becomes a link. */
function protocol(reference: string | null): Html {
  if (!reference) return dash;
  try {
    const url = new URL(reference);
    if (url.protocol === 'https:' || url.protocol === 'http:') return html`<a href="${url.href}" rel="noopener noreferrer nofollow">${reference}</a>`;
  } catch {
    // not a URL: an archive reference, shown as text
  }
  return html`${reference}`;
}

function subject(round: PublicRoundView): Html {
  return round.subject.type === 'fees'
    ? html`Medlemsavgift fra ${date(round.subject.effectiveFrom)}, totalt ${nok(round.subject.total)} kr`
    : html`Samarbeidsavtale «${round.subject.versionTitle}», fra ${date(round.subject.effectiveFrom)}`;
}

function roundSection(round: PublicRoundView): Html {
  const badge = round.status === 'withdrawn' || round.status === 'expired' ? 'closed' : round.status;
  return html`
<article class="round">
  <h2>${round.title}</h2>
  <p class="meta"><span class="badge badge-${badge}">${ROUND_STATUS_LABEL[round.status]}</span>Frist ${date(round.deadline)}${
    round.outcome ? html` · avgjort ${osloDate(round.outcome.settledAt)}` : ''
  }</p>
  <p class="meta">${subject(round)}</p>
  <p class="meta rule">${describeDecisionRule(round.decisionRule)}</p>
  <div class="progress">
    <progress value="${round.progress.adopted}" max="${round.progress.total}"></progress>
    <p>${round.progress.adopted} av ${round.progress.total} kommuner har vedtatt</p>
  </div>
  <h3>Behandling i kommunene</h3>
  <div class="scroll"><table class="members">
    <thead><tr><th scope="col">Kommune</th><th scope="col">Status</th><th scope="col">Møtedato</th><th scope="col">Saksnummer</th><th scope="col">Protokoll</th></tr></thead>
    <tbody>${round.members.map(
      (member) => html`
      <tr><th scope="row">${member.name}</th><td class="status-${member.status}">${MEMBER_STATUS_LABEL[member.status]}</td><td class="date">${
        member.meetingDate ? date(member.meetingDate) : dash
      }</td><td>${member.caseNumber ?? dash}</td><td>${protocol(member.protocolRef)}</td></tr>`,
    )}
    </tbody>
  </table></div>${
    round.allocation
      ? html`
  <h3>Fordeling av medlemsavgiften</h3>
  <div class="scroll"><table class="allocation">
    <thead><tr><th scope="col">Kommune</th><th scope="col" class="amount">Avgift i dag (kr)</th><th scope="col" class="amount">Ny avgift (kr)</th><th scope="col" class="amount">Endring (kr)</th></tr></thead>
    <tbody>${round.allocation.map(
      (line) => html`
      <tr><th scope="row">${line.name}</th><td class="amount">${nok(line.currentFee)}</td><td class="amount">${nok(line.newFee)}</td><td class="amount">${nok(
        line.change,
        { signed: true },
      )}</td></tr>`,
    )}
    </tbody>
  </table></div>`
      : ''
  }
</article>`;
}

function page(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>${body}
</body>
</html>
`.value;
}

/** The address of the page of older closed rounds. */
export function olderRoundsPath(slug: string, cursor: string): string {
  return `/public/${encodeURIComponent(slug)}?cursor=${encodeURIComponent(cursor)}`;
}

function pages(view: PublicStatusView): Html | '' {
  if (view.firstPage && !view.older) return '';
  return html`
<nav class="pages" aria-label="Flere runder">${view.older ? html`<a href="${olderRoundsPath(view.council.slug, view.older)}" rel="next">Eldre runder</a>` : ''}${
    view.firstPage ? '' : html`<a href="/public/${encodeURIComponent(view.council.slug)}">Til de nyeste rundene</a>`
  }</nav>`;
}

function noRounds(view: PublicStatusView): Html {
  return view.firstPage
    ? html`
  <p>Rådet har ingen offentlige vedtaksrunder ennå.</p>`
    : html`
  <p>Det er ingen eldre offentlige vedtaksrunder.</p>`;
}

/**
 * The council's public status page: its open public rounds and the latest closed ones, each with
 * every member's decision, and a link to the older ones.
 */
export function renderPublicStatus(view: PublicStatusView, now: Date): string {
  const updated = DateTime.fromJSDate(now).setZone(OSLO);
  return page(
    `${view.council.name} – vedtaksrunder`,
    html`
<header>
  <p class="kicker">Offentlig status</p>
  <h1>${view.council.name}</h1>
  <p class="intro">Saker rådet har sendt til behandling i kommunestyrene i medlemskommunene, og hva hvert kommunestyre har vedtatt.</p>
</header>
<main>${view.rounds.length ? view.rounds.map(roundSection) : noRounds(view)}${pages(view)}
</main>
<footer>
  <p>Oppdatert ${osloDate(now)} kl. ${updated.toFormat('HH.mm')}. Møtedato, saksnummer og protokoll er kommunenes egne, offentlige opplysninger.</p>
</footer>`,
  );
}

/** The page for an address with no council behind it. */
export const PUBLIC_STATUS_NOT_FOUND_HTML = page(
  'Fant ikke siden',
  html`
<header>
  <p class="kicker">Offentlig status</p>
  <h1>Fant ikke siden</h1>
  <p class="intro">Det finnes ikke noe råd på denne adressen. Sjekk at lenken er skrevet riktig.</p>
</header>`,
);

/** The page for a link to older rounds that this site did not make. */
export const PUBLIC_STATUS_BAD_LINK_HTML = page(
  'Ugyldig lenke',
  html`
<header>
  <p class="kicker">Offentlig status</p>
  <h1>Ugyldig lenke</h1>
  <p class="intro">Lenken til eldre runder er ikke gyldig. Gå til rådets side og bla derfra.</p>
</header>`,
);
