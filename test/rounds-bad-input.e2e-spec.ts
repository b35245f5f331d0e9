import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { ROUND_TABLES, tableDigests } from './support/table-digest';
import { COUNCIL, decision, launchFeeRound } from './support/round-story';
import { adminToken, clerkToken, secretariatToken } from './support/tokens';

// Bad input on every rounds endpoint: a 4xx application/problem+json with type, title, status and
// detail, `errors[].field` naming the field at fault, and nothing written. "Today" is 2022-11-25 in
// Oslo; the round under test was launched on 2022-11-01 and is open, its deadline 2022-12-15;
// Malvik (5031) is one of its members.

const NOW = '2022-11-25T12:00:00+01:00';
/** The round under test was launched on 1 November 2022, the day after this. */
const LAUNCHED = '2022-11-01T09:00:00+01:00';
const INNHERRED = 'innherred';


type Caller = 'secretariat' | 'clerk' | 'innherred';

interface Ids {
  round: string;
  draftVersion: string;
}

interface BadRequest {
  name: string;
  method: 'get' | 'post' | 'put';
  path: (ids: Ids) => string;
  as: Caller;
  /** A JSON body; `raw` sends bytes as they are instead. */
  body?: unknown;
  raw?: { type: string; text: string };
  headers?: Record<string, string>;
  status: number;
  /** Exactly the fields `errors[]` must name ([] for a problem without field errors; undefined: not checked). */
  fields?: string[];
  code?: string;
  detail?: RegExp;
}

const FEES = { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2024-01-01' };
const LAUNCH = { subject: FEES, deadline: '2022-12-15' };
const ADOPTED = decision('adopted', '2022-11-24');
const VOTES = { for: 30, against: 5, blank: 0 };

const launchPath = () => `/api/councils/${COUNCIL}/rounds`;
const listPath = () => `/api/councils/${COUNCIL}/rounds`;
const decisionPath = (nr = '5031') => (ids: Ids) => `/api/rounds/${ids.round}/decisions/${nr}`;
const commandPath = (command: 'extend' | 'withdraw' | 'expire') => (ids: Ids) => `/api/rounds/${ids.round}/${command}`;

function without<T extends Record<string, unknown>>(value: T, ...keys: string[]): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key))) as Partial<T>;
}

const launch = (name: string, body: unknown, status: number, fields: string[] = [], extra: Partial<BadRequest> = {}): BadRequest => ({
  name: `launch: ${name}`,
  method: 'post',
  path: launchPath,
  as: 'secretariat',
  body,
  status,
  fields,
  ...extra,
});
const subject = (changes: Record<string, unknown>) => ({ ...LAUNCH, subject: { ...FEES, ...changes } });

const put = (name: string, body: unknown, status: number, fields: string[] = [], extra: Partial<BadRequest> = {}): BadRequest => ({
  name: `register: ${name}`,
  method: 'put',
  path: decisionPath(),
  as: 'clerk',
  body,
  status,
  fields,
  ...extra,
});

const command = (
  which: 'extend' | 'withdraw' | 'expire',
  name: string,
  body: unknown,
  status: number,
  fields: string[] = [],
  extra: Partial<BadRequest> = {},
): BadRequest => ({ name: `${which}: ${name}`, method: 'post', path: commandPath(which), as: 'secretariat', body, status, fields, ...extra });

const read = (name: string, path: (ids: Ids) => string, status: number, fields: string[] = [], code?: string): BadRequest => ({
  name,
  method: 'get',
  path,
  as: 'secretariat',
  status,
  fields,
  code,
});

const LAUNCH_CASES: BadRequest[] = [
  launch('an empty body', {}, 400, ['subject', 'deadline']),
  launch('no subject', without(LAUNCH, 'subject'), 400, ['subject']),
  launch('no deadline', without(LAUNCH, 'deadline'), 400, ['deadline']),
  launch('subject as a string', { ...LAUNCH, subject: 'fees' }, 400, ['subject']),
  launch('subject as a list', { ...LAUNCH, subject: [FEES] }, 400, ['subject']),
  launch('no subject.type', { ...LAUNCH, subject: without(FEES, 'type') }, 400, ['subject.type']),
  launch('an unknown subject.type', subject({ type: 'x' }), 400, ['subject.type']),
  launch('fees without a total', { ...LAUNCH, subject: without(FEES, 'total') }, 400, ['subject.total']),
  launch('fees without a cost key', { ...LAUNCH, subject: without(FEES, 'costKey') }, 400, ['subject.costKey']),
  launch('fees without an effective date', { ...LAUNCH, subject: without(FEES, 'effectiveFrom') }, 400, ['subject.effectiveFrom']),
  launch('the total as a JSON number', subject({ total: 10000000 }), 400, ['subject.total'], { detail: /cannot be accepted/ }),
  launch('the total with three decimals', subject({ total: '10000000.005' }), 400, ['subject.total']),
  launch('a negative total', subject({ total: '-10000000.00' }), 400, ['subject.total']),
  launch('the total in exponent notation', subject({ total: '1e7' }), 400, ['subject.total']),
  launch('a total beyond NOK 10^15', subject({ total: '10000000000000000.00' }), 400, ['subject.total']),
  launch('the cost key as a number', subject({ costKey: 2022 }), 400, ['subject.costKey']),
  launch('an empty cost key', subject({ costKey: '' }), 400, ['subject.costKey']),
  launch('an effective date that does not exist', subject({ effectiveFrom: '2023-02-30' }), 400, ['subject.effectiveFrom']),
  launch('an unknown roundTo', subject({ roundTo: 'cent' }), 400, ['subject.roundTo']),
  launch('an unknown field in the subject', subject({ colour: 'red' }), 400, ['subject.colour']),
  launch('an agreement without a version', { ...LAUNCH, subject: { type: 'agreement' } }, 400, ['subject.versionId']),
  launch('an agreement version that is not an id', { ...LAUNCH, subject: { type: 'agreement', versionId: 'v1' } }, 400, ['subject.versionId']),
  launch('a deadline written the Norwegian way', { ...LAUNCH, deadline: '15.12.2022' }, 400, ['deadline']),
  launch('a deadline as a number', { ...LAUNCH, deadline: 20221215 }, 400, ['deadline']),
  launch('reminder days as a string', { ...LAUNCH, reminderDaysBefore: '14,7,1' }, 400, ['reminderDaysBefore']),
  launch('reminder days with a fraction', { ...LAUNCH, reminderDaysBefore: [14, 1.5] }, 400, ['reminderDaysBefore']),
  launch('negative reminder days', { ...LAUNCH, reminderDaysBefore: [-1] }, 400, ['reminderDaysBefore']),
  launch('reminder days as strings', { ...LAUNCH, reminderDaysBefore: ['14'] }, 400, ['reminderDaysBefore']),
  launch('the title as a number', { ...LAUNCH, title: 2023 }, 400, ['title']),
  launch('an empty title', { ...LAUNCH, title: '' }, 400, ['title']),
  launch('a blank title', { ...LAUNCH, title: '   ' }, 400, ['title']),
  launch('expiresAutomatically as a string', { ...LAUNCH, expiresAutomatically: 'yes' }, 400, ['expiresAutomatically']),
  launch('an unknown field', { ...LAUNCH, electorate: ['5001'] }, 400, ['electorate']),
  launch('a body that is a JSON list', [LAUNCH], 400, [''], { detail: /JSON object, not a list/ }),
  launch('a deadline in the past', { ...LAUNCH, deadline: '2022-11-24' }, 422, ['deadline'], { code: 'ROUND.DEADLINE_IN_PAST' }),
  launch('a cost key the council does not have', subject({ costKey: 'fees-1999' }), 422, ['subject.costKey'], { code: 'COST_KEY.NOT_FOUND' }),
  launch('a total with øre shared in whole kroner', subject({ total: '10000000.50', roundTo: 'krone' }), 422, ['subject.total'], {
    code: 'ALLOCATION.TOTAL_NOT_WHOLE_KRONER',
  }),
  launch('an effective date that already has a fee schedule', subject({ effectiveFrom: '2022-01-01' }), 409, ['subject.effectiveFrom'], {
    code: 'FEES.EFFECTIVE_DATE_TAKEN',
  }),
  launch(
    'an agreement version the council does not have',
    { ...LAUNCH, subject: { type: 'agreement', versionId: '00000000-0000-4000-8000-000000000000' } },
    422,
    ['subject.versionId'],
    { code: 'AGREEMENT_VERSION.NOT_FOUND' },
  ),
  {
    ...launch('a cost key that no longer covers the members', { ...LAUNCH, subject: { ...FEES, costKey: 'even' } }, 422, ['subject.costKey']),
    path: () => `/api/councils/${INNHERRED}/rounds`,
    as: 'innherred',
    code: 'COST_KEY.OUT_OF_DATE',
  },
  {
    ...launch('a malformed council slug', LAUNCH, 400, ['slug']),
    path: () => '/api/councils/Trondheims_Regionen/rounds',
  },
  { ...launch('a council that does not exist', LAUNCH, 404), path: () => '/api/councils/nowhere/rounds', code: 'COUNCIL.NOT_FOUND' },
];

const READ_CASES: BadRequest[] = [
  read('list: an unknown status', () => `${listPath()}?status=foo`, 400, ['status']),
  read('list: two statuses', () => `${listPath()}?status=open&status=approved`, 400, ['status']),
  read('list: an unknown query parameter', () => `${listPath()}?page=2`, 400, ['page']),
  read('list: a malformed council slug', () => '/api/councils/Trondheims_Regionen/rounds', 400, ['slug']),
  read('round: a malformed id', () => '/api/rounds/not-a-round', 400, ['id']),
  read('round: an id that is no round', () => '/api/rounds/00000000-0000-4000-8000-000000000000', 404, [], 'ROUND.NOT_FOUND'),
  read('decision: a malformed round id', () => '/api/rounds/42/decisions/5031', 400, ['id']),
  read('decision: a malformed kommunenummer', decisionPath('50a1'), 400, ['municipalityNumber']),
  read('decision: a municipality not in the round', decisionPath('9999'), 404, [], 'DECISION.NOT_IN_ELECTORATE'),
  read('events: a malformed id', () => '/api/rounds/not-a-round/events', 400, ['id']),
];

const REGISTER_CASES: BadRequest[] = [
  put('an empty body', {}, 400, ['decision', 'meetingDate']),
  put('no decision', without(ADOPTED, 'decision'), 400, ['decision']),
  put('no meeting date', without(ADOPTED, 'meetingDate'), 400, ['meetingDate']),
  put('an unknown decision', { ...ADOPTED, decision: 'maybe' }, 400, ['decision']),
  put('"pending", which is no registration', { ...ADOPTED, decision: 'pending' }, 400, ['decision']),
  put('the decision as a number', { ...ADOPTED, decision: 1 }, 400, ['decision']),
  put('a meeting date as a number', { ...ADOPTED, meetingDate: 20221124 }, 400, ['meetingDate']),
  put('a meeting date that does not exist', { ...ADOPTED, meetingDate: '2022-11-31' }, 400, ['meetingDate']),
  put('the case number as a number', { ...ADOPTED, caseNumber: 20221234 }, 400, ['caseNumber']),
  put('the protocol reference as a list', { ...ADOPTED, protocolRef: ['protokoll'] }, 400, ['protocolRef']),
  put('the body as a number', { ...ADOPTED, body: 1 }, 400, ['body']),
  put('the note as an object', { ...ADOPTED, note: { text: 'x' } }, 400, ['note']),
  put('the reason as a number', { ...ADOPTED, reason: 1 }, 400, ['reason']),
  put('votes as a string', { ...ADOPTED, votes: '30-5-0' }, 400, ['votes']),
  put('negative votes', { ...ADOPTED, votes: { ...VOTES, against: -5 } }, 400, ['votes.against']),
  put('votes as strings', { ...ADOPTED, votes: { ...VOTES, for: '30' } }, 400, ['votes.for']),
  put('votes with a fraction', { ...ADOPTED, votes: { ...VOTES, blank: 0.5 } }, 400, ['votes.blank']),
  put('votes without the blank count', { ...ADOPTED, votes: without(VOTES, 'blank') }, 400, ['votes.blank']),
  put('an unknown field in the votes', { ...ADOPTED, votes: { ...VOTES, absent: 2 } }, 400, ['votes.absent']),
  put('an unknown field', { ...ADOPTED, decidedBy: 'formannskap' }, 400, ['decidedBy']),
  put('NUL in the case number', { ...ADOPTED, caseNumber: '2022/\u00001234' }, 400, ['caseNumber']),
  put('NUL in the note', { ...ADOPTED, note: 'a\u0000b' }, 400, ['note']),
  put('a lone surrogate in the protocol reference', { ...ADOPTED, protocolRef: 'protokoll \udc00' }, 400, ['protocolRef']),
  put('an escape character in the note', { ...ADOPTED, note: '\u001b[2J' }, 400, ['note']),
  put('a body that is a JSON list', [ADOPTED], 400, [''], { detail: /JSON object, not a list/ }),
  put('an empty JSON list as the body', [], 400, ['']),
  put('a next meeting date with an adoption', { ...ADOPTED, nextMeetingDate: '2022-12-08' }, 422, ['nextMeetingDate'], {
    code: 'DECISION.NEXT_MEETING_DATE_NOT_POSTPONED',
  }),
  put('a next meeting date with a scheduled meeting', decision('scheduled', '2022-12-01', { nextMeetingDate: '2022-12-08' }), 422, ['nextMeetingDate'], {
    code: 'DECISION.NEXT_MEETING_DATE_NOT_POSTPONED',
  }),
  put('a decision dated in the future', decision('adopted', '2022-11-26'), 422, ['meetingDate'], { code: 'DECISION.MEETING_DATE_IN_FUTURE' }),
  put('a decision from the formannskap', { ...ADOPTED, body: 'formannskap' }, 422, ['body'], { code: 'DECISION.BODY_NOT_ALLOWED' }),
  put('a rejection from the formannskap', decision('rejected', '2022-11-24', { body: 'formannskap' }), 422, ['body'], {
    code: 'DECISION.BODY_NOT_ALLOWED',
  }),
  put('a meeting scheduled in the formannskap', decision('scheduled', '2022-12-08', { body: 'formannskap' }), 422, ['body'], {
    code: 'DECISION.BODY_NOT_ALLOWED',
  }),
  put('a meeting scheduled in the past', decision('scheduled', '2022-11-24'), 422, ['meetingDate'], {
    code: 'DECISION.MEETING_DATE_NOT_IN_FUTURE',
  }),
  put('a meeting scheduled today', decision('scheduled', '2022-11-25'), 422, ['meetingDate']),
  put('a postponement to a next meeting in the past', decision('postponed', '2022-11-24', { nextMeetingDate: '2022-11-20' }), 422, [
    'nextMeetingDate',
  ]),
  put('a decision without a case number', without(ADOPTED, 'caseNumber'), 422, ['caseNumber'], { code: 'DECISION.MISSING_FIELD' }),
  put('a decision with a blank protocol reference', { ...ADOPTED, protocolRef: '   ' }, 422, ['protocolRef']),
  put('more votes than a number holds exactly', { ...ADOPTED, votes: { ...VOTES, for: 2 ** 60 } }, 422, ['votes'], {
    code: 'DECISION.INVALID_VOTES',
  }),
  put('a refused decision with an Idempotency-Key', { ...ADOPTED, body: 'formannskap' }, 422, ['body'], {
    headers: { 'Idempotency-Key': 'refused-1' },
  }),
  put('an Idempotency-Key with spaces', ADOPTED, 400, ['Idempotency-Key'], { headers: { 'Idempotency-Key': 'two words' } }),
  put('an Idempotency-Key of 201 characters', ADOPTED, 400, ['Idempotency-Key'], { headers: { 'Idempotency-Key': 'k'.repeat(201) } }),
  put('a stale If-Match', ADOPTED, 412, [], { headers: { 'If-Match': '"not-the-current-one"' }, code: 'DECISION.STALE' }),
  {
    ...put('a municipality that is not in the round, by the secretariat', ADOPTED, 404, [], { code: 'DECISION.NOT_IN_ELECTORATE' }),
    path: decisionPath('9999'),
    as: 'secretariat',
  },
  {
    ...put('a municipality that is not in the round, by a clerk', ADOPTED, 404, [], { code: 'DECISION.NOT_IN_ELECTORATE' }),
    path: decisionPath('9999'),
  },
  { ...put('a malformed kommunenummer', ADOPTED, 400, ['municipalityNumber']), path: decisionPath('50a1') },
  { ...put('a five-digit kommunenummer', ADOPTED, 400, ['municipalityNumber']), path: decisionPath('50311') },
  { ...put('a malformed round id', ADOPTED, 400, ['id']), path: () => '/api/rounds/round-1/decisions/5031' },
  {
    ...put('a round that does not exist', ADOPTED, 404, [], { code: 'ROUND.NOT_FOUND' }),
    path: () => '/api/rounds/00000000-0000-4000-8000-000000000000/decisions/5031',
  },
];

const COMMAND_CASES: BadRequest[] = [
  command('extend', 'an empty body', {}, 400, ['deadline', 'reason']),
  command('extend', 'no reason', { deadline: '2023-01-31' }, 400, ['reason']),
  command('extend', 'an empty reason', { deadline: '2023-01-31', reason: '' }, 400, ['reason']),
  command('extend', 'a blank reason', { deadline: '2023-01-31', reason: '   ' }, 400, ['reason']),
  command('extend', 'the reason as a number', { deadline: '2023-01-31', reason: 42 }, 400, ['reason']),
  command('extend', 'a deadline that does not exist', { deadline: '2023-02-29', reason: 'x' }, 400, ['deadline']),
  command('extend', 'an unknown field', { deadline: '2023-01-31', reason: 'x', reminderDaysBefore: [7] }, 400, ['reminderDaysBefore']),
  command('extend', 'a deadline in the past', { deadline: '2022-11-01', reason: 'x' }, 422, ['deadline'], { code: 'ROUND.DEADLINE_IN_PAST' }),
  command('extend', 'a deadline before the current one', { deadline: '2022-12-01', reason: 'x' }, 422, ['deadline'], {
    code: 'ROUND.DEADLINE_NOT_LATER',
  }),
  command('extend', 'the same deadline', { deadline: '2022-12-15', reason: 'x' }, 422, ['deadline'], { code: 'ROUND.DEADLINE_NOT_LATER' }),
  { ...command('extend', 'a malformed round id', { deadline: '2023-01-31', reason: 'x' }, 400, ['id']), path: () => '/api/rounds/x/extend' },
  command('withdraw', 'an empty body', {}, 400, ['reason']),
  command('withdraw', 'an empty reason', { reason: '' }, 400, ['reason']),
  command('withdraw', 'a blank reason', { reason: '  \t ' }, 400, ['reason']),
  command('withdraw', 'the reason as a list', { reason: ['budsjett'] }, 400, ['reason']),
  command('withdraw', 'an unknown field', { reason: 'x', status: 'withdrawn' }, 400, ['status']),
  { ...command('withdraw', 'a malformed round id', { reason: 'x' }, 400, ['id']), path: () => '/api/rounds/x/withdraw' },
  command('expire', 'the reason as a number', { reason: 1 }, 400, ['reason']),
  command('expire', 'an unknown field', { reason: 'x', at: '2022-12-16' }, 400, ['at']),
  command('expire', 'before the deadline has passed', {}, 409, [], { code: 'ROUND.DEADLINE_NOT_PASSED' }),
  { ...command('expire', 'a malformed round id', {}, 400, ['id']), path: () => '/api/rounds/x/expire' },
];

/** Every endpoint with a body, for what the body parser refuses before any controller runs. */
const WITH_BODY: Array<Pick<BadRequest, 'name' | 'method' | 'path' | 'as'>> = [
  { name: 'launch', method: 'post', path: launchPath, as: 'secretariat' },
  { name: 'register', method: 'put', path: decisionPath(), as: 'clerk' },
  { name: 'extend', method: 'post', path: commandPath('extend'), as: 'secretariat' },
  { name: 'withdraw', method: 'post', path: commandPath('withdraw'), as: 'secretariat' },
  { name: 'expire', method: 'post', path: commandPath('expire'), as: 'secretariat' },
];

const BODY_PARSER_CASES: BadRequest[] = WITH_BODY.flatMap((endpoint) => [
  { ...endpoint, name: `${endpoint.name}: malformed JSON`, raw: { type: 'application/json', text: '{"reason": "x",' }, status: 400, code: undefined },
  { ...endpoint, name: `${endpoint.name}: a JSON list as the body`, raw: { type: 'application/json', text: '[{"reason": "x"}]' }, status: 400, fields: [''] },
  { ...endpoint, name: `${endpoint.name}: a JSON string as the body`, raw: { type: 'application/json', text: '"adopted"' }, status: 400 },
  { ...endpoint, name: `${endpoint.name}: a body over 256 kB`, body: { reason: 'x'.repeat(300_000), note: 'x' }, status: 413 },
  // Refused before the body is validated, so the fields named are exactly the ones at fault.
  { ...endpoint, name: `${endpoint.name}: NUL in the reason`, body: { reason: 'a\u0000b' }, status: 400, fields: ['reason'], detail: /reason/ },
  { ...endpoint, name: `${endpoint.name}: a lone surrogate in the reason`, body: { reason: '\ud800' }, status: 400, fields: ['reason'] },
  {
    ...endpoint,
    name: `${endpoint.name}: JSON nested 2 000 deep`,
    raw: { type: 'application/json', text: `{"reason": ${'['.repeat(2000)}${']'.repeat(2000)}}` },
    status: 400,
    fields: [`reason${'.0'.repeat(31)}`],
  },
  { ...endpoint, name: `${endpoint.name}: a gzip body that is not gzip`, body: { reason: 'x' }, headers: { 'Content-Encoding': 'gzip' }, status: 400, fields: ['Content-Encoding'] },
]);

/** The problem type each refusal before validation must carry. */
const HOSTILE_TYPES: Array<[RegExp, string]> = [
  [/NUL|lone surrogate|escape character/, '/problems/invalid-text'],
  [/nested/, '/problems/too-deep'],
  [/gzip/, '/problems/unsupported-encoding'],
];

const ALL_CASES = [...LAUNCH_CASES, ...READ_CASES, ...REGISTER_CASES, ...COMMAND_CASES, ...BODY_PARSER_CASES];

describe('bad input on the rounds endpoints', () => {
  let api: TestApi;
  const ids: Ids = { round: '', draftVersion: '' };
  const bearer: Record<Caller, string> = {} as never;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: NOW });
    bearer.secretariat = `Bearer ${await secretariatToken(COUNCIL)}`;
    bearer.clerk = `Bearer ${await clerkToken('5031')}`;
    bearer.innherred = `Bearer ${await secretariatToken(INNHERRED)}`;
    const admin = `Bearer ${await adminToken()}`;

    api.clock.set(LAUNCHED);
    ids.round = (await launchFeeRound(api)).id;
    api.clock.set(NOW);

    // A council whose cost key no longer covers its members: Inderøy joined after the key was saved.
    await request(api.http).post('/api/councils').set('Authorization', admin).send({ slug: INNHERRED, name: 'Innherred' }).expect(201);
    await request(api.http)
      .put(`/api/councils/${INNHERRED}/members/5035`)
      .set('Authorization', admin)
      .send({ name: 'Stjørdal', joinedOn: '2020-01-01', representatives: 2 })
      .expect(201);
    await request(api.http)
      .put(`/api/councils/${INNHERRED}/cost-keys/even`)
      .set('Authorization', bearer.innherred)
      .send({ weights: { '5035': '1' } })
      .expect(200);
    await request(api.http)
      .put(`/api/councils/${INNHERRED}/members/5053`)
      .set('Authorization', admin)
      .send({ name: 'Inderøy', joinedOn: '2022-01-01', representatives: 2 })
      .expect(201);

    // A draft that answers § 18-4 except c) and g).
    const draft = await request(api.http)
      .post(`/api/councils/${COUNCIL}/agreement-versions`)
      .set('Authorization', bearer.secretariat)
      .send({
        title: 'Utkast uten c og g',
        effectiveFrom: '2023-01-01',
        sections: [{ ref: '§ 1', heading: 'Navn', text: 'Rådets navn er Trondheimsregionen.' }],
        minimumContent: { a: '§ 1', b: '§ 2', d: '§ 3', e: '§ 4', f: '§ 9', h: '§ 12' },
      })
      .expect(201);
    ids.draftVersion = draft.body.id;
  });

  afterAll(() => api?.close());

  /** Every row of the round tables, so that a refused request can be shown to have changed nothing. */
  const snapshot = () => tableDigests(api.dataSource, ROUND_TABLES);

  function send(bad: Pick<BadRequest, 'method' | 'path' | 'as' | 'body' | 'raw' | 'headers'>): request.Test {
    const test = request(api.http)[bad.method](bad.path(ids)).set('Authorization', bearer[bad.as]);
    if (bad.headers) test.set(bad.headers);
    if (bad.raw) return test.set('Content-Type', bad.raw.type).send(bad.raw.text);
    return bad.body === undefined ? test : test.send(bad.body as object);
  }

  function expectProblem(response: request.Response, bad: BadRequest): void {
    expect({ status: response.status, body: response.body }).toMatchObject({ status: bad.status });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: expect.any(String),
      title: expect.any(String),
      status: bad.status,
      detail: expect.any(String),
    });
    if (bad.fields) {
      const named = [...new Set((response.body.errors ?? []).map((error: { field: string }) => error.field))].sort();
      expect(named).toEqual([...bad.fields].sort());
    }
    for (const error of response.body.errors ?? []) expect(error.message).toEqual(expect.any(String));
    if (bad.code) expect(response.body.code).toBe(bad.code);
    if (bad.detail) expect(response.body.detail).toMatch(bad.detail);
    const hostile = HOSTILE_TYPES.find(([name]) => name.test(bad.name));
    if (hostile) expect(response.body.type).toBe(hostile[1]);
  }

  it.each(ALL_CASES)('$name → $status, nothing written', async (bad) => {
    const before = await snapshot();
    const response = await send(bad);
    expectProblem(response, bad);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to launch a version lacking items of § 18-4 with 422 naming c and g, and writes nothing', async () => {
    const before = await snapshot();
    const response = await send({
      method: 'post',
      path: launchPath,
      as: 'secretariat',
      body: { ...LAUNCH, subject: { type: 'agreement', versionId: ids.draftVersion } },
    });
    expectProblem(response, { name: '', method: 'post', path: launchPath, as: 'secretariat', status: 422, fields: ['subject.versionId'] });
    expect(response.body).toMatchObject({ code: 'AGREEMENT.MINIMUM_CONTENT_MISSING', details: { missing: ['c', 'g'] } });
    expect(response.body.detail).toContain('c) how many members each participant has');
    expect(response.body.detail).toContain('g) how a participant withdraws');
    expect(await snapshot()).toEqual(before);
  });

  it('still takes good input on the same round afterwards: the refusals left it as it was', async () => {
    const round = await request(api.http).get(`/api/rounds/${ids.round}`).set('Authorization', bearer.secretariat).expect(200);
    expect(round.body).toMatchObject({ status: 'open', deadline: '2022-12-15', statusReason: null });
    expect(round.body.progress).toMatchObject({ total: 8, pending: 8 });
    const events = await request(api.http).get(`/api/rounds/${ids.round}/events`).set('Authorization', bearer.secretariat).expect(200);
    expect(events.body.map((event: { type: string }) => event.type)).toEqual(['round.launched']);

    const registered = await send({ method: 'put', path: decisionPath(), as: 'clerk', body: ADOPTED, headers: { 'Idempotency-Key': 'refused-1' } });
    expect(registered.status).toBe(200);
    expect(registered.body.member).toMatchObject({ status: 'adopted', decision: { revision: 1 } });
  });
});
