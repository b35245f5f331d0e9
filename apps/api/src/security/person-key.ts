import type { Actor } from '@app/identity';

/** What identifies a person across requests: the same subject at two identity providers is two people. */
export function personKey(actor: Actor): string {
  return `${actor.issuer}|${actor.subject}`;
}
