import { createHash } from 'node:crypto';

/** What an event's hash covers: everything it says, and when. */
export interface ChainedContent {
  type: string;
  councilId: string | null;
  roundId: string | null;
  actor: string;
  data: unknown;
  at: Date;
}

/**
 * The hash that links an event to the previous one of its council: sha256 of the previous hash
 * and the event's canonical JSON. Changing any event, or removing one, breaks every link after it.
 */
export function eventHash(prevHash: string | null, event: ChainedContent): string {
  return createHash('sha256').update(`${prevHash ?? ''}\n${chainedContent(event)}`).digest('hex');
}

/** The text an event's hash is taken of, after the previous hash and a newline. */
export function chainedContent(event: ChainedContent): string {
  return canonicalJson({
    type: event.type,
    councilId: event.councilId,
    roundId: event.roundId,
    actor: event.actor,
    data: event.data,
    at: event.at.toISOString(),
  });
}

/** JSON with keys sorted at every level, so the same content always gives the same text (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
