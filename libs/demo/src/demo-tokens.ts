import { signLocalToken } from '@app/identity';
import { demoUsers } from './demo-users';

/** A ready token per demo user, for the demo's welcome text and for scripts. */
export async function demoTokens(secret: string): Promise<Array<{ sub: string; label: string; token: string }>> {
  return Promise.all(
    demoUsers().map(async (user) => ({
      sub: user.sub,
      label: `${user.roles.map((grant) => grant.role).join(', ')}: ${user.name}`,
      token: await signLocalToken(secret, user),
    })),
  );
}
