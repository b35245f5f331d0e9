import { RoleClaim, TokenClaims } from '@app/identity';
import { DEMO_ALLIANCE, DEMO_COUNCIL } from './demo-council';

/** A person of the demo: the claims a token carries for them, and what the sign-in page says they are. */
export interface DemoPerson extends TokenClaims {
  email: string;
  description: string;
}

/** Which demo: Trondheimsregionen alone (what the test suites start from), or with Trondheimsalliansen IPR beside it. */
export interface DemoPeopleOptions {
  alliance?: boolean;
}

/**
 * One person per demo role: an admin, the secretariat and the leader of Trondheimsregionen, and a
 * clerk per member. With the alliance, Lars Leder (ordfører in Trondheim, who leads both councils)
 * is its leader too, and Anne Allianse keeps its secretariat; the clerks serve both already.
 */
export function demoUsers(options: DemoPeopleOptions = {}): DemoPerson[] {
  const region = DEMO_COUNCIL.slug;
  const alliance = options.alliance ?? false;
  const leaderOf: RoleClaim[] = [{ role: 'leader', council: region }, ...(alliance ? [{ role: 'leader' as const, council: DEMO_ALLIANCE.slug }] : [])];
  return [
    {
      sub: 'admin',
      name: 'Drift Administrator',
      email: 'admin@vedtaksrunde.local',
      roles: [{ role: 'admin' }],
      description: 'Administrator, drift av installasjonen',
    },
    {
      sub: 'sekretariat.trondheimsregionen',
      name: 'Siri Sekretariat',
      email: 'sekretariat@trondheimsregionen.local',
      roles: [{ role: 'secretariat', council: region }],
      description: `Sekretariat, ${DEMO_COUNCIL.name}`,
    },
    ...(alliance
      ? [
          {
            sub: 'sekretariat.trondheimsalliansen',
            name: 'Anne Allianse',
            email: 'sekretariat@trondheimsalliansen.local',
            roles: [{ role: 'secretariat' as const, council: DEMO_ALLIANCE.slug }],
            description: `Sekretariat, ${DEMO_ALLIANCE.name}`,
          },
        ]
      : []),
    {
      sub: 'leder.trondheimsregionen',
      name: 'Lars Leder',
      email: 'leder@trondheimsregionen.local',
      roles: leaderOf,
      description: alliance ? `Leder, ${DEMO_COUNCIL.name} og ${DEMO_ALLIANCE.name}` : `Leder, ${DEMO_COUNCIL.name}`,
    },
    ...DEMO_COUNCIL.members.map((member) => ({
      sub: `clerk.${member.number}`,
      name: `Utvalgssekretær ${member.name}`,
      email: `politisk.sekretariat.${member.number}@kommune.local`,
      roles: [{ role: 'clerk' as const, municipality: member.number }],
      description: `Utvalgssekretær, ${member.name} (${member.number})`,
    })),
  ];
}
