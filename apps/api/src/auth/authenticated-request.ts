import type { Request } from 'express';
import type { Actor } from '@app/identity';

/** A request the AuthenticationGuard has let through: `actor` is set on every non-public route. */
export type AuthenticatedRequest = Request & { actor?: Actor };
