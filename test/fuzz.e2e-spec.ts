import { Agent, IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import fc from 'fast-check';
import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { COUNCIL, launchFeeRound } from './support/round-story';
import { adminToken, clerkToken, leaderToken, secretariatToken, tokenFor } from './support/tokens';
import type { Schema } from './support/openapi-schema';

// Hostile input on every operation of the api's own OpenAPI document (every path × method), as
// callers of every role and as nobody: wrong types, missing and extra fields, huge strings and
// lists, deep nesting, unicode edge cases, SQL and HTML, absurd amounts and dates, malformed
// paths, queries and headers. fast-check draws the requests from a fixed seed (FUZZ_SEED to pick
// another, FUZZ_RUNS for how many). The api must never answer 5xx, must answer every 4xx as
// application/problem+json, and a refused request must write nothing.
//
// Requests go out in batches of IN_FLIGHT at once over keep-alive connections, with a digest of
// every table before and after each batch. Successful requests may write, so a batch proves
// "nothing written" only when every request in it was refused or was a GET (which must not write
// either); the share of requests so covered is asserted too.

const SEED = Number(process.env.FUZZ_SEED ?? 20221125);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const IN_FLIGHT = 8;
/** Requests between two digests of the database. */
const BATCH = 32;
const NOW = '2022-11-25T12:00:00+01:00';

type Caller = 'admin' | 'secretariat' | 'leader' | 'clerk' | 'stranger' | 'expired' | 'forged' | 'nobody';
const CALLERS: Caller[] = ['admin', 'secretariat', 'leader', 'clerk', 'stranger', 'expired', 'forged', 'nobody'];

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema & { format?: string; pattern?: string };
  example?: unknown;
}

interface Operation {
  method: string;
  template: string;
  parameters: Parameter[];
  body?: Schema;
}

interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema & { format?: string }> };
}

/** One drawn request, before it is made concrete against the running api. */
interface Draw {
  operation: number;
  caller: Caller;
  mutations: Mutation[];
}

type Mutation =
  | { kind: 'path'; parameter: number; segment: string }
  | { kind: 'pathSuffix'; suffix: string }
  | { kind: 'query'; name: string | null; value: string }
  | { kind: 'rawQuery'; query: string }
  | { kind: 'header'; name: string; value: string }
  | { kind: 'field'; at: number; action: 'replace' | 'delete' | 'extra'; value: unknown; name: string }
  | { kind: 'rawBody'; type: string; body: Buffer };

interface Concrete {
  /** The operation as the document names it: "PUT /api/rounds/{id}/decisions/{municipalityNumber}". */
  operation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What was drawn, to print when it fails. */
  described: () => string;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

// ---------------------------------------------------------------------------------------------
// What hostile input looks like

const NASTY_TEXT = [
  'a\u0000b',
  '\u0000',
  'a\ud800b',
  '\udfff',
  '\ud83d',
  'line\u000bfeed',
  '\u001b[31mred',
  'back\bspace',
  '\u007f',
  '\u0085next line',
  'tab\tand\nnew\r\nlines',
  '\u200fright-to-left mark',
  '\u202eevil\u202c',
  '\u2028\u2029',
  '\ufeffbom',
  '\ufffe\uffff',
  '👍🏽',
  '👨‍👩‍👧‍👦',
  'e\u0301\u0301\u0301\u0301\u0301\u0301',
  'Z̸̢̛̖̰̈́̓a̷̧̛͇l̶̡̛̲g̸̢̛o̵̧̊',
  'ÆØÅ æøå',
  '５０３１',
  '٥٠٣١',
  '',
  ' ',
  '   \t  ',
  "' OR '1'='1",
  "'; DROP TABLE round; --",
  '"; DELETE FROM event; --',
  "1' AND pg_sleep(5)--",
  '$1',
  '%',
  '_',
  '\\',
  '\\u0000',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  'true',
  '[object Object]',
  '__proto__',
  'constructor',
];

const ABSURD_AMOUNTS = [
  '1e309',
  '1e7',
  '-0.00',
  '-1',
  '0.001',
  '99999999999999999999999999.99',
  '10000000000000000.00',
  'NaN',
  'Infinity',
  '1,000.00',
  '1 000',
  ' 1000',
  '１０００',
  '0x10',
  '.5',
  '5.',
  '00000000000000000001.00',
  '+5',
];

const BAD_DATES = [
  '2023-02-30',
  '2022-02-29',
  '2022-13-01',
  '2022-00-10',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '10000-01-01',
  '+275760-09-13',
  '-0001-01-01',
  '2022-1-1',
  '20221215',
  '15.12.2022',
  '2022-12-15T00:00:00Z',
  '2022-12-15 ',
  '1970-01-01',
  'yesterday',
];

const ABSURD_NUMBERS = [-1, 0, 0.5, 1e308, -1e308, 2 ** 53 + 1, 2 ** 63, -0, 101, 91, 1e21, 5e-324];

/** Text that no form would send. */
const nastyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_TEXT, ...ABSURD_AMOUNTS, ...BAD_DATES) },
  // Any code point, lone surrogates included (fast-check's own 'binary' unit costs seconds to build).
  { weight: 2, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)), maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NASTY_TEXT), fc.string({ maxLength: 10 })).map(([a, b]) => `${b}${a}${b}`) },
  { weight: 1, arbitrary: fc.integer({ min: 201, max: 70_000 }).map((length) => 'ø'.repeat(length)) },
  { weight: 1, arbitrary: fc.integer({ min: 200_000, max: 300_000 }).map((length) => 'x'.repeat(length)) },
);

/** Nesting as deep as asked: lists or objects inside each other. */
const nested = (depth: number, inObjects: boolean): unknown => {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = inObjects ? { a: value } : [value];
  return value;
};

/** A JSON value of the wrong kind, out of range, or shaped to hurt. */
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: nastyText },
  { weight: 3, arbitrary: fc.constantFrom<unknown>(...ABSURD_NUMBERS, true, false, null, [], {}, [null], { '': '' }) },
  { weight: 1, arbitrary: fc.integer({ min: 30, max: 3000 }).chain((depth) => fc.boolean().map((inObjects) => nested(depth, inObjects))) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 10_000 }).map((length) => Array.from({ length }, (_, index) => index)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(JSON.parse('{"__proto__": {"admin": true}}'), { constructor: { prototype: { admin: true } } }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Bytes as a percent-encoded path segment or query value: any bytes, so not always UTF-8. */
const percentEncoded = (bytes: Uint8Array) => [...bytes].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/** Percent-encodes text byte by byte as UTF-8, leaving unreserved characters; lone surrogates become U+FFFD. */
const encodedText = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((byte) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** A path segment or query value as it travels: percent-encoded junk, broken encodings, raw Latin-1. */
const nastySegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('%00', '%E0%A4%A', '%', '%zz', '%C0%AF', '%ED%A0%80', '%FF%FE', '%2e%2e', '..', '.', '%2F', '%252F', '%0A', '%0D%0A', '%7F', '%20', '+', 'null', '-1', '0', '1e309', '9'.repeat(40), '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', "'%20OR%20'1'%3D'1", '%3Cscript%3E', 'Trondheims_Regionen', 'TRONDHEIMSREGIONEN', 'trondheimsregionen%00', '5031%00', '50311', '５０３１') },
  { weight: 2, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 12 }).map(percentEncoded) },
  { weight: 3, arbitrary: nastyText.filter((text) => text.length < 2000).map(encodedText) },
  { weight: 1, arbitrary: fc.constantFrom('\u00e6', 'caf\u00e9', '\u00ff\u00fe') },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 6000 }).map((length) => 'a'.repeat(length)) },
);

/** A header value Node will send (no control characters but tab, at most Latin-1). */
const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '*', 'W/"x"', '"', '""', '"a", "b"', 'null', '\u00e6\u00f8\u00e5', '\t', 'x'.repeat(4000), '-1', '1e309', "'; DROP TABLE round; --", '<script>'),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((text) => text.replace(/[^\t\x20-\x7e]/g, '')),
);

const NASTY_HEADERS: Record<string, fc.Arbitrary<string>> = {
  'If-Match': fc.oneof(headerValue, fc.constantFrom('"9b2c4e1a-5031-1"', 'W/"0"', '*')),
  'Idempotency-Key': fc.oneof(headerValue, fc.constantFrom('fuzz-key-1', 'k'.repeat(201))),
  'Content-Type': fc.constantFrom(
    'text/plain',
    'application/xml',
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'application/json; charset=utf-32',
    'application/json; charset=',
    'application/json; charset=x-unknown',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'application/merge-patch+json',
    'application/json;;',
    '*/*',
    '',
  ),
  'Content-Encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, identity', 'GZIP', ''),
  Cookie: fc.oneof(
    fc.constantFrom('vedtak_admin=%E0%A4%A', 'vedtak_admin=%', 'vedtak_admin=%00', 'vedtak_admin="', 'vedtak_session=%FF', 'other=%E0%A4%A', 'vedtak_admin=a.b.c', '=', ';;;'),
    headerValue.map((value) => `vedtak_admin=${value}`),
  ),
  Authorization: fc.constantFrom('Bearer', 'Bearer ', 'Bearer a.b.c', 'Basic YWRtaW46YWRtaW4=', 'bearer %00', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'Token x'),
  'Last-Event-ID': headerValue,
  'If-None-Match': headerValue,
  'If-Modified-Since': fc.oneof(headerValue, fc.constantFrom('Thu, 01 Jan 1970 00:00:00 GMT', 'Fri, 31 Dec 9999 23:59:59 GMT')),
  'X-Request-Id': headerValue,
  Accept: fc.constantFrom('text/html', 'application/xml', '*/*;q=0', 'application/problem+json', ''),
  'Content-Length': fc.constantFrom('0', '5'),
};

/** A body as bytes that are not the JSON a form sends. */
const rawBody: fc.Arbitrary<{ type: string; body: Buffer }> = fc.oneof(
  fc
    .constantFrom(
      '{"title": ',
      '{',
      '}',
      '[',
      '',
      'null',
      '"adopted"',
      '42',
      'true',
      '{"a":1,"a":2}',
      '{"reason": "x"} trailing',
      "{'single': 'quotes'}",
      '{"n": 1e999}',
      '{"n": -}',
      '{"n": 0x10}',
      '{"s": "\\ud800"}',
      '{"s": "\\u0000"}',
      '{"s": "\\x00"}',
      '\ufeff{"reason": "bom"}',
      '{"__proto__": {"isAdmin": true}}',
      '{"constructor": {"prototype": {"isAdmin": true}}}',
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
    )
    .map((text) => ({ type: 'application/json', body: Buffer.from(text) })),
  fc.integer({ min: 33, max: 100_000 }).map((depth) => ({ type: 'application/json', body: Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`) })),
  fc.integer({ min: 33, max: 20_000 }).map((depth) => ({ type: 'application/json', body: Buffer.from(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) })),
  // Not UTF-8: a lone continuation byte, an overlong encoding, an encoded surrogate, Latin-1.
  fc.constantFrom([0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe6, 0xf8, 0xe5], [0xff, 0xfe]).map((bytes) => ({
    type: 'application/json',
    body: Buffer.concat([Buffer.from('{"reason": "'), Buffer.from(bytes), Buffer.from('", "note": "x"}')]),
  })),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ type: 'application/json', body: Buffer.from(bytes) })),
  fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml').map((type) => ({ type, body: Buffer.from('reason=x&note=y') })),
);

// ---------------------------------------------------------------------------------------------
// The document: operations, and a well-formed body for each from its schema's examples

class Document {
  constructor(private readonly openApi: OpenApi) {}

  operations(): Operation[] {
    return Object.entries(this.openApi.paths).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        template,
        parameters: operation.parameters ?? [],
        body: operation.requestBody?.content['application/json']?.schema,
      })),
    );
  }

  resolve(schema: Schema): Schema & { format?: string; default?: unknown } {
    if (schema.$ref) return this.resolve(this.openApi.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
    if (schema.allOf?.length === 1) return { ...this.resolve(schema.allOf[0]), example: schema.example ?? this.resolve(schema.allOf[0]).example };
    return schema;
  }

  /** A value the schema allows, taken from its examples: the baseline a mutation spoils. */
  baseline(schema: Schema): unknown {
    const resolved = this.resolve(schema);
    if (resolved.example !== undefined && resolved.type !== 'object') return resolved.example;
    if (resolved.enum) return resolved.enum[0];
    switch (resolved.type) {
      case 'object':
        if (!resolved.properties) return resolved.example ?? {};
        return Object.fromEntries(Object.entries(resolved.properties).map(([name, property]) => [name, this.baseline(property)]));
      case 'array':
        return resolved.items ? [this.baseline(resolved.items)] : [];
      case 'number':
      case 'integer':
        return 1;
      case 'boolean':
        return false;
      default:
        return 'x';
    }
  }
}

/** Every place in a JSON value, as paths of keys: where a field mutation may strike (not inside what an earlier one put there). */
function placesIn(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null || path.length > 4 || (Array.isArray(value) && value.length > 20)) return [path];
  const children = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [path, ...children.flatMap(([key, item]) => placesIn(item, [...path, key]))];
}

function mutated(body: unknown, mutation: Extract<Mutation, { kind: 'field' }>): unknown {
  const root = body ?? {};
  const places = placesIn(root);
  const place = places[mutation.at % places.length];
  if (place.length === 0) {
    if (mutation.action === 'replace') return mutation.value;
    return isRecord(root) ? { ...root, [mutation.name]: mutation.value } : Array.isArray(root) ? [...root, mutation.value] : root;
  }
  // Copied along the path only: what an earlier mutation put there may be nested too deep to clone.
  return changedAt(root, place.slice(0, -1), (parent) => {
    const key = place[place.length - 1];
    const copy = (Array.isArray(parent) ? [...parent] : { ...(parent as Record<string, unknown>) }) as Record<string | number, unknown>;
    if (mutation.action === 'replace') copy[key] = mutation.value;
    else if (mutation.action === 'delete') {
      if (Array.isArray(copy)) copy.splice(Number(key), 1);
      else delete copy[key];
    } else if (isRecord(copy[key])) copy[key] = { ...(copy[key] as Record<string, unknown>), [mutation.name]: mutation.value };
    else if (Array.isArray(copy)) copy.push(mutation.value);
    else copy[mutation.name] = mutation.value;
    return copy;
  });
}

function changedAt(node: unknown, path: Array<string | number>, change: (node: unknown) => unknown): unknown {
  if (path.length === 0) return change(node);
  const [key, ...rest] = path;
  const copy = (Array.isArray(node) ? [...node] : { ...(node as Record<string, unknown>) }) as Record<string | number, unknown>;
  copy[key] = changedAt(copy[key], rest, change);
  return copy;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// ---------------------------------------------------------------------------------------------

describe('hostile input on every operation of the OpenAPI document', () => {
  let api: TestApi;
  let base: { port: number };
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const bearer: Record<Caller, string | undefined> = {} as never;
  const ids = { round: '', version: '' };
  let document: Document;
  let operations: Operation[];
  let tables: string[];

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: NOW });
    // Nest would buffer every log call of the run in memory until the api listens through it.
    api.app.flushLogs();
    ids.round = (await launchFeeRound(api)).id;
    const server = api.http.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = { port: (server.address() as AddressInfo).port };

    bearer.admin = `Bearer ${await adminToken()}`;
    bearer.secretariat = `Bearer ${await secretariatToken(COUNCIL)}`;
    bearer.leader = `Bearer ${await leaderToken(COUNCIL)}`;
    bearer.clerk = `Bearer ${await clerkToken('5031')}`;
    bearer.stranger = `Bearer ${await secretariatToken('innherred', 'fuzz.stranger')}`;
    bearer.expired = `Bearer ${await tokenFor({ roles: [{ role: 'admin' }] }, { expiresInSeconds: -120 })}`;
    bearer.forged = `Bearer ${await tokenFor({ roles: [{ role: 'admin' }] }, { secret: 'not-the-secret-of-this-installation-000000' })}`;
    bearer.nobody = undefined;
    // Signing in records the person once; do it before the digests start, so that it is not taken for a write.
    for (const caller of CALLERS) {
      if (bearer[caller]) await request(api.http).get('/api/me').set('Authorization', bearer[caller]!);
    }

    const versions = await request(api.http).get(`/api/councils/${COUNCIL}/agreement-versions`).set('Authorization', bearer.secretariat).expect(200);
    ids.version = versions.body[0]?.id ?? '00000000-0000-4000-8000-000000000000';

    document = new Document((await request(api.http).get('/api/docs-json').expect(200)).body);
    // The pages for people and the operators' board are outside the document; hostile input reaches them too.
    const beside: Operation[] = [
      { method: 'GET', template: '/public/{slug}', parameters: [{ name: 'slug', in: 'path', required: true }] },
      { method: 'GET', template: '/app/rounds/{id}', parameters: [{ name: 'id', in: 'path', required: true }] },
      { method: 'GET', template: '/admin/queues', parameters: [] },
      { method: 'GET', template: '/', parameters: [] },
    ];
    operations = [...document.operations(), ...beside];
    tables = (
      await api.dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migration' ORDER BY tablename`)
    ).map((row: { tablename: string }) => row.tablename);
  });

  afterAll(async () => {
    agent.destroy();
    await api?.close();
  });

  /** Every row of every table, folded into one string in one query. */
  async function digest(): Promise<string> {
    const parts = tables.map((table) => `(SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "${table}" t)`);
    const [row] = await api.dataSource.query(`SELECT ${parts.join(` || ' ' || `)} AS digest`);
    return row.digest as string;
  }

  const draws = (): fc.Arbitrary<Draw> => {
    const mutation = (operation: Operation): fc.Arbitrary<Mutation> => {
      const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
      const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');
      const choices: Array<fc.WeightedArbitrary<Mutation>> = [
        {
          weight: 2,
          arbitrary: fc.record({ kind: fc.constant('pathSuffix' as const), suffix: fc.oneof(nastySegment.map((segment) => `/${segment}`), fc.constantFrom('/', '//', '/..', '/%2e%2e/%2e%2e', '.json', '%00', '?', '#x')) }),
        },
        { weight: 2, arbitrary: fc.record({ kind: fc.constant('query' as const), name: fc.constant(null), value: nastySegment }) },
        {
          weight: 1,
          arbitrary: fc.record({ kind: fc.constant('rawQuery' as const), query: fc.constantFrom('%', '=', '&&&', 'a=%E0%A4%A', '%00=1', 'a[b]=1', 'a[__proto__][x]=1', 'limit=1&limit=2', 'on=2022-02-30', 'status=open&status=open', 'token=%00', 'x'.repeat(5000)) }),
        },
        {
          weight: 4,
          arbitrary: fc.constantFrom(...Object.keys(NASTY_HEADERS)).chain((name) => NASTY_HEADERS[name].map((value) => ({ kind: 'header' as const, name, value }))),
        },
        { weight: 2, arbitrary: rawBody.map(({ type, body }) => ({ kind: 'rawBody' as const, type, body })) },
      ];
      if (pathParameters.length > 0) {
        choices.push({ weight: 6, arbitrary: fc.record({ kind: fc.constant('path' as const), parameter: fc.nat({ max: pathParameters.length - 1 }), segment: nastySegment }) });
      }
      if (queryParameters.length > 0) {
        choices.push({
          weight: 3,
          arbitrary: fc.record({ kind: fc.constant('query' as const), name: fc.constantFrom(...queryParameters.map((parameter) => parameter.name)), value: nastySegment }),
        });
      }
      if (operation.body || operation.method !== 'GET') {
        choices.push({
          weight: operation.body ? 12 : 2,
          arbitrary: fc.record({
            kind: fc.constant('field' as const),
            at: fc.nat(),
            action: fc.constantFrom('replace' as const, 'replace' as const, 'delete' as const, 'extra' as const),
            value: nastyValue,
            name: fc.oneof(fc.constantFrom('extra', '__proto__', 'constructor', 'a\u0000b', '\ud800', '', 'id', 'status', 'council'), fc.string({ maxLength: 12 })),
          }),
        });
      }
      return fc.oneof(...choices);
    };
    const perOperation = operations.map((operation, index) =>
      fc.record({ operation: fc.constant(index), caller: fc.constantFrom(...CALLERS), mutations: fc.array(mutation(operation), { minLength: 1, maxLength: 3 }) }),
    );
    return fc.nat({ max: operations.length - 1 }).chain((operation) => perOperation[operation]);
  };

  function known(operation: Operation, name: string): string {
    if (name === 'slug') return COUNCIL;
    if (name === 'municipalityNumber') return '5031';
    if (name === 'key') return 'fees-2022';
    if (name === 'effectiveFrom') return '2022-01-01';
    if (name === 'id') {
      if (operation.template.startsWith('/api/rounds/') || operation.template.startsWith('/app/rounds/')) return ids.round;
      if (operation.template.includes('agreement-versions')) return ids.version;
      return '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
    }
    return 'x';
  }

  function concrete(draw: Draw): Concrete {
    const operation = operations[draw.operation];
    const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
    const segments = new Map(pathParameters.map((parameter) => [parameter.name, encodeURIComponent(known(operation, parameter.name))]));
    const query: string[] = [];
    for (const parameter of operation.parameters.filter((each) => each.in === 'query' && each.required)) {
      query.push(`${parameter.name}=${encodeURIComponent(String(parameter.example ?? parameter.schema?.example ?? 'x'))}`);
    }
    const headers: Record<string, string> = {};
    if (bearer[draw.caller]) headers.Authorization = bearer[draw.caller]!;
    let body: unknown = operation.body ? document.baseline(operation.body) : undefined;
    let raw: { type: string; body: Buffer } | undefined;
    let suffix = '';
    for (const mutation of draw.mutations) {
      switch (mutation.kind) {
        case 'path':
          segments.set(pathParameters[mutation.parameter].name, mutation.segment);
          break;
        case 'pathSuffix':
          suffix += mutation.suffix;
          break;
        case 'query':
          query.push(mutation.name === null ? mutation.value : `${mutation.name}=${mutation.value}`);
          break;
        case 'rawQuery':
          query.push(mutation.query);
          break;
        case 'header':
          headers[mutation.name] = mutation.value;
          break;
        case 'field':
          body = mutated(body, mutation);
          break;
        case 'rawBody':
          raw = mutation;
          break;
      }
    }
    const target = operation.template.replace(/\{(\w+)\}/g, (_, name: string) => segments.get(name) ?? 'x') + suffix + (query.length > 0 ? `?${query.join('&')}` : '');
    // Node sends Latin-1 in a path as raw bytes (the api must refuse them as such), and nothing beyond.
    const path = target.replace(/[^\u0021-\u00ff]/gu, (character) => encodedText(character));
    let bytes: Buffer | undefined;
    if (raw) {
      bytes = raw.body;
      headers['Content-Type'] ??= raw.type;
    } else if (body !== undefined) {
      bytes = Buffer.from(JSON.stringify(body));
      headers['Content-Type'] ??= 'application/json';
    }
    // A Content-Length the drawn headers set must not contradict the body Node sends, or the request would not be HTTP.
    if (headers['Content-Length'] !== undefined && !bytes) bytes = Buffer.alloc(Number(headers['Content-Length']), 0x20);
    // Node's client sends a GET's body without Content-Length, which would make it the next request.
    if (bytes) headers['Content-Length'] = String(bytes.length);
    const shown = { ...headers, ...(headers.Authorization ? { Authorization: `Bearer <${draw.caller}>` } : {}) };
    const described = () =>
      `${operation.method} ${truncate(path, 300)} headers=${truncate(JSON.stringify(shown), 300)} body=${bytes ? JSON.stringify(truncate(bytes.subarray(0, 400).toString('latin1'), 300)) : '-'}${bytes && bytes.length > 400 ? ` (${bytes.length} bytes)` : ''}`;
    return { operation: `${operation.method} ${operation.template}`, method: operation.method, path, headers, body: bytes, described };
  }

  function send(fuzzed: Concrete): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest({ host: '127.0.0.1', port: base.port, method: fuzzed.method, path: fuzzed.path, headers: fuzzed.headers, agent }, (response) => {
        // An event stream that was let in stays open: that it began is the answer.
        if (String(response.headers['content-type']).startsWith('text/event-stream')) {
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text: '' });
          outgoing.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      });
      outgoing.setTimeout(15_000, () => outgoing.destroy(new Error('no answer within 15 s')));
      outgoing.on('error', reject);
      outgoing.end(fuzzed.body);
    });
  }

  /** What is wrong with an answer, or undefined. */
  function fault(fuzzed: Concrete, answer: Answer): string | undefined {
    if (answer.status >= 500 || answer.status < 100) return `answered ${answer.status}: ${truncate(answer.text, 300)}`;
    if (answer.status < 400) return undefined;
    // The public status page is for people: an unknown council is a 404 page in HTML, by design.
    if (answer.status === 404 && fuzzed.path.startsWith('/public/') && String(answer.headers['content-type']).startsWith('text/html')) return undefined;
    if (!String(answer.headers['content-type']).startsWith('application/problem+json')) {
      return `answered ${answer.status} as ${answer.headers['content-type']}: ${truncate(answer.text, 200)}`;
    }
    let problem: { type?: unknown; title?: unknown; status?: unknown; detail?: unknown; errors?: unknown };
    try {
      problem = JSON.parse(answer.text);
    } catch {
      return `answered ${answer.status} with a body that is not JSON: ${truncate(answer.text, 200)}`;
    }
    const wellFormed =
      typeof problem.type === 'string' &&
      typeof problem.title === 'string' &&
      problem.status === answer.status &&
      typeof problem.detail === 'string' &&
      (problem.errors === undefined ||
        (Array.isArray(problem.errors) && problem.errors.every((error) => typeof error?.field === 'string' && typeof error?.message === 'string')));
    return wellFormed ? undefined : `answered ${answer.status} with a problem that lacks type, title, status, detail or well-formed errors: ${truncate(answer.text, 300)}`;
  }

  /** Sends them all, IN_FLIGHT at a time, and answers in their order. */
  async function sendAll(fuzzed: Concrete[]): Promise<Answer[]> {
    const answers: Answer[] = new Array(fuzzed.length);
    let next = 0;
    const worker = async () => {
      while (next < fuzzed.length) {
        const index = next++;
        answers[index] = await send(fuzzed[index]).catch((error: Error): Answer => ({ status: 0, headers: {}, text: `the request failed: ${error.message}` }));
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    return answers;
  }

  it(`answers ${RUNS} hostile requests without a 5xx, every 4xx as problem+json, and a refused request writes nothing`, async () => {
    expect(operations.length).toBeGreaterThan(30);
    const arbitrary = draws();
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const reached = new Set<string>();
    let sent = 0;
    let provenUnwritten = 0;
    let before = await digest();
    for (let batch = 0; sent < RUNS; batch++) {
      const fuzzed = fc.sample(arbitrary, { seed: SEED + batch, numRuns: Math.min(BATCH, RUNS - sent) }).map(concrete);
      const answers = await sendAll(fuzzed);
      sent += fuzzed.length;
      fuzzed.forEach((each, index) => {
        const answer = answers[index];
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        reached.add(each.operation);
        const wrong = fault(each, answer);
        if (wrong && failures.length < 30) failures.push(`[seed ${SEED}, batch ${batch}] ${each.described()} → ${wrong}`);
      });
      const after = await digest();
      const readOnly = fuzzed.every((each, index) => answers[index].status >= 400 || each.method === 'GET');
      if (readOnly) {
        provenUnwritten += fuzzed.length;
        if (after !== before && failures.length < 30) {
          failures.push(`[seed ${SEED}, batch ${batch}] refused requests wrote to the database: ${fuzzed.map((each) => each.described()).join(' | ')}`);
        }
      }
      before = after;
    }
    // Printed so that a failure names the seed to run it again with: FUZZ_SEED=<seed>.
    expect({ seed: SEED, failures }).toEqual({ seed: SEED, failures: [] });
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    expect(reached.size).toBe(operations.length);
    // Most batches are all refusals and reads; those prove that the refusals among them wrote nothing.
    expect(provenUnwritten / sent).toBeGreaterThan(0.6);
    expect([...statuses.keys()].some((status) => status >= 400 && status < 500)).toBe(true);
  }, 300_000);
});

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}… (${text.length} characters)` : text;
}
