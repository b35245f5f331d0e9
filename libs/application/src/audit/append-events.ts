import { EntityManager } from 'typeorm';
import { eventHash } from './event-chain';
import { NewEvent, appendEvent, chainedEvent } from './event-log';

/**
 * Moves each chain's head to its newest event and writes the events, in one statement.
 * $1 … $9 the events' columns, one array each; $10 … $13 the heads' chain, event id, previous hash and hash.
 */
const WRITE_EVENTS = `
  WITH appended AS (
    INSERT INTO event (id, type, actor, council_id, round_id, data, at, prev_hash, hash)
    SELECT id, type, actor, council_id, round_id, data::jsonb, at, prev_hash, hash
      FROM unnest($1::bigint[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::timestamptz[], $8::text[], $9::text[])
        AS t(id, type, actor, council_id, round_id, data, at, prev_hash, hash)
    RETURNING id
  )
  UPDATE event_chain_head h
     SET event_id = t.event_id, prev_hash = t.prev_hash, hash = t.hash
    FROM unnest($10::text[], $11::bigint[], $12::text[], $13::text[]) AS t(chain, event_id, prev_hash, hash)
   WHERE h.chain = t.chain`;

interface Head {
  hash: string | null;
}

/**
 * Appends many events, on any number of chains, inside the caller's transaction, in a fixed
 * number of statements: the heads of their chains are locked (in the order of the chains'
 * names, so two batches never wait for each other in a circle), the ids are drawn under those
 * locks, so each chain's ids rise in the order it was extended, the hashes are chained here,
 * the same as eventHash computes, and the events are written with every head moved at once.
 * Each chain gets its events in the order given. For one event, appendEvent does the same in
 * one statement.
 */
export async function appendEvents(manager: EntityManager, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  // The chain is APPEND_EVENT_SQL's first parameter: the council's id, or `global`.
  const chained = events.map((event) => {
    const { event: row, parameters } = chainedEvent(event);
    return { chain: parameters[0] as string, event: row };
  });
  const chains = [...new Set(chained.map((event) => event.chain))].sort();
  const heads = await lockHeads(manager, chains);
  let pending = chained;
  // A chain without a head yet (a council's first event) gets one the way a single event does.
  for (const chain of chains.filter((name) => !heads.has(name))) {
    const first = pending.find((event) => event.chain === chain)!;
    await appendEvent(manager, events[chained.indexOf(first)]);
    pending = pending.filter((event) => event !== first);
    for (const [name, head] of await lockHeads(manager, [chain])) heads.set(name, head);
  }
  if (pending.length === 0) return;

  const ids: Array<{ id: string }> = await manager.query(`SELECT nextval('event_id_seq') AS id FROM generate_series(1, $1::int) ORDER BY id`, [
    pending.length,
  ]);
  const rows = pending.map((event, index) => {
    const prevHash = heads.get(event.chain)!.hash;
    const hash = eventHash(prevHash, event.event);
    heads.set(event.chain, { hash });
    return { ...event, id: ids[index].id, prevHash, hash };
  });
  const newest = new Map(rows.map((row) => [row.chain, row]));
  await manager.query(WRITE_EVENTS, [
    rows.map((row) => row.id),
    rows.map((row) => row.event.type),
    rows.map((row) => row.event.actor),
    rows.map((row) => row.event.councilId),
    rows.map((row) => row.event.roundId),
    rows.map((row) => JSON.stringify(row.event.data)),
    rows.map((row) => row.event.at.toISOString()),
    rows.map((row) => row.prevHash),
    rows.map((row) => row.hash),
    [...newest.keys()],
    [...newest.values()].map((row) => row.id),
    [...newest.values()].map((row) => row.prevHash),
    [...newest.values()].map((row) => row.hash),
  ]);
}

/** Locks the heads of the chains that have one, in the order of their names, and returns them. */
async function lockHeads(manager: EntityManager, chains: readonly string[]): Promise<Map<string, Head>> {
  const rows: Array<{ chain: string; hash: string }> = await manager.query(
    `SELECT chain, hash FROM event_chain_head WHERE chain = ANY($1::text[]) ORDER BY chain FOR UPDATE`,
    [chains],
  );
  return new Map(rows.map((row) => [row.chain, { hash: row.hash }]));
}
