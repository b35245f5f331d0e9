/** The roles a token can carry, as API.md lists them. */
export type RoleClaim =
  | { role: 'admin' }
  | { role: 'secretariat'; council: string }
  | { role: 'leader'; council: string }
  | { role: 'clerk'; municipality: string };

/** What the product reads from a token, whichever issuer signed it. */
export interface TokenClaims {
  sub: string;
  name: string;
  roles: RoleClaim[];
  /** Where e-mail notices go, when the identity provider tells. */
  email?: string;
}
