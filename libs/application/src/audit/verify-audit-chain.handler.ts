import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '@app/identity';
import { EventEntity } from '@app/persistence';
import { ApplicationError } from '../application-error';
import { eventHash } from './event-chain';

/** The first event whose link does not hold, and why. */
export interface BrokenLink {
  eventId: string;
  councilId: string | null;
  type: string;
  at: string;
  reason: 'content changed' | 'previous event missing or changed';
}

/** Where a chain ends now: how many events it has and the hash of its newest. */
export interface ChainHead {
  /** Null for the chain of events that belong to no council. */
  councilId: string | null;
  councilSlug: string | null;
  length: number;
  headEventId: string;
  headHash: string;
}

/** A head recorded earlier, outside the database: the chain must still hold that hash at that length. */
export interface RecordedHead {
  councilId: string | null;
  length: number;
  headHash: string;
}

/**
 * A recorded head checked against the chain: `present` when the chain still holds it at its
 * position; `truncated` when the chain is now shorter (its newest events were removed); `missing`
 * when the chain is as long but has another event at that position (history was rewritten).
 */
export interface HeadCheck extends RecordedHead {
  councilSlug: string | null;
  status: 'present' | 'truncated' | 'missing';
  /** How many events the chain has now. */
  chainLength: number;
  /** The hash the chain now has at the recorded length, when it is that long. */
  foundHash: string | null;
}

/** What a walk of the audit chain found. */
export interface AuditChainReport {
  intact: boolean;
  events: number;
  chains: number;
  firstBrokenLink: BrokenLink | null;
  heads: ChainHead[];
  recordedHeads: HeadCheck[];
  /**
   * Whether the role reading (the application's own) can neither alter nor drop the audit tables:
   * they and their schema belong to another role, and it is no superuser. When false, the
   * append-only triggers hold against mistakes but not against that role.
   */
  guardedFromApplication: boolean;
}

const PAGE = 1_000;
const GLOBAL = 'global';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Walks every council's chain of events in order and recomputes each link: an event changed
 * after it was written no longer matches its hash; an event removed leaves the next one pointing
 * at a hash that is not its predecessor's. Names the first broken link, and where each chain ends.
 * Removing a chain's newest events leaves a shorter chain whose links all hold: only a head
 * recorded earlier, outside the database, shows it, so recorded heads are checked too.
 * The walk reads one snapshot, so events written meanwhile cannot make it see a gap.
 */
export async function verifyAuditChain(dataSource: DataSource, recorded: readonly RecordedHead[] = []): Promise<AuditChainReport> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    return walk(manager, recorded);
  });
}

async function walk(manager: EntityManager, recorded: readonly RecordedHead[]): Promise<AuditChainReport> {
  const wanted = new Map<string, Map<number, string | null>>();
  for (const head of recorded) {
    const positions = wanted.get(chainOf(head.councilId)) ?? new Map<number, string | null>();
    positions.set(head.length, null);
    wanted.set(chainOf(head.councilId), positions);
  }
  const heads = new Map<string, Omit<ChainHead, 'councilSlug'>>();
  let events = 0;
  let firstBrokenLink: BrokenLink | null = null;
  for (let after = '0'; ; ) {
    const page = await manager.getRepository(EventEntity).createQueryBuilder('e').where('e.id > :after', { after }).orderBy('e.id').limit(PAGE).getMany();
    for (const event of page) {
      events++;
      const chain = chainOf(event.councilId);
      const previous = heads.get(chain);
      const broken = (reason: BrokenLink['reason']): BrokenLink => ({
        eventId: event.id,
        councilId: event.councilId,
        type: event.type,
        at: event.at.toISOString(),
        reason,
      });
      if (!firstBrokenLink && (event.prevHash ?? null) !== (previous?.headHash ?? null)) firstBrokenLink = broken('previous event missing or changed');
      if (!firstBrokenLink && eventHash(event.prevHash, event) !== event.hash) firstBrokenLink = broken('content changed');
      // The walk goes on past a break, so that every chain's length and head are known.
      const length = (previous?.length ?? 0) + 1;
      heads.set(chain, { councilId: event.councilId, length, headEventId: event.id, headHash: event.hash });
      const positions = wanted.get(chain);
      if (positions?.has(length)) positions.set(length, event.hash);
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1].id;
  }

  const slugs = await councilSlugs(manager, [...new Set([...heads.values(), ...recorded].map((head) => head.councilId))]);
  const slugOf = (councilId: string | null) => (councilId === null ? null : (slugs.get(councilId) ?? null));
  const recordedHeads = recorded.map((head): HeadCheck => {
    const chainLength = heads.get(chainOf(head.councilId))?.length ?? 0;
    const foundHash = wanted.get(chainOf(head.councilId))?.get(head.length) ?? null;
    const status = chainLength < head.length ? 'truncated' : foundHash === head.headHash ? 'present' : 'missing';
    return { councilId: head.councilId, councilSlug: slugOf(head.councilId), length: head.length, headHash: head.headHash, status, chainLength, foundHash };
  });
  return {
    intact: firstBrokenLink === null && recordedHeads.every((head) => head.status === 'present'),
    events,
    chains: heads.size,
    firstBrokenLink,
    heads: [...heads.values()]
      .map((head) => ({ ...head, councilSlug: slugOf(head.councilId) }))
      .sort((a, b) => (a.councilSlug ?? '').localeCompare(b.councilSlug ?? '') || (a.councilId ?? '').localeCompare(b.councilId ?? '')),
    recordedHeads,
    guardedFromApplication: await guardedFromApplication(manager),
  };
}

async function guardedFromApplication(manager: EntityManager): Promise<boolean> {
  const [row]: Array<{ guarded: boolean }> = await manager.query(
    `SELECT count(*) = 2 AND NOT bool_or(r.rolsuper OR pg_has_role(current_user, t.tableowner, 'USAGE') OR pg_has_role(current_user, n.nspowner, 'USAGE')) AS guarded
       FROM pg_tables t
       JOIN pg_namespace n ON n.nspname = t.schemaname
       JOIN pg_roles r ON r.rolname = current_user
      WHERE t.schemaname = current_schema() AND t.tablename IN ('event', 'member_decision_revision')`,
  );
  return row?.guarded === true;
}

function chainOf(councilId: string | null): string {
  return councilId ?? GLOBAL;
}

async function councilSlugs(manager: EntityManager, ids: Array<string | null>): Promise<Map<string, string>> {
  // A recorded head read from a file may name anything; only a uuid can be a council.
  const councilIds = ids.filter((id): id is string => id !== null && UUID.test(id));
  if (councilIds.length === 0) return new Map();
  const rows: Array<{ id: string; slug: string }> = await manager.query(`SELECT id, slug FROM council WHERE id = ANY($1::uuid[])`, [councilIds]);
  return new Map(rows.map((row) => [row.id, row.slug]));
}

/** The admin's verification of the audit chain, optionally against heads recorded earlier. */
@Injectable()
export class VerifyAuditChainHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(actor: Actor, recorded: readonly RecordedHead[] = []): Promise<AuditChainReport> {
    if (!actor.isAdmin()) throw ApplicationError.forbidden('ACCESS.ADMIN_ONLY', 'Only an admin may verify the audit chain.');
    return verifyAuditChain(this.dataSource, recorded);
  }
}
