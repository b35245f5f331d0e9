import { AddressInfo, connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { COUNCIL, decision, launchFeeRound } from './support/round-story';
import { COUNCIL_TABLES, ROUND_TABLES, tableDigests } from './support/table-digest';
import { adminToken, clerkToken, secretariatToken, tokenWithPayload } from './support/tokens';

// Errors raised before a controller runs are problem+json with their reason too, and so is input
// no controller should ever have to read: NUL and other control characters, lone surrogates,
// bodies nested thousands deep, undecodable paths, queries and cookies, compressed bodies. A 5xx
// is logged with the error and the request id, never with the SQL parameters it carried.

const NOW = '2022-11-25T12:00:00+01:00';
const TABLES = [...new Set([...ROUND_TABLES, ...COUNCIL_TABLES])];

/** For supertest's serialize(): sends a Buffer as its bytes rather than as JSON. */
const asBytes = ((bytes: Buffer) => bytes) as unknown as (body: unknown) => string;

interface Refusal {
  status: number;
  type: string;
  /** Exactly the fields `errors` names; undefined: none. */
  fields?: string[];
  detail?: RegExp;
}

describe('errors of the HTTP layer', () => {
  let api: TestApi;
  let token: string;
  let clerk: string;
  let admin: string;
  let round: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    // Error-level logs on, written to this suite rather than stdout: the 5xx test reads them.
    api = await startTestApi({ seed: true, now: NOW, env: { LOG_LEVEL: 'error' } });
    // Nest buffers what its Logger writes until the api listens; these tests read it at once.
    api.app.flushLogs();
    (PinoLogger.root as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = { write: (line: string) => logLines.push(line) };
    token = `Bearer ${await secretariatToken(COUNCIL)}`;
    clerk = `Bearer ${await clerkToken('5031')}`;
    admin = `Bearer ${await adminToken()}`;
    round = (await launchFeeRound(api)).id;
  });

  afterAll(() => api?.close());

  function expectRefused(response: request.Response, refusal: Refusal): void {
    expect({ status: response.status, body: response.body }).toMatchObject({ status: refusal.status, body: { type: refusal.type } });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ title: expect.any(String), status: refusal.status, detail: expect.any(String) });
    const fields = (response.body.errors ?? []).map((error: { field: string; message: string }) => {
      expect(error.message).toEqual(expect.any(String));
      return error.field;
    });
    if (refusal.fields) expect([...new Set(fields)]).toEqual(refusal.fields);
    if (refusal.detail) expect(response.body.detail).toMatch(refusal.detail);
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
  }

  it('answers malformed JSON with 400 /problems/malformed-json', async () => {
    const response = await request(api.http)
      .post('/api/councils/trondheimsregionen/rounds')
      .set('Authorization', token)
      .set('Content-Type', 'application/json')
      .send('{"subject": ');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: '/problems/malformed-json', detail: 'The request body is not valid JSON.' });
  });

  it('answers an oversized body with 413 /problems/body-too-large', async () => {
    const response = await request(api.http)
      .post('/api/councils/trondheimsregionen/rounds')
      .set('Authorization', token)
      .send({ title: 'x'.repeat(300_000) });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ type: '/problems/body-too-large', status: 413 });
  });

  it('answers an unknown path with 404 problem+json', async () => {
    const response = await request(api.http).get('/api/nowhere').set('Authorization', token);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  describe('text the api does not take, in every kind of field, refused before anything is written', () => {
    const launch = (title: string) => ({
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2024-01-01' },
      deadline: '2022-12-15',
      title,
    });
    const fields: Array<{ name: string; field: string; send: (text: string) => request.Test }> = [
      { name: 'a decision’s note', field: 'note', send: (text) => put(decision('adopted', '2022-11-24', { note: text })) },
      { name: 'a decision’s case number', field: 'caseNumber', send: (text) => put({ ...decision('adopted', '2022-11-24'), caseNumber: text }) },
      { name: 'a council’s name', field: 'name', send: (text) => request(api.http).post('/api/councils').set('Authorization', admin).send({ slug: 'nul-council', name: text }) },
      { name: 'a round’s title', field: 'title', send: (text) => request(api.http).post(`/api/councils/${COUNCIL}/rounds`).set('Authorization', token).send(launch(text)) },
      { name: 'the reason to extend', field: 'reason', send: (text) => request(api.http).post(`/api/rounds/${round}/extend`).set('Authorization', token).send({ deadline: '2022-12-20', reason: text }) },
    ];
    const put = (body: object) => request(api.http).put(`/api/rounds/${round}/decisions/5031`).set('Authorization', clerk).send(body);

    const texts: Array<[string, string, RegExp]> = [
      ['a NUL character', 'a\u0000b', /control character \(U\+0000\)/],
      ['a lone surrogate', 'a\ud800b', /lone surrogate \(U\+D800\)/],
      ['an escape character', 'red \u001b[31m', /control character \(U\+001B\)/],
      ['a vertical tab', 'a\u000bb', /control character \(U\+000B\)/],
    ];

    describe.each(fields)('$name', ({ field, send }) => {
      it.each(texts)('with %s: 400 /problems/invalid-text naming the field, nothing written', async (_, text, message) => {
        const before = await tableDigests(api.dataSource, TABLES);
        const response = await send(text);
        expectRefused(response, { status: 400, type: '/problems/invalid-text', fields: [field], detail: new RegExp(field) });
        expect(response.body.errors[0].message).toMatch(message);
        expect(await tableDigests(api.dataSource, TABLES)).toEqual(before);
      });
    });

    it('names the JSON path of text deep in a body, and of a field name', async () => {
      const response = await request(api.http)
        .post(`/api/councils/${COUNCIL}/agreement-versions`)
        .set('Authorization', token)
        .send({
          title: 'Samarbeidsavtale',
          effectiveFrom: '2023-01-01',
          sections: [{ ref: '§ 1', heading: 'Navn', text: 'ok' }, { ref: '§ 2', heading: 'Formål', text: 'x\u0000' }],
          minimumContent: { a: '§ 1', ['b\u0000']: '§ 2' },
        });
      expectRefused(response, { status: 400, type: '/problems/invalid-text', fields: ['sections.1.text', 'minimumContent.b\u0000'] });
    });

    it('keeps tab and line breaks, which a note runs over', async () => {
      const response = await put(decision('adopted', '2022-11-24', { note: 'Vedtatt:\n\t1. Ja\r\n\t2. Ja — 👍🏽, ‏עברית‏, e\u0301' }));
      expect(response.status).toBe(200);
      expect(response.body.member.decision.note).toBe('Vedtatt:\n\t1. Ja\r\n\t2. Ja — 👍🏽, ‏עברית‏, e\u0301');
    });

    it('refuses a body that is not UTF-8 rather than storing U+FFFD', async () => {
      const before = await tableDigests(api.dataSource, TABLES);
      const response = await request(api.http)
        .post(`/api/rounds/${round}/extend`)
        .set('Authorization', token)
        .set('Content-Type', 'application/json')
        // As bytes: supertest would write a Buffer out as JSON.
        .serialize(asBytes)
        .send(Buffer.concat([Buffer.from('{"deadline": "2022-12-20", "reason": "Bl'), Buffer.from([0xe5]), Buffer.from('b\u00e6r"}', 'latin1')]));
      expectRefused(response, { status: 400, type: '/problems/invalid-text', detail: /not valid UTF-8/ });
      expect(await tableDigests(api.dataSource, TABLES)).toEqual(before);
    });
  });

  describe('bodies nested too deep', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const extend = (reason: string) =>
      request(api.http).post(`/api/rounds/${round}/extend`).set('Authorization', token).set('Content-Type', 'application/json').send(`{"deadline": "2022-12-20", "reason": ${reason}}`);

    it('refuses JSON nested 2 000 deep with 400 /problems/too-deep, nothing written', async () => {
      const before = await tableDigests(api.dataSource, TABLES);
      const response = await extend(nested(2000));
      expectRefused(response, { status: 400, type: '/problems/too-deep', detail: /deeper than 32 levels, at reason\.0\.0/ });
      expect(response.body.errors).toHaveLength(1);
      expect(await tableDigests(api.dataSource, TABLES)).toEqual(before);
    });

    it('refuses a body that is nothing but 100 000 nested lists', async () => {
      const response = await request(api.http).post('/api/councils').set('Authorization', admin).set('Content-Type', 'application/json').send(nested(100_000));
      expectRefused(response, { status: 400, type: '/problems/too-deep' });
    });

    it('lets 32 levels through to validation, and stops at 33', async () => {
      // The body is level 1, so reason's value may nest 31 lists.
      expectRefused(await extend(nested(31)), { status: 400, type: '/problems/validation-failed', fields: ['reason'] });
      expectRefused(await extend(nested(32)), { status: 400, type: '/problems/too-deep' });
    });
  });

  describe('addresses that cannot be read', () => {
    it('refuses GET /api/councils/%00 with 400 /problems/malformed-path', async () => {
      const response = await request(api.http).get('/api/councils/%00').set('Authorization', token);
      expectRefused(response, { status: 400, type: '/problems/malformed-path', detail: /%00.*control character \(U\+0000\)/ });
    });

    it.each([
      ['a path that is not UTF-8', '/api/councils/%E0%A4%A', '/problems/malformed-path'],
      ['an encoded surrogate', '/api/rounds/%ED%A0%80', '/problems/malformed-path'],
      ['a line feed in the path', '/api/councils/trondheimsregionen%0A/rounds', '/problems/malformed-path'],
      ['a lone percent sign', '/api/councils/%', '/problems/malformed-path'],
      ['an unknown page under /public', '/public/%00', '/problems/malformed-path'],
      ['the operators’ board', '/admin/queues/%E0', '/problems/malformed-path'],
    ])('refuses %s (%s)', async (_, path, type) => {
      expectRefused(await request(api.http).get(path).set('Authorization', token), { status: 400, type });
    });

    it.each([
      ['NUL in a value', '?status=%00', ['status']],
      ['a value that is not UTF-8', '?status=%E0%A4%A', ['status']],
      ['a name that is not UTF-8', '?%FF=open', ['%FF']],
    ])('refuses a query with %s, naming the parameter', async (_, query, fields) => {
      const response = await request(api.http).get(`/api/councils/${COUNCIL}/rounds${query}`).set('Authorization', token);
      expectRefused(response, { status: 400, type: '/problems/malformed-query', fields });
    });

    it('answers a request line Node itself cannot parse as problem+json too', async () => {
      const server = api.http.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      try {
        const answer = await new Promise<string>((resolve, reject) => {
          const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
          let text = '';
          socket.on('data', (chunk) => (text += chunk.toString('latin1')));
          socket.on('end', () => resolve(text));
          socket.on('error', reject);
          // A raw byte above 0x7F in the path: browsers percent-encode it, this client does not.
          socket.write(Buffer.concat([Buffer.from('GET /api/councils/caf'), Buffer.from([0xe9]), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]));
        });
        expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
        expect(answer).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/);
        const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
        expect(body).toEqual({ type: '/problems/malformed-request', title: 'Bad Request', status: 400, detail: expect.stringMatching(/percent-encoded/) });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  describe('cookies that cannot be read', () => {
    it('refuses Cookie: vedtak_admin=%E0%A4%A on /admin/queues with 400 /problems/malformed-cookie', async () => {
      const response = await request(api.http).get('/admin/queues').set('Cookie', 'vedtak_admin=%E0%A4%A');
      expectRefused(response, { status: 400, type: '/problems/malformed-cookie', fields: ['Cookie'], detail: /vedtak_admin/ });
    });

    it.each(['/admin/queues', '/api/councils', '/public/trondheimsregionen', '/'])('refuses an undecodable product cookie on %s too', async (path) => {
      const response = await request(api.http).get(path).set('Authorization', token).set('Cookie', 'theme=dark; vedtak_session=%');
      expectRefused(response, { status: 400, type: '/problems/malformed-cookie', fields: ['Cookie'] });
    });

    it('leaves cookies of other sites on the same host alone', async () => {
      const response = await request(api.http).get('/api/councils').set('Authorization', token).set('Cookie', 'other_app=%E0%A4%A; x=%');
      expect(response.status).toBe(200);
    });
  });

  describe('bodies in a content coding', () => {
    it('refuses Content-Encoding: gzip on a plain body with 400 /problems/unsupported-encoding, nothing written', async () => {
      const before = await tableDigests(api.dataSource, TABLES);
      const response = await request(api.http)
        .post('/api/councils')
        .set('Authorization', admin)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .send('{"slug": "gzip-council", "name": "Gzip"}');
      expectRefused(response, { status: 400, type: '/problems/unsupported-encoding', fields: ['Content-Encoding'] });
      expect(response.headers['accept-encoding']).toBe('identity');
      expect(await tableDigests(api.dataSource, TABLES)).toEqual(before);
    });

    it.each(['gzip', 'deflate', 'br', 'x-unknown'])('refuses a body that really is in %s as well: the api reads bodies only as sent', async (coding) => {
      const body = coding === 'gzip' ? gzipSync('{"slug": "gzip-council", "name": "Gzip"}') : Buffer.from('{}');
      const response = await request(api.http)
        .post('/api/councils')
        .set('Authorization', admin)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', coding)
        .serialize(asBytes)
        .send(body);
      expectRefused(response, { status: 400, type: '/problems/unsupported-encoding' });
    });

    it('takes Content-Encoding: identity', async () => {
      const response = await request(api.http).get('/api/councils').set('Authorization', token).set('Content-Encoding', 'identity');
      expect(response.status).toBe(200);
    });
  });

  it('refuses a token whose claims carry NUL and lone surrogates as malformed, with a 401 rather than a 5xx', async () => {
    const odd = await tokenWithPayload({ sub: 'odd.claims', name: 'Odd \u0000 \ud800', roles: [{ role: 'leader', council: COUNCIL }] });
    const response = await request(api.http).get('/api/councils').set('Authorization', `Bearer ${odd}`);
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: '/problems/invalid-token', reason: 'malformed claims' });
  });

  it('logs a 5xx with the error and the request id, never with the SQL parameters or the row', async () => {
    // A rule only this test's database has, so that PostgreSQL refuses what the api lets through.
    await api.dataSource.query(`ALTER TABLE council ADD CONSTRAINT test_refuses_this_name CHECK (name NOT LIKE 'Kari Nordmann%')`);
    try {
      logLines.length = 0;
      const response = await request(api.http)
        .post('/api/councils')
        .set('Authorization', admin)
        .set('X-Request-Id', 'test-5xx-request-1')
        .send({ slug: 'personvern', name: 'Kari Nordmann 01019012345' });
      expect(response.status).toBe(500);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['x-request-id']).toBe('test-5xx-request-1');
      expect(response.text).not.toContain('Kari');

      const failed = logLines.map((line) => JSON.parse(line)).find((line) => line.msg === 'request failed');
      expect(failed).toMatchObject({
        requestId: 'test-5xx-request-1',
        err: { type: 'QueryFailedError', code: '23514', constraint: 'test_refuses_this_name', message: expect.any(String), stack: expect.any(String) },
        problem: { status: 500 },
      });
      expect(Object.keys(failed.err).sort()).toEqual(expect.arrayContaining(['type', 'message', 'stack', 'code']));
      const everything = logLines.join('\n');
      expect(everything).not.toMatch(/Kari|01019012345|personvern/);
      expect(everything).not.toMatch(/"parameters"|"driverError"|PARAMETERS|INSERT INTO/);
      expect(failed.err).not.toHaveProperty('query');
    } finally {
      await api.dataSource.query('ALTER TABLE council DROP CONSTRAINT test_refuses_this_name');
    }
  });
});
