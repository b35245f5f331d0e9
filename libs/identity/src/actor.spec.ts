import { Actor } from './actor';

describe('Actor', () => {
  const kari = new Actor({
    sub: 'kari.nordmann',
    name: 'Kari Nordmann',
    roles: [
      { role: 'secretariat', council: 'trondheimsregionen' },
      { role: 'clerk', municipality: '5031' },
      { role: 'leader', council: 'trondheimsregionen' },
      { role: 'leader', council: 'vaernesregionen' },
      { role: 'clerk', municipality: '5001' },
      { role: 'clerk', municipality: '5031' },
    ],
  });

  it('keeps who the token names', () => {
    expect(kari.subject).toBe('kari.nordmann');
    expect(kari.name).toBe('Kari Nordmann');
    expect(kari.roles).toHaveLength(6);
  });

  it('answers per council and per municipality, never across them', () => {
    expect(kari.isSecretariatOf('trondheimsregionen')).toBe(true);
    expect(kari.isSecretariatOf('vaernesregionen')).toBe(false);
    expect(kari.isLeaderOf('vaernesregionen')).toBe(true);
    expect(kari.isLeaderOf('namdal')).toBe(false);
    expect(kari.isClerkOf('5031')).toBe(true);
    expect(kari.isClerkOf('5001')).toBe(true);
    expect(kari.isClerkOf('5054')).toBe(false);
  });

  it('lists each council and municipality once, in token order', () => {
    expect(kari.clerkMunicipalities()).toEqual(['5031', '5001']);
    expect(kari.councilsAsSecretariat()).toEqual(['trondheimsregionen']);
    expect(kari.councilsAsLeader()).toEqual(['trondheimsregionen', 'vaernesregionen']);
  });

  it('does not make an admin anything else, nor anyone else an admin', () => {
    const admin = new Actor({ sub: 'drift', name: 'Drift', roles: [{ role: 'admin' }] });
    expect(admin.isAdmin()).toBe(true);
    expect(admin.isSecretariatOf('trondheimsregionen')).toBe(false);
    expect(admin.isLeaderOf('trondheimsregionen')).toBe(false);
    expect(admin.isClerkOf('5001')).toBe(false);
    expect(admin.clerkMunicipalities()).toEqual([]);
    expect(kari.isAdmin()).toBe(false);
  });

  it('cannot be granted more after it is built', () => {
    const claims = { sub: 'x', name: 'X', roles: [{ role: 'clerk' as const, municipality: '5001' }] };
    const actor = new Actor(claims);
    claims.roles[0].municipality = '5054';
    claims.roles.push({ role: 'clerk', municipality: '5055' });
    expect(actor.clerkMunicipalities()).toEqual(['5001']);
    expect(() => (actor.roles as unknown[]).push({ role: 'admin' })).toThrow(TypeError);
  });
});
