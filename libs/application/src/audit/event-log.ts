import { EntityManager } from 'typeorm';
import { EventEntity } from '@app/persistence';
import { eventHash } from './event-chain';

/** The event types the audit trail knows; API.md promises the first six. */
export type EventType =
  | 'round.launched'
  | 'decision.registered'
  | 'decision.corrected'
  | 'round.settled'
  | 'round.extended'
  | 'round.withdrawn'
  | 'round.expired'
  | 'round.overdue'
  | 'council.created'
  | 'member.upserted'
  | 'cost_key.upserted'
  | 'agreement_version.created'
  | 'agreement_version.adopted_before'
  | 'agreement_version.in_force'
  | 'fee_schedule.recorded'
  | 'fee_schedule.in_force';

/** One entry of the audit trail: who did what, with the state before and after where there is one. */
export interface NewEvent {
  type: EventType;
  actor: string;
  councilId: string | null;
  roundId?: string | null;
  data: Record<string, unknown>;
  /** When it happened: the Clock's instant, the same one the change itself was stamped with. */
  at: Date;
}

/**
 * Appends to the audit trail inside the caller's transaction, so the event and the change land
 * together, chained by hash to the council's previous event. The chain is extended one event at
 * a time per council (a transaction-scoped advisory lock), so it never forks.
 */
export async function appendEvent(manager: EntityManager, event: NewEvent): Promise<EventEntity> {
  const chain = event.councilId ?? 'global';
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('event-chain:' || $1, 0))`, [chain]);
  // Two plain conditions rather than IS NOT DISTINCT FROM, which no index serves: the head is one index probe.
  const [previous] =
    event.councilId === null
      ? await manager.query(`SELECT hash FROM event WHERE council_id IS NULL ORDER BY id DESC LIMIT 1`)
      : await manager.query(`SELECT hash FROM event WHERE council_id = $1 ORDER BY id DESC LIMIT 1`, [event.councilId]);
  // The database keeps microseconds; the hash is taken of the millisecond instant stored here.
  const at = new Date(Math.floor(event.at.getTime()));
  // JSON round trip: what is hashed is exactly what jsonb will give back (no undefined, no bigint).
  const data = JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>;
  const roundId = event.roundId ?? null;
  const prevHash: string | null = previous?.hash ?? null;
  const hash = eventHash(prevHash, { type: event.type, councilId: event.councilId, roundId, actor: event.actor, data, at });
  return manager.getRepository(EventEntity).save({ type: event.type, actor: event.actor, councilId: event.councilId, roundId, data, at, prevHash, hash });
}
