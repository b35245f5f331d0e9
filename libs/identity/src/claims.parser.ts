import { isMunicipalityNumber } from '@app/domain';
import { RoleClaim, TokenClaims } from './claims';
import { InvalidTokenError } from './invalid-token.error';

const KNOWN_ROLES = new Set(['admin', 'secretariat', 'leader', 'clerk']);

/**
 * Reads the product's claims from a verified JWT payload. A grant we know but cannot read makes
 * the whole token invalid: guessing what a half-formed grant meant could hand out a right by
 * mistake. Roles this version does not know are skipped, so an identity provider can add its own.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseClaims(payload: Record<string, unknown>): TokenClaims {
  const { sub, name, roles, email } = payload;
  if (typeof sub !== 'string' || sub.trim() === '' || !readable(sub)) throw new InvalidTokenError('malformed claims');
  // Access tokens from some identity providers leave out `name`; the subject still identifies the person.
  if (name !== undefined && (typeof name !== 'string' || !readable(name))) throw new InvalidTokenError('malformed claims');
  // No `roles` at all is a person without grants: signed in, allowed nothing role-bound.
  if (roles !== undefined && !Array.isArray(roles)) throw new InvalidTokenError('malformed claims');
  return {
    sub,
    name: name && name.trim() !== '' ? name : sub,
    roles: (roles ?? []).flatMap((entry: unknown) => parseRole(entry)),
    // A malformed address is left out rather than refusing the token: it only affects e-mail.
    ...(typeof email === 'string' && EMAIL.test(email) ? { email } : {}),
  };
}

// Control characters and lone surrogates cannot be stored as text (PostgreSQL refuses NUL) nor shown.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNREADABLE = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function readable(text: string): boolean {
  return !UNREADABLE.test(text);
}

function parseRole(entry: unknown): RoleClaim[] {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new InvalidTokenError('malformed claims');
  const grant = entry as Record<string, unknown>;
  if (typeof grant.role !== 'string') throw new InvalidTokenError('malformed claims');
  if (!KNOWN_ROLES.has(grant.role)) return [];
  switch (grant.role) {
    case 'admin':
      return [{ role: 'admin' }];
    case 'secretariat':
    case 'leader':
      if (typeof grant.council !== 'string' || grant.council.trim() === '' || !readable(grant.council)) throw new InvalidTokenError('malformed claims');
      return [{ role: grant.role, council: grant.council }];
    default:
      if (!isMunicipalityNumber(grant.municipality)) throw new InvalidTokenError('malformed claims');
      return [{ role: 'clerk', municipality: grant.municipality }];
  }
}
