import { compareAgreementSections } from '@app/domain';
import { TRONDHEIMSREGIONEN } from '@app/domain/testing/trondheimsregionen.fixture';
import { EventView } from '../rounds/read-rounds/read-rounds.handler';
import { RoundMemberView, RoundView } from '../rounds/round.view';
import { NORWEGIAN_FORMAT, RoundDossier, agreementChangeBlocks, allocationTable } from './round-dossier';
import { csvField, neutraliseFormula, roundCsv, toCsv } from './round.csv';
import { roundPdf, winAnsi } from './round.pdf';
import { pdfText } from './testing/pdf-text';

const fees2022 = TRONDHEIMSREGIONEN.fees2022 as Record<string, string>;
const allocation2023 = TRONDHEIMSREGIONEN.allocation2023 as Record<string, string>;

/** The 2023 fee round after a few registrations, as ReadRoundsHandler would give it. */
function sampleDossier(): RoundDossier {
  const members: RoundMemberView[] = TRONDHEIMSREGIONEN.members.map(({ municipalityNumber, name }) => ({
    municipalityNumber,
    name,
    status: 'pending',
    overdue: false,
    decision: null,
  }));
  const decide = (number: string, status: RoundMemberView['status'], extra: Partial<NonNullable<RoundMemberView['decision']>> = {}) => {
    const member = members.find((candidate) => candidate.municipalityNumber === number)!;
    member.status = status;
    member.decision = {
      meetingDate: '2022-11-24',
      nextMeetingDate: null,
      body: 'kommunestyre',
      caseNumber: '2022/1124',
      protocolRef: 'protokoll 2022-11-24',
      votes: null,
      note: null,
      revision: 1,
      updatedAt: '2022-11-25T11:00:00.000Z',
      ...extra,
    };
  };
  decide('5001', 'adopted', { body: 'bystyre', votes: { for: 50, against: 17, blank: 0 } });
  decide('5031', 'adopted', { caseNumber: '=HYPERLINK("http://evil.example","klikk")', note: 'Formannskapet innstilte enstemmig; «ja».' });
  decide('5028', 'postponed', { nextMeetingDate: '2022-12-08' });
  const allocation = TRONDHEIMSREGIONEN.members.map(({ municipalityNumber }) => {
    const current = Math.round(Number(fees2022[municipalityNumber]) * 100);
    const next = Math.round(Number(allocation2023[municipalityNumber]) * 100);
    return {
      municipalityNumber,
      weight: fees2022[municipalityNumber].replace(/\.00$/, ''),
      currentFee: fees2022[municipalityNumber],
      newFee: allocation2023[municipalityNumber],
      change: ((next - current) / 100).toFixed(2),
    };
  });
  const round: RoundView = {
    id: '9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a',
    council: 'trondheimsregionen',
    title: 'Medlemsavgift 2023 – Trondheimsregionen',
    status: 'open',
    statusReason: null,
    subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2023-01-01', roundTo: 'ore' },
    decisionRule: { kind: 'unanimity' },
    deadline: '2022-12-15',
    daysToDeadline: 20,
    reminderDaysBefore: [14, 7, 1],
    public: false,
    launchedAt: '2022-10-01T08:00:00.000Z',
    launchedBy: 'secretariat.trondheimsregionen',
    progress: { pending: 5, scheduled: 0, adopted: 2, rejected: 0, adopted_with_amendments: 0, postponed: 1, total: 8, overdue: 0 },
    forecast: { date: '2022-12-08', pastDeadline: false, unscheduled: [] },
    members,
    outcome: null,
    allocation,
    electorateChanges: [],
  };
  const events: EventView[] = [
    { id: '1', type: 'round.launched', at: '2022-10-01T08:00:00.000Z', actor: 'secretariat.trondheimsregionen', data: { after: { deadline: '2022-12-15', electorate: members.map((m) => m.municipalityNumber) } } },
    { id: '2', type: 'decision.registered', at: '2022-11-25T11:00:00.000Z', actor: 'clerk.5001', data: { municipalityNumber: '5001', revision: 1, after: { status: 'adopted' } } },
    { id: '3', type: 'decision.registered', at: '2022-11-25T11:01:00.000Z', actor: 'clerk.5031', data: { municipalityNumber: '5031', revision: 1, after: { status: 'adopted' } } },
    { id: '4', type: 'decision.registered', at: '2022-11-25T11:02:00.000Z', actor: 'clerk.5028', data: { municipalityNumber: '5028', revision: 1, after: { status: 'postponed' } } },
    { id: '5', type: 'round.extended', at: '2022-11-26T09:00:00.000Z', actor: 'secretariat.trondheimsregionen', data: { before: { deadline: '2022-12-15' }, after: { deadline: '2023-01-31' }, reason: 'Melhus behandler saken i januar' } },
  ];
  return { round, events, councilName: 'Trondheimsregionen', generatedAt: new Date('2022-11-26T10:00:00.000Z') };
}

const rowsOf = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n');

describe('the CSV for the case archive', () => {
  it('neutralises what a spreadsheet would run as a formula, and leaves plain negative numbers alone', () => {
    expect(neutraliseFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(neutraliseFormula('+47 99')).toBe(`'+47 99`);
    expect(neutraliseFormula('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutraliseFormula('-2+3+cmd')).toBe(`'-2+3+cmd`);
    expect(neutraliseFormula('\t=1')).toBe(`'\t=1`);
    expect(neutraliseFormula('-12.50')).toBe('-12.50');
    expect(neutraliseFormula('2022/1234')).toBe('2022/1234');
  });

  it('quotes fields as RFC 4180 asks, pads every record to one width, ends lines with CRLF and starts with a BOM', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('si "ja"')).toBe('"si ""ja"""');
    expect(csvField('to\nlinjer')).toBe('"to\nlinjer"');
    expect(csvField('=1;2')).toBe(`"'=1;2"`);
    expect(toCsv([['a'], ['b', 'c', null]])).toBe('\uFEFFa;;\r\nb;c;\r\n');
  });

  it('holds the facts, every member, the allocation to the øre with its sum, and the audit trail', () => {
    const csv = roundCsv(sampleDossier());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = rowsOf(csv);
    const width = rows[0].split(';').length;
    expect(rows.filter((row) => row !== '').every((row) => row.split(';').length >= width)).toBe(true);
    expect(csv).toContain('Totalbeløp;10000000.00;');
    expect(csv).toContain('Frist;2022-12-15;');
    expect(rows.find((row) => row.startsWith('5001;Trondheim;Vedtatt;adopted;nei;2022-11-24;;bystyre;2022/1124;protokoll 2022-11-24;50;17;0;'))).toBeDefined();
    expect(csv).toContain(`'=HYPERLINK(""http://evil.example"",""klikk"")`);
    expect(csv).not.toMatch(/(^|;)=HYPERLINK/m);
    expect(csv).toContain('"Formannskapet innstilte enstemmig; «ja»."');
    expect(rows.find((row) => row.startsWith('5001;Trondheim;3320454;'))).toMatch(/^5001;Trondheim;3320454;3320454\.00;5194646\.68;1874192\.68;/);
    expect(rows.find((row) => row.startsWith('Sum;'))).toMatch(/^Sum;;;6392069\.00;10000000\.00;3607931\.00;/);
    expect(csv).toContain('2022-11-26T10:00:00+01:00;secretariat.trondheimsregionen;Frist forlenget;round.extended;Ny frist 2023-01-31 (var 2022-12-15). Begrunnelse: Melhus behandler saken i januar;5');
    expect(csv).toContain('Generert;2022-11-26T11:00:00+01:00;');
  });

  it('refuses an allocation whose new fees do not add up to the total', () => {
    const dossier = sampleDossier();
    dossier.round.allocation![0].newFee = '5194646.69';
    expect(() => allocationTable(dossier.round)).toThrow(/add up to 10000000\.01, not to the total 10000000\.00/);
  });
});

describe('the PDF for the case archive', () => {
  it('is a PDF with the title, the members, the allocation in Norwegian figures and the audit trail', async () => {
    const pdf = await roundPdf(sampleDossier());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Medlemsavgift 2023 – Trondheimsregionen');
    expect(text).toContain('5035 Stjørdal');
    expect(text).toContain(NORWEGIAN_FORMAT.amount('5194646.68'));
    expect(text).toContain('10\u00a0000\u00a0000,00');
    expect(text).toContain('Hendelseslogg');
    expect(text).toContain('Side 1');
    expect(text).toMatch(/Slutt på dokumentet \(\d+ sider?\)\./);
  });

  it('writes what WinAnsi lacks as the nearest letter, never as broken bytes', () => {
    expect(winAnsi('Porsáŋgu – Kárášjohka, Čáhcesuolu, Đ')).toBe('Porsángu – Kárášjohka, Cáhcesuolu, D');
    expect(winAnsi('tab\there 😀\r\nny linje')).toBe('tab here ?\nny linje');
  });

  it('lays out a changed section longer than a page word by word, its marked words kept and the page count right', async () => {
    const sentences = Array.from({ length: 160 }, (_, i) => `Setning nummer ${i} om representantskapet.`).join(' ');
    const before = [
      { ref: '§ 1', heading: 'Navn', text: 'Rådets navn er Trondheimsregionen.' },
      { ref: '§ 2', heading: 'Formål', text: 'Samarbeid.' },
      { ref: '§ 3', heading: 'Representantskapet', text: sentences },
    ];
    const after = [...before.slice(0, 2), { ...before[2], text: sentences.replace('Setning nummer 150 ', 'Setning nr. 150 ') }];
    const dossier = sampleDossier();
    dossier.round.subject = { type: 'agreement', versionId: 'v2', versionTitle: 'Samarbeidsavtale 2024', effectiveFrom: '2024-01-01' };
    dossier.round.allocation = null;
    dossier.agreementChanges = { on: '2022-11-26', against: { id: 'v1', title: 'Samarbeidsavtale 2020' }, sections: compareAgreementSections(before, after) };
    const lines = pdfText(await roundPdf(dossier)).split('\n').map((line) => line.trim());
    expect(lines).toContain('§ 1–§ 2 uendret');
    expect(lines).toContain('§ 3 Representantskapet (endret)');
    const marked = lines.indexOf('nummer');
    expect(lines.slice(marked - 1, marked + 3)).toEqual([expect.stringMatching(/Setning$/), 'nummer', 'nr.', expect.stringMatching(/^150 om representantskapet\./)]);
    expect(lines.join(' ')).toContain('Setning nummer 159 om representantskapet.');
    expect(lines).toContain('Side 2');
    expect(lines).toContain('Slutt på dokumentet (2 sider).');
  });

  it('summarises each run of unchanged sections in one line', () => {
    const section = (ref: string, change: 'same' | 'changed') => ({ ref, change, heading: ref, parts: [] });
    const blocks = agreementChangeBlocks([section('§ 1', 'same'), section('§ 2', 'changed'), section('§ 3', 'same'), section('§ 4', 'same'), section('§ 7', 'same')]);
    expect(blocks.map((block) => (block.kind === 'unchanged' ? block.text : `${block.section.ref} ${block.label}`))).toEqual([
      '§ 1 uendret',
      '§ 2 endret',
      '§ 3–§ 7 uendret',
    ]);
  });
});
