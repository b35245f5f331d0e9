import { MAX_BODY_DEPTH, bodyProblem } from './body.guard';
import { addressProblem, cookieProblem, encodingProblem } from './request.guard';
import { textProblem } from './text.rules';

describe('the text the api takes', () => {
  it.each(['Trondheimsregionen', 'Vedtatt:\n\t1. Ja\r\n', 'ÆØÅ æøå', '👨‍👩‍👧‍👦 👍🏽', 'e\u0301', '\u200fעברית\u200f', '\u202e', '\u2028', '\ufeff', ''])('takes %j', (text) => {
    expect(textProblem(text, 'text')).toBeUndefined();
  });

  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['an escape', '\u001b[31m', 'U+001B'],
    ['a vertical tab', 'a\u000bb', 'U+000B'],
    ['a form feed', 'a\u000cb', 'U+000C'],
    ['a lone high surrogate', 'a\ud800b', 'U+D800'],
    ['a lone low surrogate', '\udfff', 'U+DFFF'],
    ['a high surrogate at the end', 'x\ud83d', 'U+D83D'],
  ])('refuses %s, naming the code point', (_, text, codePoint) => {
    expect(textProblem(text, 'text')).toContain(codePoint);
  });

  it('refuses every control character in an address, tab, line breaks and DEL included', () => {
    for (const text of ['\t', '\n', '\r', '\u007f', '\u0000']) expect(textProblem(text, 'address')).toBeDefined();
    expect(textProblem('trondheimsregionen', 'address')).toBeUndefined();
  });
});

describe('the walk over a parsed body', () => {
  const nested = (depth: number): unknown => (depth === 0 ? 'x' : [nested(depth - 1)]);

  it(`takes a body ${MAX_BODY_DEPTH} levels deep and refuses one level more, naming where`, () => {
    expect(bodyProblem({ a: nested(MAX_BODY_DEPTH - 1) })).toBeUndefined();
    expect(bodyProblem({ a: nested(MAX_BODY_DEPTH) })).toMatchObject({ type: '/problems/too-deep', status: 400, errors: [{ field: `a${'.0'.repeat(MAX_BODY_DEPTH - 1)}` }] });
  });

  it('walks 100 000 levels without recursing', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level++) deep = { a: deep };
    expect(bodyProblem(deep)?.type).toBe('/problems/too-deep');
  });

  it('names every field with text it refuses, values and field names, in document order', () => {
    const problem = bodyProblem({ title: 'ok', sections: [{ text: 'ok' }, { text: 'a\u0000' }], ['k\ud800']: 1, note: '\u0001' });
    expect(problem).toMatchObject({ type: '/problems/invalid-text', status: 400 });
    expect(problem?.errors?.map((error) => error.field)).toEqual(['sections.1.text', 'k\ud800', 'note']);
  });

  it('leaves what the parser did not make an object to the parser and the validation', () => {
    expect(bodyProblem(undefined)).toBeUndefined();
    expect(bodyProblem('a\u0000')).toBeUndefined();
  });
});

describe('the request line and headers', () => {
  it.each([
    ['/api/councils/%00', '/problems/malformed-path'],
    ['/api/councils/%E0%A4%A', '/problems/malformed-path'],
    ['/api/councils/%', '/problems/malformed-path'],
    ['/api/councils/caf\u00e9', '/problems/malformed-path'],
    ['/api/councils/a%7Fb', '/problems/malformed-path'],
    ['/api/councils/x/rounds?status=%00', '/problems/malformed-query'],
    ['/api/councils/x/rounds?status=%E0', '/problems/malformed-query'],
    ['/api/councils/x/rounds?%=1', '/problems/malformed-query'],
  ])('refuses %s as %s', (target, type) => {
    expect(addressProblem(target)?.problem.type).toBe(type);
  });

  it.each(['/api/councils/trondheimsregionen', '/api/councils/%C3%A6', '/api/councils/x/rounds?status=open&limit=5', '/calendar.ics?token=a-b_c', '/?', '/a?b', '/x?a=%2B+b'])(
    'takes %s',
    (target) => {
      expect(addressProblem(target)).toBeUndefined();
    },
  );

  it('checks the product’s cookies and leaves other sites’ cookies alone', () => {
    expect(cookieProblem('vedtak_admin=%E0%A4%A')?.problem).toMatchObject({ type: '/problems/malformed-cookie', errors: [{ field: 'Cookie' }] });
    expect(cookieProblem('a=1; vedtak_session="%"')?.problem.type).toBe('/problems/malformed-cookie');
    expect(cookieProblem('vedtak_admin=eyJhbGciOi.eyJzdWIi.sig; theme=dark')).toBeUndefined();
    expect(cookieProblem('other=%E0%A4%A; x=%')).toBeUndefined();
    expect(cookieProblem(undefined)).toBeUndefined();
  });

  it('reads bodies only in identity', () => {
    expect(encodingProblem(undefined)).toBeUndefined();
    expect(encodingProblem('identity')).toBeUndefined();
    expect(encodingProblem(' Identity ')).toBeUndefined();
    for (const coding of ['gzip', 'GZIP', 'br', 'deflate', 'gzip, identity', 'x']) {
      expect(encodingProblem(coding)).toMatchObject({ problem: { type: '/problems/unsupported-encoding', status: 400 }, headers: { 'Accept-Encoding': 'identity' } });
    }
  });
});
