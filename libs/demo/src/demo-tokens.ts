import { signLocalToken } from '@app/identity';
import { DemoPeopleOptions, demoUsers } from './demo-users';

/** A ready HS256 token per demo person, for scripts and curl (the web app signs in at the identity provider). */
export async function demoTokens(
  secret: string,
  options: DemoPeopleOptions = { alliance: true },
): Promise<Array<{ sub: string; label: string; token: string }>> {
  return Promise.all(
    demoUsers(options).map(async (user) => ({
      sub: user.sub,
      label: `${[...new Set(user.roles.map((grant) => grant.role))].join(', ')}: ${user.name}`,
      token: await signLocalToken(secret, user),
    })),
  );
}
