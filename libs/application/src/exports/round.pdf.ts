import PDFDocument from 'pdfkit';
import { setImmediate as nextTick } from 'node:timers/promises';
import type { SectionChange, TextPart } from '@app/domain';
import {
  DossierAgreementChanges,
  DossierFormat,
  NORWEGIAN_FORMAT,
  RoundDossier,
  agreementChangeBlocks,
  agreementChangesLead,
  allocationTable,
  eventDetail,
  eventLabel,
  memberStatusLabel,
  roundFacts,
  shortId,
} from './round-dossier';

type Doc = PDFKit.PDFDocument;

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MARGIN = { top: 50, bottom: 56, left: 50, right: 50 };
const PAGE_WIDTH = 595.28; // A4 in points
const CONTENT_WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;
const CELL_PADDING = 3;
const TABLE_FONT_SIZE = 8;
/** A table cell shows at most this much; longer text (a long protocol URL) is given in full under "Merknader". */
const CELL_MAX_CHARS = 160;
/** Rows drawn between two turns of the event loop, so a long audit trail never holds up other requests. */
const ROWS_PER_TURN = 10;

const MEMBER_COLUMNS: Column[] = [
  { header: 'Kommune', width: 92 },
  { header: 'Status', width: 66 },
  { header: 'Møtedato', width: 50 },
  { header: 'Organ', width: 64 },
  { header: 'Saksnummer', width: 58 },
  { header: 'Protokoll', width: 107 },
  { header: 'Stemmer for / mot / blanke', width: 58, align: 'right' },
];

const ALLOCATION_COLUMNS: Column[] = [
  { header: 'Kommune', width: 135 },
  { header: 'Vekt', width: 75, align: 'right' },
  { header: 'Nåværende avgift', width: 95, align: 'right' },
  { header: 'Ny avgift', width: 95, align: 'right' },
  { header: 'Endring', width: 95, align: 'right' },
];

const EVENT_COLUMNS: Column[] = [
  { header: 'Tidspunkt', width: 80 },
  { header: 'Utført av', width: 125 },
  { header: 'Hendelse', width: 88 },
  { header: 'Detaljer', width: 202 },
];

/**
 * The round as an A4 PDF for the case archive, in bokmål: the facts and the outcome, a table of
 * the members' decisions, the fee allocation with its sums against the fees in force or what the
 * agreement version changes, and the audit trail; every page has
 * the round's short id, the time it was made and its page number, and the last line the page count.
 *
 * pdfkit writes the document as a stream, page by page, gathered into one Buffer. The drawing
 * yields to the event loop between sections and every few table rows, so a long trail never
 * holds up the other requests.
 */
export async function roundPdf(dossier: RoundDossier): Promise<Buffer> {
  const { round } = dossier;
  const format = NORWEGIAN_FORMAT;
  // Before the document is opened: an allocation that does not add up refuses the export.
  const allocation = allocationTable(round);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    // Each page goes out as soon as the next one starts (no bufferPages): no burst of work at the end.
    autoFirstPage: false,
    lang: 'nb-NO',
    displayTitle: true,
    info: {
      Title: winAnsi(round.title),
      Subject: winAnsi(`Vedtaksrunde i ${dossier.councilName}`),
      Author: winAnsi(dossier.councilName),
      Creator: 'Vedtaksrunde',
      CreationDate: dossier.generatedAt,
      ModDate: dossier.generatedAt,
    },
  });
  const done = collect(doc);
  let pages = 0;
  const footer = `Runde ${shortId(round.id)} · generert ${format.instant(dossier.generatedAt.toISOString())}`;
  doc.on('pageAdded', () => drawFooter(doc, footer, ++pages));
  doc.addPage();

  doc.font(BOLD).fontSize(16).fillColor('black').text(winAnsi(round.title), { width: CONTENT_WIDTH });
  doc.moveDown(0.2);
  doc.font(REGULAR).fontSize(10).fillColor('#555555').text(winAnsi(`Vedtaksrunde i ${dossier.councilName} – arkivkopi`));
  doc.fillColor('black').moveDown(0.8);
  facts(doc, roundFacts(dossier, format));
  await nextTick();

  const notes: string[] = [];
  heading(doc, 'Medlemmenes vedtak');
  const memberRows = round.members.map((member) => {
    const decision = member.decision;
    const votes = decision?.votes ? `${decision.votes.for} / ${decision.votes.against} / ${decision.votes.blank}` : '';
    const place = `${member.municipalityNumber} ${member.name}`;
    if (decision?.nextMeetingDate) notes.push(`${place}: neste møte ${format.date(decision.nextMeetingDate)}.`);
    if (decision?.note) notes.push(`${place}: ${decision.note}`);
    return [
      place,
      memberStatusLabel(member),
      decision?.meetingDate ? format.date(decision.meetingDate) : '',
      decision?.body ?? '',
      cell(decision?.caseNumber, `${place}, saksnummer`, notes),
      cell(decision?.protocolRef, `${place}, protokoll`, notes),
      votes,
    ];
  });
  await table(doc, MEMBER_COLUMNS, memberRows);

  if (allocation) {
    heading(doc, 'Fordeling av medlemsavgift (kr)');
    const rows = allocation.lines.map((line) => [
      `${line.municipalityNumber} ${line.name}`,
      line.weight,
      format.amount(line.currentFee),
      format.amount(line.newFee),
      format.amount(line.change),
    ]);
    rows.push(['Sum', '', format.amount(allocation.totals.currentFee), format.amount(allocation.totals.newFee), format.amount(allocation.totals.change)]);
    await table(doc, ALLOCATION_COLUMNS, rows, { boldLastRow: true });
    paragraph(doc, `Summen av ny avgift er lik totalbeløpet, kr ${format.amount(allocation.total)}.`, { color: '#555555' });
  }

  if (dossier.agreementChanges) await agreementChanges(doc, dossier.agreementChanges, dossier, format);

  if (notes.length > 0) {
    heading(doc, 'Merknader');
    for (const note of notes) paragraph(doc, note);
    await nextTick();
  }

  heading(doc, 'Hendelseslogg');
  const eventRows = dossier.events.map((event) => [format.instant(event.at), event.actor, eventLabel(event.type), eventDetail(event, round, format)]);
  await table(doc, EVENT_COLUMNS, eventRows);

  // The page count is known only here; the last line says the copy is whole.
  if (doc.y + 24 > bottom(doc)) doc.addPage();
  paragraph(doc, `Slutt på dokumentet (${pages} ${pages === 1 ? 'side' : 'sider'}).`, { color: '#555555' });
  doc.end();
  return done;
}

const SECTION_TEXT_SIZE = 9;
const UNCHANGED_COLOR = '#555555';

/**
 * "Hva endres hvis kommunestyret vedtar": each section the version adds, takes out or changes, with
 * its heading; in a changed one the words taken out struck through and the new ones underlined in
 * bold, so it reads in black and white too; each run of unchanged sections in one line.
 */
async function agreementChanges(doc: Doc, changes: DossierAgreementChanges, dossier: RoundDossier, format: DossierFormat): Promise<void> {
  heading(doc, 'Hva endres hvis kommunestyret vedtar');
  paragraph(doc, agreementChangesLead(changes, dossier.round, format));
  for (const [index, block] of agreementChangeBlocks(changes.sections).entries()) {
    if (block.kind === 'unchanged') {
      paragraph(doc, block.text, { color: UNCHANGED_COLOR });
      continue;
    }
    const { section } = block;
    const title = winAnsi(`${section.ref} ${section.heading} (${block.label})`);
    doc.font(BOLD).fontSize(10);
    // The heading is kept with the start of its text.
    if (doc.y + 8 + doc.heightOfString(title, { width: CONTENT_WIDTH }) + 30 > bottom(doc)) doc.addPage();
    doc.font(BOLD).fontSize(10).fillColor('black').text(title, MARGIN.left, doc.y + 8, { width: CONTENT_WIDTH });
    if (section.previousHeading) paragraph(doc, `Overskriften var: ${section.previousHeading}`, { color: UNCHANGED_COLOR });
    doc.moveDown(0.2);
    sectionText(doc, section);
    if (index % ROWS_PER_TURN === ROWS_PER_TURN - 1) await nextTick();
  }
  doc.x = MARGIN.left;
  await nextTick();
}

interface Run {
  text: string;
  x: number;
  kind: TextPart['kind'];
}

/**
 * A section's text, laid out word by word: only a changed section marks its words (an added or
 * removed one is new or gone as a whole). The lines are broken here rather than by pdfkit, because
 * pdfkit's own flow of mixed text loses its fonts and its place when it runs onto a new page.
 */
function sectionText(doc: Doc, section: SectionChange): void {
  const marked = section.change === 'changed';
  const style = (kind: TextPart['kind']) =>
    doc
      .font(marked && kind === 'added' ? BOLD : REGULAR)
      .fontSize(SECTION_TEXT_SIZE)
      .fillColor(section.change === 'removed' ? UNCHANGED_COLOR : 'black');
  const lineHeight = style('same').currentLineHeight(true) + 1;
  let line: Run[] = [];
  let width = 0;
  const flush = () => {
    if (doc.y + lineHeight > bottom(doc)) doc.addPage();
    const y = doc.y;
    for (const run of line) {
      style(run.kind).text(run.text, MARGIN.left + run.x, y, {
        lineBreak: false,
        strike: marked && run.kind === 'removed',
        underline: marked && run.kind === 'added',
      });
    }
    doc.x = MARGIN.left;
    doc.y = y + lineHeight;
    line = [];
    width = 0;
  };
  const place = (text: string, kind: TextPart['kind']) => {
    const last = line[line.length - 1];
    // A word put in right after the one it replaces stands apart from it, as two words would.
    if (last && last.kind === 'removed' && kind === 'added') width += style('same').widthOfString(' ');
    const measured = style(kind).widthOfString(text);
    if (last && last.kind === kind) last.text += text;
    else line.push({ text, x: width, kind });
    width += measured;
  };
  doc.y += 2;
  for (const part of section.parts) {
    for (const [token] of winAnsi(part.text).matchAll(/\n|[^\S\n]+|\S+/g)) {
      if (token === '\n') flush();
      else if (/^\s/.test(token)) {
        // A space at the start of a line is not drawn; a struck or underlined one is, between marked words.
        if (line.length > 0) place(token, part.kind);
      } else {
        for (const piece of fitting(doc, style(part.kind), token)) {
          if (line.length > 0 && width + style(part.kind).widthOfString(piece) > CONTENT_WIDTH) flush();
          place(piece, part.kind);
        }
      }
    }
  }
  if (line.length > 0) flush();
  doc.fillColor('black');
}

/** A word as pieces that fit a line: itself, or cut where a word is wider than the page (a long URL). */
function fitting(doc: Doc, styled: Doc, word: string): string[] {
  if (styled.widthOfString(word) <= CONTENT_WIDTH) return [word];
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece !== '' && doc.widthOfString(piece + char) > CONTENT_WIDTH) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  return piece === '' ? pieces : [...pieces, piece];
}

/** Gathers the document's stream into one Buffer. */
function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

function heading(doc: Doc, title: string): void {
  // A heading is never left alone at the foot of a page.
  if (doc.y + 70 > bottom(doc)) doc.addPage();
  else doc.moveDown(1);
  doc.font(BOLD).fontSize(12).fillColor('black').text(winAnsi(title), MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.4);
}

function paragraph(doc: Doc, text: string, options: { color?: string } = {}): void {
  const written = winAnsi(text);
  doc.font(REGULAR).fontSize(9);
  if (doc.y + 4 + doc.heightOfString(written, { width: CONTENT_WIDTH }) > bottom(doc)) doc.addPage();
  doc.font(REGULAR).fontSize(9).fillColor(options.color ?? 'black');
  doc.text(written, MARGIN.left, doc.y + 4, { width: CONTENT_WIDTH });
  doc.fillColor('black');
}

/** The facts as label and value, two columns without lines. */
function facts(doc: Doc, lines: Array<[string, string]>): void {
  const labelWidth = 120;
  for (const [label, value] of lines) {
    doc.font(REGULAR).fontSize(9);
    const text = winAnsi(value);
    const height = Math.max(doc.heightOfString(text, { width: CONTENT_WIDTH - labelWidth }), 11);
    if (doc.y + height > bottom(doc)) doc.addPage();
    const y = doc.y;
    doc.font(BOLD).fontSize(9).fillColor('black').text(winAnsi(label), MARGIN.left, y, { width: labelWidth - 8 });
    doc.font(REGULAR).fontSize(9).text(text, MARGIN.left + labelWidth, y, { width: CONTENT_WIDTH - labelWidth });
    doc.y = y + height + 2;
  }
  doc.x = MARGIN.left;
}

/** A cell's text, cut short with the full text kept for the notes when it would swell the row. */
function cell(value: string | null | undefined, what: string, notes: string[]): string {
  if (!value) return '';
  if (value.length <= CELL_MAX_CHARS) return value;
  notes.push(`${what}: ${value}`);
  return `${value.slice(0, CELL_MAX_CHARS - 20)}… (se merknader)`;
}

/** A table with a shaded header row that is repeated on every page the table runs onto. */
async function table(doc: Doc, columns: Column[], rows: string[][], options: { boldLastRow?: boolean } = {}): Promise<void> {
  const width = columns.reduce((sum, column) => sum + column.width, 0);
  const header = () => {
    doc.font(BOLD).fontSize(TABLE_FONT_SIZE);
    const height = rowHeight(doc, columns, columns.map((column) => column.header));
    if (doc.y + height > bottom(doc)) doc.addPage();
    const y = doc.y;
    doc.rect(MARGIN.left, y, width, height).fill('#e8ecf0');
    doc.fillColor('black');
    drawRow(doc, columns, columns.map((column) => column.header), y);
    doc.y = y + height;
  };
  header();
  for (const [index, row] of rows.entries()) {
    const text = row.map(winAnsi);
    doc.font(options.boldLastRow && index === rows.length - 1 ? BOLD : REGULAR).fontSize(TABLE_FONT_SIZE);
    const height = rowHeight(doc, columns, text);
    if (doc.y + height > bottom(doc)) {
      doc.addPage();
      header();
      doc.font(options.boldLastRow && index === rows.length - 1 ? BOLD : REGULAR).fontSize(TABLE_FONT_SIZE);
    }
    const y = doc.y;
    drawRow(doc, columns, text, y);
    doc
      .moveTo(MARGIN.left, y + height)
      .lineTo(MARGIN.left + width, y + height)
      .lineWidth(0.5)
      .strokeColor('#b8c0c8')
      .stroke();
    doc.y = y + height;
    if (index % ROWS_PER_TURN === ROWS_PER_TURN - 1) await nextTick();
  }
  doc.x = MARGIN.left;
  await nextTick();
}

function rowHeight(doc: Doc, columns: Column[], cells: string[]): number {
  const heights = cells.map((text, index) => doc.heightOfString(text || ' ', { width: columns[index].width - 2 * CELL_PADDING }));
  return Math.max(...heights) + 2 * CELL_PADDING;
}

function drawRow(doc: Doc, columns: Column[], cells: string[], y: number): void {
  let x = MARGIN.left;
  cells.forEach((text, index) => {
    const column = columns[index];
    doc.text(text, x + CELL_PADDING, y + CELL_PADDING, { width: column.width - 2 * CELL_PADDING, align: column.align ?? 'left' });
    x += column.width;
  });
}

/**
 * The round's id, when the copy was made and the page number, at the foot of a page as it starts.
 * Every caller sets its own font after starting a page, so the footer's font does not linger.
 */
function drawFooter(doc: Doc, text: string, page: number): void {
  // Writing below the bottom margin would make pdfkit start yet another page; lift the margin meanwhile.
  const margin = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  const y = doc.page.height - 36;
  doc.font(REGULAR).fontSize(8).fillColor('#555555');
  doc.text(winAnsi(text), MARGIN.left, y, { width: CONTENT_WIDTH, align: 'left', lineBreak: false });
  doc.text(`Side ${page}`, MARGIN.left, y, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
  doc.page.margins.bottom = margin;
  doc.fillColor('black');
  doc.x = MARGIN.left;
  doc.y = doc.page.margins.top;
}

// The standard fonts (Helvetica) are encoded in WinAnsi: æ, ø, å, é and the Sámi á and š are in
// it, but č, đ, ŋ, ŧ and emoji are not, and pdfkit writes those as broken bytes. They are written
// here as the nearest letter; the CSV keeps every character as it was typed.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const NEAREST: Record<string, string> = { đ: 'd', Đ: 'D', ŋ: 'n', Ŋ: 'N', ŧ: 't', Ŧ: 'T', '−': '-', '\u2009': ' ', '\u202f': '\u00a0' };

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
}

/** Text as the standard fonts can show it: line breaks kept, other control characters as spaces, the rest as near as WinAnsi allows. */
export function winAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
    const code = char.codePointAt(0)!;
    if (char === '\n' || isWinAnsi(char)) out += char;
    else if (NEAREST[char]) out += NEAREST[char];
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0) || /\s/u.test(char)) out += ' ';
    else {
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += base !== '' && [...base].every(isWinAnsi) ? base : '?';
    }
  }
  return out;
}
