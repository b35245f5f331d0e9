import { API_FORMAT, RoundDossier, allocationTable, eventDetail, eventLabel, memberStatusLabel, roundFacts } from './round-dossier';

/**
 * The separator. Excel in a Norwegian locale reads `;` as the list separator (the comma is the
 * decimal comma there), so a double click opens the file in columns; the amounts keep the API's
 * decimal point so they stay exact and machine-readable.
 */
export const CSV_SEPARATOR = ';';

/** The byte order mark: without it Excel guesses a Windows code page and shows "StjÃ¸rdal". */
const BOM = '\uFEFF';

// Spreadsheets run a cell that starts with one of these as a formula (CSV injection); a case
// number or a note is typed by a clerk, so such a cell gets a leading apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;
// A plain negative number ("-12.50", a fee that goes down) is no formula and stays a number.
const PLAIN_NUMBER = /^-\d+(\.\d+)?$/;

/** A cell that a spreadsheet shows as text, never runs: `=HYPERLINK(…)` becomes `'=HYPERLINK(…)`. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** One field as RFC 4180 writes it: quoted when it holds the separator, a quote or a line break. */
export function csvField(value: string): string {
  const safe = neutraliseFormula(value);
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Writes rows as RFC 4180 CSV: CRLF after every record, every record as wide as the widest
 * (sections of different width are padded with empty fields), UTF-8 with a BOM.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  const width = Math.max(1, ...rows.map((row) => row.length));
  const lines = rows.map((row) => {
    const cells = Array.from({ length: width }, (_, index) => {
      const value = row[index];
      return value === null || value === undefined ? '' : csvField(String(value));
    });
    return cells.join(CSV_SEPARATOR) + '\r\n';
  });
  return BOM + lines.join('');
}

/**
 * The round as CSV for the case archive: the facts, each member's decision with its references,
 * the fee allocation with its sums (fee rounds), and the audit trail, as sections under headings.
 */
export function roundCsv(dossier: RoundDossier): string {
  const { round } = dossier;
  const rows: Array<Array<string | number | null>> = [['Vedtaksrunde – arkivkopi'], ...roundFacts(dossier, API_FORMAT)];

  rows.push(
    [],
    ['Medlemmenes vedtak'],
    [
      'Kommunenummer',
      'Kommune',
      'Status',
      'Statuskode',
      'Forsinket',
      'Møtedato',
      'Neste møtedato',
      'Organ',
      'Saksnummer',
      'Protokollreferanse',
      'Stemmer for',
      'Stemmer mot',
      'Stemmer blanke',
      'Merknad',
      'Revisjon',
      'Registrert',
    ],
  );
  for (const member of round.members) {
    const decision = member.decision;
    rows.push([
      member.municipalityNumber,
      member.name,
      memberStatusLabel(member),
      member.status,
      member.overdue ? 'ja' : 'nei',
      decision?.meetingDate ?? null,
      decision?.nextMeetingDate ?? null,
      decision?.body ?? null,
      decision?.caseNumber ?? null,
      decision?.protocolRef ?? null,
      decision?.votes?.for ?? null,
      decision?.votes?.against ?? null,
      decision?.votes?.blank ?? null,
      decision?.note ?? null,
      decision?.revision ?? 0,
      decision?.updatedAt ? API_FORMAT.instant(decision.updatedAt) : null,
    ]);
  }

  const allocation = allocationTable(round);
  if (allocation) {
    rows.push([], ['Fordeling av medlemsavgift'], ['Kommunenummer', 'Kommune', 'Vekt', 'Nåværende avgift', 'Ny avgift', 'Endring']);
    for (const line of allocation.lines) {
      rows.push([line.municipalityNumber, line.name, line.weight, line.currentFee, line.newFee, line.change]);
    }
    rows.push(['Sum', '', '', allocation.totals.currentFee, allocation.totals.newFee, allocation.totals.change]);
    rows.push(['Kontroll', 'Summen av ny avgift er lik totalbeløpet', '', '', allocation.total, '']);
  }

  rows.push([], ['Hendelseslogg'], ['Tidspunkt', 'Utført av', 'Hendelse', 'Hendelseskode', 'Detaljer', 'Hendelses-ID']);
  for (const event of dossier.events) {
    rows.push([API_FORMAT.instant(event.at), event.actor, eventLabel(event.type), event.type, eventDetail(event, round, API_FORMAT), event.id]);
  }
  return toCsv(rows);
}
