import { TokenClaims } from '@app/identity';
import { DEMO_COUNCIL } from './demo-council';

/** One person per demo role: a secretariat, a leader, an admin, and a clerk per member. */
export function demoUsers(): Array<TokenClaims & { email: string }> {
  const council = DEMO_COUNCIL.slug;
  return [
    { sub: 'admin', name: 'Drift Administrator', email: 'admin@vedtaksrunde.local', roles: [{ role: 'admin' }] },
    {
      sub: 'sekretariat.trondheimsregionen',
      name: 'Siri Sekretariat',
      email: 'sekretariat@trondheimsregionen.local',
      roles: [{ role: 'secretariat', council }],
    },
    {
      sub: 'leder.trondheimsregionen',
      name: 'Lars Leder',
      email: 'leder@trondheimsregionen.local',
      roles: [{ role: 'leader', council }],
    },
    ...DEMO_COUNCIL.members.map((member) => ({
      sub: `clerk.${member.number}`,
      name: `Utvalgssekretær ${member.name}`,
      email: `politisk.sekretariat.${member.number}@kommune.local`,
      roles: [{ role: 'clerk' as const, municipality: member.number }],
    })),
  ];
}
