import { DateTime } from 'luxon';
import { MEMBER_STATUS_LABEL, ROUND_STATUS_LABEL } from '../rounds/status-labels';
import { CalendarDate, Money, OSLO_ZONE, SectionChange, describeDecisionRule, parseDecisionRule } from '@app/domain';
import { EventView } from '../rounds/read-rounds/read-rounds.handler';
import { AllocationLineView, RoundMemberView, RoundView } from '../rounds/round.view';

/**
 * What the secretariat files in the case archive (sak/arkiv) for one round: the round as its
 * readers see it, its audit trail, the council's name and when the copy was made. The CSV and
 * the PDF are two layouts of this one record; the words and the sums live here, once.
 */
export interface RoundDossier {
  round: RoundView;
  events: EventView[];
  councilName: string;
  generatedAt: Date;
  /** For an agreement round's PDF: what the version changes against the one in force the day the copy is made. */
  agreementChanges?: DossierAgreementChanges;
}

/** What the round's agreement version changes, as the PDF tells the kommunestyre before it adopts. */
export interface DossierAgreementChanges {
  /** The day in Oslo the comparison is made for: the day the copy is made. */
  on: CalendarDate;
  /** The version in force that day; null when none was (every section is then added). */
  against: { id: string; title: string } | null;
  sections: SectionChange[];
}

/** A stretch of the comparison as the PDF lays it out: a section that changes, or a run of unchanged ones in one line. */
export type AgreementChangeBlock = { kind: 'section'; section: SectionChange; label: string } | { kind: 'unchanged'; text: string };

const SECTION_CHANGE_LABEL: Record<Exclude<SectionChange['change'], 'same'>, string> = {
  added: 'ny',
  removed: 'tas ut',
  changed: 'endret',
};

/** The lead of "Hva endres hvis kommunestyret vedtar": against which version, or that there is none. */
export function agreementChangesLead(changes: DossierAgreementChanges, round: RoundView, format: DossierFormat): string {
  const day = format.date(changes.on);
  if (!changes.against) {
    return `Ingen samarbeidsavtale er i kraft ${day}. Dette er den første versjonen: all teksten er ny.`;
  }
  if (round.subject.type === 'agreement' && changes.against.id === round.subject.versionId) {
    return `Denne versjonen er samarbeidsavtalen i kraft ${day}; den endrer ingenting mot seg selv.`;
  }
  return `Sammenlignet med samarbeidsavtalen i kraft ${day}: ${changes.against.title}. Tekst som tas ut er gjennomstreket, ny tekst er understreket og i fet skrift.`;
}

/**
 * The comparison as blocks: each added, removed or changed section with its label, and each run of
 * unchanged sections summarised in one line ("§ 3–§ 7 uendret"), so the reader sees only what changes.
 */
export function agreementChangeBlocks(sections: readonly SectionChange[]): AgreementChangeBlock[] {
  const blocks: AgreementChangeBlock[] = [];
  let same: SectionChange[] = [];
  const closeRun = () => {
    if (same.length === 0) return;
    const refs = same.length === 1 ? same[0].ref : `${same[0].ref}–${same[same.length - 1].ref}`;
    blocks.push({ kind: 'unchanged', text: `${refs} uendret` });
    same = [];
  };
  for (const section of sections) {
    if (section.change === 'same') {
      same.push(section);
      continue;
    }
    closeRun();
    blocks.push({ kind: 'section', section, label: SECTION_CHANGE_LABEL[section.change] });
  }
  closeRun();
  return blocks;
}

/** How a layout writes dates, instants and amounts: the CSV as the API does, the PDF as people read them. */
export interface DossierFormat {
  date(value: string): string;
  instant(value: string): string;
  amount(nok: string): string;
}

/** The CSV keeps the API's forms, exact and machine-readable: 2022-12-15, ISO 8601 in Oslo time, "5194646.68". */
export const API_FORMAT: DossierFormat = {
  date: (value) => value,
  instant: (value) => DateTime.fromISO(value, { zone: OSLO_ZONE }).toISO({ suppressMilliseconds: true }) ?? value,
  amount: (nok) => nok,
};

/** The PDF is read by people: 15.12.2022, 25.11.2022 12:00:05, 5 194 646,68. */
export const NORWEGIAN_FORMAT: DossierFormat = {
  date: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value.slice(8, 10)}.${value.slice(5, 7)}.${value.slice(0, 4)}` : value),
  instant: (value) => DateTime.fromISO(value, { zone: OSLO_ZONE }).toFormat('dd.MM.yyyy HH:mm:ss'),
  amount: (nok) => {
    const [, sign, kroner, ore] = /^(-?)(\d+)\.(\d{2})$/.exec(nok) ?? [];
    if (kroner === undefined) return nok;
    // A no-break space between the groups, so an amount never wraps in a table cell.
    return `${sign ? '-' : ''}${kroner.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')},${ore}`;
  },
};

const EVENT_LABEL: Record<string, string> = {
  'round.launched': 'Sendt ut',
  'decision.registered': 'Vedtak registrert',
  'decision.corrected': 'Vedtak korrigert',
  'round.settled': 'Avgjort',
  'round.extended': 'Frist forlenget',
  'round.withdrawn': 'Trukket',
  'round.expired': 'Avsluttet etter fristen',
  'round.overdue': 'Frist oversittet',
  'fee_schedule.in_force': 'Medlemsavgift i kraft',
  'agreement_version.in_force': 'Samarbeidsavtale i kraft',
};


/** The Norwegian name of an event type; a type this list does not know yet is shown as it is. */
export function eventLabel(type: string): string {
  return EVENT_LABEL[type] ?? type;
}

/** The short id in file names and footers: the first block of the round's UUID. */
export function shortId(roundId: string): string {
  return roundId.slice(0, 8);
}

/** The file the export is saved as: `round-9b2c4e1a.csv`. */
export function exportFileName(roundId: string, extension: 'csv' | 'pdf'): string {
  return `round-${shortId(roundId)}.${extension}`;
}

/** "5001 Trondheim", or the number alone for one the round does not know. */
export function memberLabel(round: RoundView, municipalityNumber: string): string {
  const member = round.members.find((candidate) => candidate.municipalityNumber === municipalityNumber);
  return member ? `${municipalityNumber} ${member.name}` : municipalityNumber;
}

/** A member's status in words, with "forsinket" when the deadline has passed without a decision. */
export function memberStatusLabel(member: RoundMemberView): string {
  return MEMBER_STATUS_LABEL[member.status] + (member.overdue ? ' (forsinket)' : '');
}

/** The head of the record: one line per fact, in the order a case officer reads them. */
export function roundFacts(dossier: RoundDossier, format: DossierFormat): Array<[string, string]> {
  const { round } = dossier;
  const facts: Array<[string, string]> = [
    ['Sak', round.title],
    ['Råd', `${dossier.councilName} (${round.council})`],
  ];
  if (round.subject.type === 'fees') {
    facts.push(
      ['Emne', 'Medlemsavgift'],
      ['Totalbeløp', format.amount(round.subject.total)],
      ['Fordelingsnøkkel', round.subject.costKey],
      ['Gjelder fra', format.date(round.subject.effectiveFrom)],
      ['Avrunding', round.subject.roundTo === 'krone' ? 'Hele kroner' : 'Øre'],
    );
  } else {
    facts.push(
      ['Emne', 'Samarbeidsavtale'],
      ['Avtaleversjon', round.subject.versionTitle],
      ['Gjelder fra', format.date(round.subject.effectiveFrom)],
    );
  }
  facts.push(
    ['Beslutningsregel', describeDecisionRule(parseDecisionRule(round.decisionRule))],
    ['Frist', format.date(round.deadline)],
    ['Status', ROUND_STATUS_LABEL[round.status]],
  );
  if (round.statusReason) facts.push(['Begrunnelse', round.statusReason]);
  if (round.outcome) {
    facts.push(
      ['Utfall', ROUND_STATUS_LABEL[round.outcome.status]],
      ['Avgjørende kommune', memberLabel(round, round.outcome.decisiveMunicipalityNumber)],
      ['Avgjort', format.instant(round.outcome.settledAt)],
    );
  } else {
    facts.push(['Utfall', 'Ikke avgjort']);
  }
  facts.push(
    ['Sendt ut', `${format.instant(round.launchedAt)} av ${round.launchedBy}`],
    ['Fremdrift', `${round.progress.adopted} av ${round.progress.total} har vedtatt`],
    ['Runde-ID', round.id],
    ['Generert', format.instant(dossier.generatedAt.toISOString())],
  );
  return facts;
}

/** The fee allocation with its sums; null for an agreement round. */
export interface AllocationTable {
  lines: Array<AllocationLineView & { name: string }>;
  totals: { currentFee: string; newFee: string; change: string };
  /** The total the round proposed, which the new fees add up to. */
  total: string;
}

/**
 * The allocation with its sums computed in whole øre. The new fees must add up to the proposed
 * total to the øre; an archive copy that did not would be worse than none, so it refuses.
 */
export function allocationTable(round: RoundView): AllocationTable | null {
  if (round.subject.type !== 'fees' || !round.allocation) return null;
  const sum = (pick: (line: AllocationLineView) => string) =>
    Money.sum(round.allocation!.map((line) => Money.fromNok(pick(line), { allowNegative: true })));
  const newFee = sum((line) => line.newFee);
  const total = Money.fromNok(round.subject.total);
  if (!newFee.equals(total)) {
    throw new Error(`Round ${round.id}: the new fees add up to ${newFee.toNok()}, not to the total ${total.toNok()}; refusing to export it.`);
  }
  return {
    lines: round.allocation.map((line) => ({ ...line, name: round.members.find((m) => m.municipalityNumber === line.municipalityNumber)?.name ?? '' })),
    totals: { currentFee: sum((line) => line.currentFee).toNok(), newFee: newFee.toNok(), change: sum((line) => line.change).toNok() },
    total: total.toNok(),
  };
}

/** What an entry of the audit trail did, in one line of bokmål: whose decision, the new deadline, the reason. */
export function eventDetail(event: EventView, round: RoundView, format: DossierFormat): string {
  const data = event.data;
  const after = record(data.after);
  const before = record(data.before);
  const reason = text(data.reason);
  const withReason = (line: string) => (reason ? `${line}. Begrunnelse: ${reason}` : line);
  switch (event.type) {
    case 'round.launched': {
      const electorate = Array.isArray(after.electorate) ? after.electorate.length : round.members.length;
      return `Sendt til ${electorate} medlemmer, frist ${format.date(text(after.deadline) ?? round.deadline)}`;
    }
    case 'decision.registered':
    case 'decision.corrected': {
      const status = text(after.status) as RoundMemberView['status'] | undefined;
      const member = memberLabel(round, text(data.municipalityNumber) ?? '');
      const revision = typeof data.revision === 'number' ? ` (revisjon ${data.revision})` : '';
      return withReason(`${member}: ${status ? (MEMBER_STATUS_LABEL[status] ?? status) : ''}${revision}`);
    }
    case 'round.settled': {
      const status = text(after.status) as 'approved' | 'rejected' | undefined;
      const decisive = text(data.decisiveMunicipalityNumber);
      return `${status ? ROUND_STATUS_LABEL[status] : ''}${decisive ? `, avgjørende kommune ${memberLabel(round, decisive)}` : ''}`;
    }
    case 'round.extended':
      return withReason(`Ny frist ${format.date(text(after.deadline) ?? '')}${before.deadline ? ` (var ${format.date(String(before.deadline))})` : ''}`);
    case 'round.withdrawn':
      return withReason('Runden er trukket');
    case 'round.expired':
      return withReason(data.by === 'automatic' ? 'Avsluttet automatisk etter fristen' : 'Avsluttet etter fristen');
    case 'round.overdue': {
      const overdue = Array.isArray(data.overdue) ? data.overdue.map((number) => memberLabel(round, String(number))) : [];
      return `Uten vedtak ved fristen: ${overdue.join(', ')}`;
    }
    case 'fee_schedule.in_force':
    case 'agreement_version.in_force':
      return text(data.inForceFrom) ? `I kraft fra ${format.date(text(data.inForceFrom)!)}` : '';
    default:
      return '';
  }
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
