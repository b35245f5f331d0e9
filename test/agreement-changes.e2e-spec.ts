import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { OpenApiDocument } from './support/openapi-schema';
import { COUNCIL } from './support/round-story';
import { adminToken, clerkToken, secretariatToken } from './support/tokens';

const MINIMUM_CONTENT = { a: '§ 1', b: '§ 1', c: '§ 4', d: '§ 2', e: '§ 2', f: '§ 5', g: '§ 6', h: '§ 6' };
const VERSION_2020 = [
  { ref: '§ 1', heading: 'Navn', text: 'Rådets navn er Trondheimsregionen. Rådet er ikke et eget rettssubjekt.' },
  { ref: '§ 4', heading: 'Representantskapet', text: 'Hver deltaker har ni medlemmer i representantskapet.' },
  { ref: '§ 5', heading: 'Arbeidsutvalg', text: 'Rådet har et arbeidsutvalg på fem medlemmer.' },
  { ref: '§ 6', heading: 'Uttreden og oppløsning', text: 'En deltaker kan tre ut med ett års varsel.' },
];
const VERSION_2023 = [
  VERSION_2020[0],
  { ref: '§ 4', heading: 'Representantskapet', text: 'Hver deltaker har to medlemmer i representantskapet, valgt for fire år.' },
  { ref: '§ 5a', heading: 'Sekretariat', text: 'Sekretariatet ligger i Trondheim kommune.' },
  VERSION_2020[3],
];

// What a new samarbeidsavtale changes, from a real api on PostgreSQL: what a clerk shows their kommunestyre.
describe('comparing agreement versions section by section', () => {
  let api: TestApi;
  let secretariat: string;
  let inForce: string;
  let proposed: string;
  let otherCouncils: string;

  const createVersion = async (bearer: string, slug: string, title: string, sections: typeof VERSION_2020) =>
    (
      await request(api.http)
        .post(`/api/councils/${slug}/agreement-versions`)
        .set('Authorization', bearer)
        .send({ title, effectiveFrom: '2020-06-01', sections, minimumContent: MINIMUM_CONTENT })
        .expect(201)
    ).body.id as string;
  const changes = (id: string, bearer = secretariat, query = '') =>
    request(api.http).get(`/api/councils/${COUNCIL}/agreement-versions/${id}/changes${query}`).set('Authorization', bearer);

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2022-10-01T10:00:00+02:00' });
    secretariat = `Bearer ${await secretariatToken(COUNCIL)}`;
    inForce = await createVersion(secretariat, COUNCIL, 'Samarbeidsavtale 2020', VERSION_2020);
    proposed = await createVersion(secretariat, COUNCIL, 'Samarbeidsavtale 2023', VERSION_2023);
    await request(api.http).post('/api/councils').set('Authorization', `Bearer ${await adminToken()}`).send({ slug: 'innherred', name: 'Innherred samkommune' }).expect(201);
    otherCouncils = await createVersion(`Bearer ${await secretariatToken('innherred')}`, 'innherred', 'Avtale for Innherred', VERSION_2020);
  });

  afterAll(() => api?.close());

  it('makes every section added, against nothing, while no version is in force', async () => {
    const response = await changes(proposed).expect(200);
    expect(response.body.against).toBeNull();
    expect(response.body.sections.map((s: { ref: string; change: string }) => [s.ref, s.change])).toEqual([
      ['§ 1', 'added'],
      ['§ 4', 'added'],
      ['§ 5a', 'added'],
      ['§ 6', 'added'],
    ]);
    expect(response.body.sections[1].parts).toEqual([{ kind: 'added', text: VERSION_2023[1].text }]);
  });

  it('compares by default with the version in force today, marking exactly the changed words', async () => {
    await request(api.http)
      .post(`/api/councils/${COUNCIL}/agreement-versions/${inForce}/adopted-before`)
      .set('Authorization', secretariat)
      .send({ adoptedOn: '2020-06-18', reason: 'Vedtatt i alle kommunestyrene i 2020' })
      .expect(200);
    // Europe/Oslo's today: on 17 June 2020 the 2020 version was not yet adopted, so nothing was in force.
    api.clock.set('2020-06-17T23:30:00+02:00');
    expect((await changes(proposed).expect(200)).body.against).toBeNull();
    api.clock.set('2020-06-17T22:30:00Z');
    expect((await changes(proposed).expect(200)).body.against).toBe(inForce);
    api.clock.set('2022-10-01T10:00:00+02:00');
    const response = await changes(proposed).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body.against).toBe(inForce);
    expect(response.body.sections).toEqual([
      { ref: '§ 1', change: 'same', heading: 'Navn', parts: [{ kind: 'same', text: VERSION_2020[0].text }] },
      {
        ref: '§ 4',
        change: 'changed',
        heading: 'Representantskapet',
        parts: [
          { kind: 'same', text: 'Hver deltaker har ' },
          { kind: 'removed', text: 'ni' },
          { kind: 'added', text: 'to' },
          { kind: 'same', text: ' medlemmer i representantskapet' },
          { kind: 'added', text: ', valgt for fire år' },
          { kind: 'same', text: '.' },
        ],
      },
      { ref: '§ 5', change: 'removed', heading: 'Arbeidsutvalg', parts: [{ kind: 'removed', text: VERSION_2020[2].text }] },
      { ref: '§ 5a', change: 'added', heading: 'Sekretariat', parts: [{ kind: 'added', text: VERSION_2023[2].text }] },
      { ref: '§ 6', change: 'same', heading: 'Uttreden og oppløsning', parts: [{ kind: 'same', text: VERSION_2020[3].text }] },
    ]);
  });

  it('compares with the version named in `against`, the other way round too, and finds nothing changed against itself', async () => {
    const backwards = await changes(inForce, secretariat, `?against=${proposed}`).expect(200);
    expect(backwards.body.against).toBe(proposed);
    expect(backwards.body.sections.map((s: { ref: string; change: string }) => `${s.ref}:${s.change}`)).toEqual(['§ 1:same', '§ 4:changed', '§ 5a:removed', '§ 5:added', '§ 6:same']);
    expect(backwards.body.sections[1].parts.filter((p: { kind: string }) => p.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'to' },
      { kind: 'added', text: 'ni' },
      { kind: 'removed', text: ', valgt for fire år' },
    ]);
    const itself = await changes(inForce).expect(200);
    expect(itself.body.against).toBe(inForce);
    expect(itself.body.sections.every((s: { change: string }) => s.change === 'same')).toBe(true);
  });

  it('lets the clerk of a member read it, and answers 404 to a clerk of another municipality', async () => {
    const clerk = await changes(proposed, `Bearer ${await clerkToken('5031')}`).expect(200);
    expect(clerk.body.against).toBe(inForce);
    const stranger = await changes(proposed, `Bearer ${await clerkToken('0301')}`);
    expect(stranger.status).toBe(404);
    expect(stranger.body).toMatchObject({ status: 404, code: 'COUNCIL.NOT_FOUND' });
    expect((await request(api.http).get(`/api/councils/${COUNCIL}/agreement-versions/${proposed}/changes`)).status).toBe(401);
  });

  it('answers 404 problem+json for an unknown version or one of another council, in the path or in `against`', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const [id, query] of [
      [unknown, ''],
      [otherCouncils, ''],
      [proposed, `?against=${unknown}`],
      [proposed, `?against=${otherCouncils}`],
    ]) {
      const response = await changes(id, secretariat, query);
      expect({ id, query, status: response.status }).toEqual({ id, query, status: 404 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 404, code: 'AGREEMENT_VERSION.NOT_FOUND' });
    }
  });

  it('answers in the shape its OpenAPI document gives, a heading change included', async () => {
    const renamed = await createVersion(secretariat, COUNCIL, 'Samarbeidsavtale 2024', [{ ...VERSION_2020[0], heading: 'Navn og status' }, ...VERSION_2020.slice(1)]);
    const response = await changes(renamed).expect(200);
    expect(response.body.sections[0]).toMatchObject({ change: 'changed', heading: 'Navn og status', previousHeading: 'Navn' });
    const document = await OpenApiDocument.of(api);
    const path = '/api/councils/{slug}/agreement-versions/{id}/changes';
    expect(document.undocumented(response.body, document.schemaOf('get', path, 200), 'changes')).toEqual([]);
    expect(Object.keys(document.operation('get', path).responses).sort()).toEqual(['200', '400', '401', '404']);
  });

  it('answers 400 problem+json for a malformed id, in the path or in `against`', async () => {
    const path = await changes('not-a-version');
    expect(path.status).toBe(400);
    expect(path.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(path.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'id' })]));
    const against = await changes(proposed, secretariat, '?against=1');
    expect(against.status).toBe(400);
    expect(against.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'against' })]));
  });
});
