import { RoleClaim, TokenClaims } from './claims';
import { LOCAL_ISSUER } from './local-token';

/**
 * The person behind a verified token and what they may act as. Answers questions about grants
 * only; which grant a use case needs is the use case's decision (an admin is not implicitly a
 * secretariat, for instance).
 */
export class Actor {
  readonly subject: string;
  readonly name: string;
  readonly roles: readonly RoleClaim[];
  readonly email: string | null;
  /** Who vouched for this person: the identity provider's issuer, or the product's own (local tokens). */
  readonly issuer: string;
  /** When the token this actor was read from stops being valid; null for an actor not read from a token. */
  readonly expiresAt: Date | null;

  constructor(claims: TokenClaims, token: { issuer?: string; expiresAt?: Date | null } = {}) {
    this.issuer = token.issuer ?? LOCAL_ISSUER;
    this.expiresAt = token.expiresAt ?? null;
    this.subject = claims.sub;
    this.name = claims.name;
    this.email = claims.email ?? null;
    this.roles = Object.freeze(claims.roles.map((grant) => Object.freeze({ ...grant })));
  }

  /** Operates the service itself: creates councils, verifies the audit chain. */
  isAdmin(): boolean {
    return this.roles.some((grant) => grant.role === 'admin');
  }

  /** Runs the council's secretariat: launches rounds, corrects decisions. */
  isSecretariatOf(councilSlug: string): boolean {
    return this.councilsAsSecretariat().includes(councilSlug);
  }

  /** Chairs the council: follows its rounds and previews allocations. */
  isLeaderOf(councilSlug: string): boolean {
    return this.councilsAsLeader().includes(councilSlug);
  }

  /** Registers the kommunestyre's decisions for that municipality. */
  isClerkOf(municipalityNumber: string): boolean {
    return this.clerkMunicipalities().includes(municipalityNumber);
  }

  /** The municipalities this person is clerk of, each once, in the order the token lists them. */
  clerkMunicipalities(): string[] {
    return unique(this.roles.flatMap((grant) => (grant.role === 'clerk' ? [grant.municipality] : [])));
  }

  /** The councils whose secretariat this person is, each once. */
  councilsAsSecretariat(): string[] {
    return unique(this.roles.flatMap((grant) => (grant.role === 'secretariat' ? [grant.council] : [])));
  }

  /** The councils this person leads, each once. */
  councilsAsLeader(): string[] {
    return unique(this.roles.flatMap((grant) => (grant.role === 'leader' ? [grant.council] : [])));
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
