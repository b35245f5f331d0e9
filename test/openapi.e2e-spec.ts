import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { COUNCIL, decision, launchFeeRound, register } from './support/round-story';
import { secretariatToken } from './support/tokens';
import type { Schema } from './support/openapi-schema';

// The OpenAPI document at /api/docs-json promises every path of API.md built so far, with its
// statuses, its security and an example for every field; and the answers the api really gives
// use no field the document does not name. councils.e2e-spec checks the council operations'
// exact statuses; this suite checks the rounds', and walks the whole document.

interface Operation {
  parameters?: Array<{ name: string; in: string; example?: unknown; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }>; headers?: Record<string, { schema?: Schema }> }>;
  security?: Array<Record<string, string[]>>;
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Record<string, string>> };
}

/** Every operation of API.md that is built so far (not: dashboard, inbox). */
const API_MD_OPERATIONS: Array<[string, string]> = [
  ['get', '/api/health'],
  ['post', '/api/councils'],
  ['get', '/api/councils'],
  ['get', '/api/councils/{slug}'],
  ['put', '/api/councils/{slug}/members/{municipalityNumber}'],
  ['put', '/api/councils/{slug}/cost-keys/{key}'],
  ['post', '/api/councils/{slug}/allocations'],
  ['post', '/api/councils/{slug}/agreement-versions'],
  ['put', '/api/councils/{slug}/fees/{effectiveFrom}'],
  ['post', '/api/councils/{slug}/agreement-versions/{id}/adopted-before'],
  ['get', '/api/councils/{slug}/agreement'],
  ['get', '/api/councils/{slug}/fees'],
  ['post', '/api/councils/{slug}/rounds'],
  ['get', '/api/councils/{slug}/rounds'],
  ['get', '/api/rounds/{id}'],
  ['put', '/api/rounds/{id}/decisions/{municipalityNumber}'],
  ['post', '/api/rounds/{id}/extend'],
  ['post', '/api/rounds/{id}/withdraw'],
  ['get', '/api/rounds/{id}/events'],
  ['get', '/api/councils/{slug}/live'],
  ['get', '/api/me/notifications'],
  ['get', '/api/councils/{slug}/calendar.ics'],
  ['get', '/api/municipalities/{municipalityNumber}/calendar.ics'],
  ['get', '/api/audit/verify'],
  ['get', '/api/rounds/{id}/export.csv'],
  ['get', '/api/rounds/{id}/export.pdf'],
];

/** The rounds operations with exactly the statuses each can answer. */
const ROUND_OPERATIONS: Array<[string, string, string[]]> = [
  ['post', '/api/councils/{slug}/rounds', ['201', '400', '401', '403', '404', '409', '413', '422']],
  ['get', '/api/councils/{slug}/rounds', ['200', '400', '401', '404']],
  ['get', '/api/rounds/{id}', ['200', '400', '401', '404']],
  ['get', '/api/rounds/{id}/decisions/{municipalityNumber}', ['200', '400', '401', '404']],
  ['put', '/api/rounds/{id}/decisions/{municipalityNumber}', ['200', '400', '401', '403', '404', '409', '412', '413', '422']],
  ['post', '/api/rounds/{id}/extend', ['200', '400', '401', '403', '404', '409', '413', '422']],
  ['post', '/api/rounds/{id}/withdraw', ['200', '400', '401', '403', '404', '409', '413']],
  ['post', '/api/rounds/{id}/expire', ['200', '400', '401', '403', '404', '409', '413']],
  ['get', '/api/rounds/{id}/events', ['200', '400', '401', '404']],
];

/** The public status page is HTML for people, not JSON: the walks below leave it out. */
const NOT_JSON = /^\/public\//;

const FEES_2024 = { type: 'fees', total: '10000000', costKey: 'fees-2022', effectiveFrom: '2024-01-01' };
const COMPLETE_VERSION = {
  title: 'Samarbeidsavtale 2023',
  effectiveFrom: '2023-01-01',
  sections: [{ ref: '§ 1', heading: 'Navn', text: 'Rådets navn er Trondheimsregionen.' }],
  minimumContent: { a: '§ 1', b: '§ 2', c: '§ 5', d: '§ 3', e: '§ 4', f: '§ 9', g: '§ 11', h: '§ 12' },
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

describe('the OpenAPI document', () => {
  let api: TestApi;
  let document: OpenApiDocument;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2022-11-25T12:00:00+01:00' });
    document = (await request(api.http).get('/api/docs-json').expect(200)).body;
  });

  afterAll(() => api?.close());

  function resolve(schema: Schema): Schema {
    if (schema.$ref) return resolve(document.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
    if (schema.allOf?.length === 1) return { ...resolve(schema.allOf[0]), nullable: schema.nullable };
    return schema;
  }

  /** The operations that answer JSON. */
  const operations = () =>
    Object.entries(document.paths)
      .filter(([path]) => !NOT_JSON.test(path))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ method, path, operation })));

  /** The names of the schemas those operations use, directly or through other schemas. */
  function schemasInUse(): string[] {
    const names = new Set<string>();
    const visit = (schema: unknown): void => {
      if (Array.isArray(schema)) return schema.forEach(visit);
      if (!isObject(schema)) return;
      if (typeof schema.$ref === 'string') {
        const name = schema.$ref.replace('#/components/schemas/', '');
        if (names.has(name)) return;
        names.add(name);
        return visit(document.components.schemas[name]);
      }
      Object.values(schema).forEach(visit);
    };
    for (const { operation } of operations()) visit(operation);
    return [...names].sort();
  }

  it('is served as JSON at /api/docs-json and as a page at /api/docs', async () => {
    expect(document.openapi).toMatch(/^3\./);
    const page = await request(api.http).get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toMatch(/swagger-ui/i);
  });

  it('has every path of API.md built so far, with its method', () => {
    const missing = API_MD_OPERATIONS.filter(([method, path]) => !document.paths[path]?.[method]).map(([method, path]) => `${method} ${path}`);
    expect(missing).toEqual([]);
  });

  it('declares bearer authentication, and every operation requires it but the health checks, where to sign in, and the calendar feeds (a feed token in ?token=)', () => {
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    const unsecured = operations()
      .filter(({ operation }) => JSON.stringify(operation.security) !== JSON.stringify([{ bearer: [] }]))
      .map(({ method, path }) => `${method} ${path}`);
    expect(unsecured.sort()).toEqual(
      [
        'get /api/auth/config',
        'get /api/councils/{slug}/calendar.ics',
        'get /api/health',
        'get /api/health/live',
        'get /api/health/ready',
        'get /api/municipalities/{municipalityNumber}/calendar.ics',
      ].sort(),
    );
  });

  it('documents for every operation its success status, 401 where it needs a token, and a 4xx for what its input can get wrong', () => {
    const offenders = operations().flatMap(({ method, path, operation }) => {
      const statuses = Object.keys(operation.responses);
      const problems: string[] = [];
      if (!statuses.some((status) => /^2\d\d$/.test(status))) problems.push('no success status');
      if (operation.security && !statuses.includes('401')) problems.push('no 401');
      const takesInput = (operation.parameters ?? []).some((parameter) => parameter.in !== 'header') || !!operation.requestBody;
      if (takesInput && !statuses.some((status) => /^4\d\d$/.test(status) && status !== '401')) problems.push('no 4xx for bad input');
      return problems.map((problem) => `${method} ${path}: ${problem}`);
    });
    expect(offenders).toEqual([]);
  });

  it('documents exactly what each rounds operation can answer, its problems as problem+json', () => {
    for (const [method, path, statuses] of ROUND_OPERATIONS) {
      const operation = document.paths[path]?.[method];
      expect({ method, path, statuses: Object.keys(operation?.responses ?? {}).sort() }).toEqual({ method, path, statuses });
      for (const status of statuses.filter((code) => code >= '400')) {
        expect({ method, path, status, schema: operation.responses[status].content?.['application/problem+json']?.schema }).toEqual({
          method,
          path,
          status,
          schema: { $ref: '#/components/schemas/ProblemResponse' },
        });
      }
    }
    const put = document.paths['/api/rounds/{id}/decisions/{municipalityNumber}'].put;
    expect(put.parameters?.map((parameter) => `${parameter.in}:${parameter.name}`).sort()).toEqual([
      'header:Idempotency-Key',
      'header:If-Match',
      'path:id',
      'path:municipalityNumber',
    ]);
    expect(put.requestBody?.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/RegisterDecisionDto' });
    // The round list answers summaries; the members and their decisions are the round's own.
    const list = document.paths['/api/councils/{slug}/rounds'].get;
    expect(list.responses['200'].content?.['application/json'].schema).toEqual({ type: 'array', items: { $ref: '#/components/schemas/RoundSummaryResponse' } });
    expect(Object.keys(document.components.schemas.RoundSummaryResponse.properties ?? {}).sort()).toEqual(
      ['id', 'council', 'title', 'subject', 'status', 'statusReason', 'decisionRule', 'deadline', 'public', 'launchedAt', 'closedAt', 'progress', 'outcome'].sort(),
    );
    expect((list as { description?: string }).description).toMatch(/GET \/api\/rounds\/\{id\}.*members/);
    expect(document.paths['/api/councils/{slug}/rounds'].get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'status', in: 'query', schema: expect.objectContaining({ enum: ['open', 'approved', 'rejected', 'withdrawn', 'expired'] }) })]),
    );
  });

  it('gives every field of every schema an example, an enum or a schema of its own, of the type it declares', () => {
    const offenders: string[] = [];
    const inUse = schemasInUse();
    expect(inUse).toEqual(expect.arrayContaining(['RoundResponse', 'RoundSummaryResponse', 'LaunchRoundDto', 'RegisterDecisionDto', 'ProblemResponse', 'CouncilResponse']));
    for (const name of inUse) {
      const schema = document.components.schemas[name];
      for (const [property, field] of Object.entries(schema.properties ?? {})) {
        const where = `${name}.${property}`;
        const refers = (candidate?: Schema) => !!candidate && (!!candidate.$ref || (candidate.allOf ?? []).some((part) => !!part.$ref));
        const described =
          (field.example !== undefined && field.example !== null) || !!field.enum || refers(field) || refers(field.items) || !!field.items?.enum;
        if (!described) offenders.push(`${where}: no example, enum or $ref`);
        if (field.type === 'object' && !field.properties && !field.additionalProperties && !refers(field)) offenders.push(`${where}: a bare object`);
        if (field.example !== undefined && field.example !== null && field.type) {
          const actual = Array.isArray(field.example) ? 'array' : typeof field.example;
          const declared = field.type === 'integer' ? 'number' : field.type;
          if (actual !== declared) offenders.push(`${where}: declared ${field.type}, example is ${actual}`);
        }
        if (field.enum && field.example !== undefined && !field.enum.includes(field.example)) offenders.push(`${where}: example not in its enum`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('pages every list (API.md § Lists): `limit` of 1–200 (default 50), an opaque `cursor`, and the next page in a Link header', () => {
    const lists = operations().filter(({ method, operation }) => method === 'get' && operation.responses['200']?.content?.['application/json']?.schema?.type === 'array');
    expect(lists.map(({ path }) => path).sort()).toEqual(
      [
        '/api/councils',
        '/api/councils/{slug}/agreement-versions',
        '/api/councils/{slug}/rounds',
        '/api/me/calendar-feeds',
        '/api/me/notifications',
        '/api/rounds/{id}/events',
      ].sort(),
    );
    for (const { method, path, operation } of lists) {
      const query = Object.fromEntries((operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => [parameter.name, parameter]));
      expect({ method, path, limit: query.limit?.schema }).toEqual({
        method,
        path,
        limit: expect.objectContaining({ type: 'number', minimum: 1, maximum: 200, default: 50 }),
      });
      expect({ method, path, cursor: query.cursor?.schema?.type }).toEqual({ method, path, cursor: 'string' });
      expect({ method, path, link: operation.responses['200'].headers?.Link?.schema?.type }).toEqual({ method, path, link: 'string' });
      expect({ method, path, badRequest: !!operation.responses['400'] }).toEqual({ method, path, badRequest: true });
    }
  });

  it('gives every path and query parameter of the councils and rounds an example or an enum', () => {
    const offenders = operations()
      .filter(({ path }) => path.startsWith('/api/councils') || path.startsWith('/api/rounds'))
      .flatMap(({ method, path, operation }) =>
        (operation.parameters ?? [])
          .filter((parameter) => parameter.example === undefined && parameter.schema?.example === undefined && !parameter.schema?.enum)
          .map((parameter) => `${method} ${path}: ${parameter.in} ${parameter.name}`),
      );
    expect(offenders).toEqual([]);
  });

  describe('against what the api really answers', () => {
    /** Fields of the answer the schema does not name, required fields it leaves out, and values of another type. */
    function undocumented(value: unknown, schema: Schema, at: string): string[] {
      const resolved = resolve(schema);
      if (value === null) return resolved.nullable ? [] : [`${at}: null, but not nullable`];
      if (Array.isArray(value)) {
        if (resolved.type !== 'array' || !resolved.items) return [`${at}: a list, documented as ${resolved.type}`];
        return value.flatMap((item, index) => undocumented(item, resolved.items!, `${at}[${index}]`));
      }
      if (isObject(value)) {
        if (resolved.additionalProperties) return [];
        const properties = resolved.properties ?? {};
        const missing = (resolved.required ?? []).filter((name) => !(name in value)).map((name) => `${at}.${name}: required, but absent`);
        return [
          ...missing,
          ...Object.entries(value).flatMap(([name, field]) =>
            properties[name] ? undocumented(field, properties[name], `${at}.${name}`) : [`${at}.${name}: not documented`],
          ),
        ];
      }
      const declared = resolved.type === 'integer' ? 'number' : resolved.type;
      return typeof value === declared ? [] : [`${at}: ${typeof value}, documented as ${resolved.type}`];
    }

    function schemaOf(method: string, path: string, status: number, type = 'application/json'): Schema {
      const schema = document.paths[path]?.[method]?.responses[String(status)]?.content?.[type]?.schema;
      if (!schema) throw new Error(`${method} ${path} documents no ${type} body for ${status}`);
      return schema;
    }

    it('names every field of the rounds, decisions, events and problems the api answers with', async () => {
      const secretariat = `Bearer ${await secretariatToken(COUNCIL)}`;
      const as = (test: request.Test) => test.set('Authorization', secretariat);
      const DECISION = '/api/rounds/{id}/decisions/{municipalityNumber}';
      const ROUND = '/api/rounds/{id}';
      const ROUNDS = '/api/councils/{slug}/rounds';
      const answers: Array<[string, string, request.Response]> = [];
      const problems: Array<[string, string, request.Response]> = [];

      // A fee round: one postponed, one adopted with votes, one veto that settles it.
      api.clock.set('2022-10-01T10:00:00+02:00');
      const round = (await launchFeeRound(api)).id;
      answers.push(['get', ROUND, await as(request(api.http).get(`/api/rounds/${round}`))]);
      api.clock.set('2022-11-25T12:00:00+01:00');
      const postponed = decision('postponed', '2022-11-24', { nextMeetingDate: '2022-12-08', note: 'Utsatt' });
      answers.push(['put', DECISION, await register(api, round, '5028', postponed)]);
      const adopted = decision('adopted', '2022-11-24', { body: 'bystyre', votes: { for: 50, against: 17, blank: 0 } });
      answers.push(['put', DECISION, await register(api, round, '5001', adopted)]);
      answers.push(['put', DECISION, await register(api, round, '5029', decision('rejected', '2022-11-24'))]);
      answers.push(['get', ROUND, await as(request(api.http).get(`/api/rounds/${round}`))]);
      answers.push(['get', DECISION, await as(request(api.http).get(`/api/rounds/${round}/decisions/5001`))]);
      answers.push(['get', DECISION, await as(request(api.http).get(`/api/rounds/${round}/decisions/5027`))]);
      answers.push(['get', '/api/rounds/{id}/events', await as(request(api.http).get(`/api/rounds/${round}/events`))]);

      // A round in whole kroner, extended and withdrawn.
      const kroner = (await launchFeeRound(api, { subject: { ...FEES_2024, roundTo: 'krone' } })).id;
      const extend = { deadline: '2023-01-31', reason: 'Januarmøter' };
      answers.push(['post', '/api/rounds/{id}/extend', await as(request(api.http).post(`/api/rounds/${kroner}/extend`)).send(extend)]);
      answers.push(['post', '/api/rounds/{id}/withdraw', await as(request(api.http).post(`/api/rounds/${kroner}/withdraw`)).send({ reason: 'Nye rammer' })]);
      answers.push(['get', ROUNDS, await as(request(api.http).get(`/api/councils/${COUNCIL}/rounds`))]);

      // An agreement round.
      const version = await as(request(api.http).post(`/api/councils/${COUNCIL}/agreement-versions`)).send(COMPLETE_VERSION).expect(201);
      const agreement = { subject: { type: 'agreement', versionId: version.body.id }, deadline: '2023-03-01', title: 'Ny avtale', expiresAutomatically: true };
      answers.push(['post', ROUNDS, await as(request(api.http).post(`/api/councils/${COUNCIL}/rounds`)).send(agreement)]);

      for (const [method, path, response] of answers) {
        expect({ method, path, answer: response.status < 300 ? 'a success' : response.body }).toEqual({ method, path, answer: 'a success' });
      }

      problems.push(['put', DECISION, await register(api, round, '5031', decision('adopted', '2022-11-24', { body: 'formannskap' }))]);
      problems.push(['put', DECISION, await register(api, round, '5031', { decision: 'maybe' })]);
      problems.push(['put', DECISION, await register(api, round, '5031', decision('adopted', '2022-11-24'), { 'If-Match': '"stale"' })]);
      const unknownKey = { subject: { ...FEES_2024, costKey: 'nope', effectiveFrom: '2025-01-01' }, deadline: '2022-12-15' };
      problems.push(['post', ROUNDS, await as(request(api.http).post(`/api/councils/${COUNCIL}/rounds`)).send(unknownKey)]);
      problems.push(['get', ROUND, await request(api.http).get(`/api/rounds/${round}`)]);
      problems.push(['get', ROUND, await request(api.http).get(`/api/rounds/${round}`).set('Authorization', 'Bearer not-a-token')]);
      problems.push(['get', ROUND, await as(request(api.http).get('/api/rounds/00000000-0000-4000-8000-000000000000'))]);
      expect(problems.map(([, , response]) => response.status)).toEqual([422, 400, 412, 422, 401, 401, 404]);

      const offenders = [
        ...answers.flatMap(([method, path, response]) => undocumented(response.body, schemaOf(method, path, response.status), `${method} ${path}`)),
        ...problems.flatMap(([method, path, response]) =>
          undocumented(response.body, schemaOf(method, path, response.status, 'application/problem+json'), `${method} ${path} ${response.status}`),
        ),
      ];
      expect(offenders).toEqual([]);
    });
  });
});
