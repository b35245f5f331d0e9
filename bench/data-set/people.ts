import { RoleClaim, TokenClaims } from '@app/identity';

/**
 * The people of the data set, one per role and place: `clerk.<kommunenummer>`,
 * `secretariat.<slug>`, `leader.<slug>` and `admin`. Their names and grants follow from the
 * subject alone, so a token made for one (benchClaims) matches the rows already stored and
 * signing in with it changes nothing.
 */
export function benchClaims(subject: string): TokenClaims {
  const [kind, place] = splitSubject(subject);
  const roles: RoleClaim[] =
    kind === 'admin'
      ? [{ role: 'admin' }]
      : kind === 'clerk'
        ? [{ role: 'clerk', municipality: place }]
        : [{ role: kind, council: place }];
  return { sub: subject, name: nameOf(kind, place), roles };
}

export const clerkOf = (municipalityNumber: string) => `clerk.${municipalityNumber}`;
export const secretariatOf = (slug: string) => `secretariat.${slug}`;
export const leaderOf = (slug: string) => `leader.${slug}`;
export const ADMIN = 'admin';

type Kind = 'admin' | 'clerk' | 'secretariat' | 'leader';

function splitSubject(subject: string): [Kind, string] {
  if (subject === ADMIN) return ['admin', ''];
  const match = /^(clerk|secretariat|leader)\.(.+)$/.exec(subject);
  if (!match) throw new Error(`"${subject}" is no person of the bench's data set (clerk.<nr>, secretariat.<slug>, leader.<slug>, admin)`);
  return [match[1] as Kind, match[2]];
}

function nameOf(kind: Kind, place: string): string {
  switch (kind) {
    case 'admin':
      return 'Driftsansvarlig';
    case 'clerk':
      return `Utvalgssekretær ${place}`;
    case 'secretariat':
      return `Sekretariatet ${place}`;
    case 'leader':
      return `Leder ${place}`;
  }
}
