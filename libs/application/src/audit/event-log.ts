import { EntityManager } from 'typeorm';
import { EventEntity } from '@app/persistence';
import { chainedContent } from './event-chain';

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
  | 'member.withdrawal_noticed'
  | 'member.left'
  | 'member.merged'
  | 'council.withdrawal_rule_set'
  | 'round.electorate_amended'
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
 * together, chained by hash to the previous event of its chain (the council's, or the global one).
 * One statement: it moves the chain's head row to the new event and writes the event. The head's
 * row lock, held until commit, extends a chain one event at a time, so it never forks, and the
 * event's id is drawn under that lock, so a chain's ids rise in the order it was extended.
 */
export async function appendEvent(manager: EntityManager, event: NewEvent): Promise<EventEntity> {
  const chained = chainedEvent(event);
  for (let attempt = 0; ; attempt++) {
    const rows: Array<{ id: string; prev_hash: string | null; hash: string }> = await manager.query(APPEND_EVENT, chained.parameters);
    if (rows.length > 0) {
      const [row] = rows;
      return Object.assign(new EventEntity(), chained.event, { id: row.id, prevHash: row.prev_hash, hash: row.hash });
    }
    // Two first events of a new chain at once: the other one made its head; extend that.
    if (attempt > 0) throw new Error(`Cannot extend the audit chain ${chained.parameters[0]}`);
  }
}

/** An event ready to be chained: its row and the parameters of APPEND_EVENT_SQL ($1 … $8). */
export function chainedEvent(event: NewEvent): { event: Omit<EventEntity, 'id' | 'prevHash' | 'hash'>; parameters: unknown[] } {
  // The database keeps microseconds; the hash is taken of the millisecond instant stored here.
  const at = new Date(Math.floor(event.at.getTime()));
  // JSON round trip: what is hashed is exactly what jsonb will give back (no undefined, no bigint).
  const data = JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>;
  const roundId = event.roundId ?? null;
  const content = chainedContent({ type: event.type, councilId: event.councilId, roundId, actor: event.actor, data, at });
  return {
    event: { type: event.type, actor: event.actor, councilId: event.councilId, roundId, data, at },
    parameters: [event.councilId ?? 'global', content, event.type, event.actor, event.councilId, roundId, JSON.stringify(data), at],
  };
}

/**
 * The chain's head moves to a new event whose hash is sha256(previous hash, newline, canonical
 * content), the same as eventHash computes; a chain without a head yet (a new council) gets one.
 * Returns no row only when another transaction made that first head at the same moment.
 * Parameters: chain, canonical content, type, actor, council id, round id, data (JSON), at.
 */
export const APPEND_EVENT_SQL = `
  moved AS (
    UPDATE event_chain_head h
       SET prev_hash = h.hash,
           hash = encode(sha256(convert_to(h.hash || E'\\n' || $2::text, 'UTF8')), 'hex'),
           event_id = nextval('event_id_seq')
     WHERE h.chain = $1::text
    RETURNING h.event_id, h.prev_hash, h.hash
  ),
  started AS (
    INSERT INTO event_chain_head (chain, event_id, prev_hash, hash)
    SELECT $1::text, nextval('event_id_seq'), NULL, encode(sha256(convert_to(E'\\n' || $2::text, 'UTF8')), 'hex')
     WHERE NOT EXISTS (SELECT 1 FROM moved)
    ON CONFLICT (chain) DO NOTHING
    RETURNING event_id, prev_hash, hash
  ),
  head AS (SELECT * FROM moved UNION ALL SELECT * FROM started),
  appended AS (
    INSERT INTO event (id, type, actor, council_id, round_id, data, at, prev_hash, hash)
    SELECT head.event_id, $3::text, $4::text, $5::uuid, $6::uuid, $7::jsonb, $8::timestamptz, head.prev_hash, head.hash FROM head
    RETURNING id, prev_hash, hash
  )`;

const APPEND_EVENT = `WITH ${APPEND_EVENT_SQL} SELECT id, prev_hash, hash FROM appended`;
