import { parseClaims } from './claims.parser';
import { InvalidTokenError } from './invalid-token.error';

function reasonOf(payload: Record<string, unknown>): string | undefined {
  try {
    parseClaims(payload);
    return undefined;
  } catch (error) {
    if (error instanceof InvalidTokenError) return error.reason;
    throw error;
  }
}

describe('parseClaims', () => {
  it('reads the four role shapes of API.md', () => {
    const roles = [
      { role: 'secretariat', council: 'trondheimsregionen' },
      { role: 'clerk', municipality: '5031' },
      { role: 'leader', council: 'trondheimsregionen' },
      { role: 'admin' },
    ];
    expect(parseClaims({ sub: 'kari.nordmann', name: 'Kari Nordmann', roles, iss: 'x', exp: 1 })).toEqual({
      sub: 'kari.nordmann',
      name: 'Kari Nordmann',
      roles,
    });
  });

  it('skips roles it does not know, so the identity provider may carry its own', () => {
    const claims = parseClaims({ sub: 'a', name: 'A', roles: [{ role: 'auditor', scope: 'all' }, { role: 'admin' }] });
    expect(claims.roles).toEqual([{ role: 'admin' }]);
  });

  it('keeps only the fields of a grant that mean something', () => {
    const claims = parseClaims({ sub: 'a', roles: [{ role: 'clerk', municipality: '0301', council: 'oslo' }, { role: 'admin', council: 'x' }] });
    expect(claims.roles).toEqual([{ role: 'clerk', municipality: '0301' }, { role: 'admin' }]);
  });

  it('names the person by the subject when the token has no name', () => {
    expect(parseClaims({ sub: 'kari', roles: [] }).name).toBe('kari');
    expect(parseClaims({ sub: 'kari', name: '  ', roles: [] }).name).toBe('kari');
  });

  it('keeps a name with letters beyond the basic plane (a pair of surrogates)', () => {
    expect(parseClaims({ sub: 'kari', name: 'Kari 𝔑', roles: [] }).name).toBe('Kari 𝔑');
  });

  it('takes a token without roles as a person with no grants', () => {
    expect(parseClaims({ sub: 'kari' }).roles).toEqual([]);
  });

  it.each([
    ['no sub', { roles: [] }],
    ['an empty sub', { sub: ' ', roles: [] }],
    ['a numeric sub', { sub: 42, roles: [] }],
    ['a name that is not text', { sub: 'a', name: ['A'], roles: [] }],
    ['roles that are not a list', { sub: 'a', roles: { role: 'admin' } }],
    ['a grant that is not an object', { sub: 'a', roles: ['admin'] }],
    ['a grant that is null', { sub: 'a', roles: [null] }],
    ['a grant without role', { sub: 'a', roles: [{ council: 'x' }] }],
    ['a secretariat without council', { sub: 'a', roles: [{ role: 'secretariat' }] }],
    ['a leader with an empty council', { sub: 'a', roles: [{ role: 'leader', council: '' }] }],
    ['a council that is not text', { sub: 'a', roles: [{ role: 'secretariat', council: 7 }] }],
    ['a clerk without municipality', { sub: 'a', roles: [{ role: 'clerk' }] }],
    ['a municipality number as a number', { sub: 'a', roles: [{ role: 'clerk', municipality: 5001 }] }],
    ['a municipality number of three digits', { sub: 'a', roles: [{ role: 'clerk', municipality: '301' }] }],
    ['a municipality number with letters', { sub: 'a', roles: [{ role: 'clerk', municipality: '50a1' }] }],
    ['a NUL in the sub', { sub: 'a\u0000b', roles: [] }],
    ['a control character in the name', { sub: 'a', name: 'Kari\u001bNordmann', roles: [] }],
    ['a lone surrogate in the name', { sub: 'a', name: 'Kari \ud800', roles: [] }],
    ['a NUL in a council', { sub: 'a', roles: [{ role: 'leader', council: 'tr\u0000' }] }],
    ['one bad grant among good ones', { sub: 'a', roles: [{ role: 'admin' }, { role: 'clerk', municipality: '5001 ' }] }],
  ])('refuses %s as malformed claims', (_case, payload) => {
    expect(reasonOf(payload)).toBe('malformed claims');
  });
});
