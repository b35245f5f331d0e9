import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Actor } from '@app/identity';
import { AuthenticatedRequest } from './authenticated-request';

/**
 * The signed-in caller, as the AuthenticationGuard verified them:
 * `list(@CurrentActor() actor: Actor)`.
 */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  // Only a @Public() route gets here without one, and asking who the caller is there is a bug.
  if (!actor) throw new Error('@CurrentActor() used on a route that does not authenticate; remove @Public() or the parameter');
  return actor;
});
