import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { todayInOslo } from '@app/domain';
import { Actor } from '@app/identity';
import { AppUserEntity, MemberDecisionRevisionEntity, RoundEntity, RoundMemberEntity, readInOneTrip } from '@app/persistence';
import { CouncilAccess } from '../../access/council-access';
import { ApplicationError } from '../../application-error';
import { Page, PageRequest, cursorKeyOf, pageOf } from '../../paging/page';
import { PageCursor, instantKeySql } from '../../paging/page-cursor';
import { Clock } from '../../time/clock';
import { RoundAccess } from '../round-access';
import { RevisionView, RoundMemberView, RoundSummaryView, RoundView, memberEtag, memberView, revisionView, roundSummaryOf, roundViewsOf } from '../round.view';
import { RoundSummaryRow, givenRoundIds, roundSummariesStatement, roundViewRowsOf, roundViewStatements, selectedRoundIds } from '../round-views.query';

/** An entry of a round's audit trail. */
export interface EventView {
  id: string;
  type: string;
  at: string;
  actor: string;
  data: Record<string, unknown>;
}

/** An entry of the trail with the name of whoever acted, as people read it. */
export interface NamedEventView extends EventView {
  /** The person's name when they have signed in; null for the system and for unknown subjects. */
  actorName: string | null;
}

/** What narrows a council's round list. */
export interface RoundListFilter {
  status?: RoundEntity['status'];
}

/** The round list's position: the launch instant and the id, newest first. */
export const ROUND_LIST_CURSOR = new PageCursor('rounds', ['instant', 'uuid'] as const);

/** The audit trail's position: the event id, oldest first. */
export const EVENT_LIST_CURSOR = new PageCursor('round-events', ['integer'] as const);

/**
 * $1 council slug, $2 status or null, $3 the clerk's municipalities or null for staff, $4 and $5
 * the cursor's launch instant and round id or null, $6 how many. A walk down
 * ix_round_council_launched (council_id, launched_at, id) from the cursor that stops at the page's
 * end. A clerk's rounds are probed one by one on pk_round_member as the walk meets them: as EXISTS
 * the planner would rather hash every round the municipality was ever in, in every council.
 */
export const ROUND_PAGE_SQL = `
SELECT r.id,
       ${instantKeySql('r.launched_at')} AS "launchedAt"
  FROM round r
 WHERE r.council_id = (SELECT c.id FROM council c WHERE c.slug = $1)
   AND ($2::text IS NULL OR r.status = $2::text)
   AND ($3::bpchar[] IS NULL
        OR (SELECT true FROM round_member rm WHERE rm.round_id = r.id AND rm.municipality_number = ANY($3::bpchar[]) LIMIT 1))
   AND ($4::timestamptz IS NULL OR (r.launched_at, r.id) < ($4::timestamptz, $5::uuid))
 ORDER BY r.launched_at DESC, r.id DESC
 LIMIT $6`;

/** $1 round id, $2 the cursor's event id or null, $3 how many (null: all). On ix_event_round (round_id, id). */
export const EVENT_PAGE_SQL = `
SELECT e.id::text AS id,
       e.type,
       e.at,
       e.actor,
       e.data
  FROM event e
 WHERE e.round_id = $1
   AND ($2::bigint IS NULL OR e.id > $2::bigint)
 ORDER BY e.id
 LIMIT $3`;

interface EventRow {
  id: string;
  type: string;
  at: Date;
  actor: string;
  data: Record<string, unknown>;
}

/** A member's decision with every revision, newest last. */
export interface MemberDecisionView extends RoundMemberView {
  roundId: string;
  etag: string;
  revisions: Array<RevisionView & { registeredByName: string | null }>;
}

/** Reading rounds: a council's list, one round, one member's decision with its history, the audit trail. */
@Injectable()
export class ReadRoundsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * A page of summaries of the council's rounds the caller may see, newest launch first: staff see
   * all, a clerk those their municipality is in. One trip whatever the page size or history: the
   * council's access check and the page with its summaries, in one snapshot; the page is of no use
   * when the check refuses, and is not shown.
   */
  async list(actor: Actor, councilSlug: string, filter: RoundListFilter, page: PageRequest): Promise<Page<RoundSummaryView>> {
    const after = cursorKeyOf(ROUND_LIST_CURSOR, page);
    const now = this.clock.now();
    const [council, rows] = await readInOneTrip(this.dataSource, [
      CouncilAccess.statement(councilSlug, todayInOslo(now)),
      roundSummariesStatement(
        selectedRoundIds(ROUND_PAGE_SQL, [
          councilSlug,
          filter.status ?? null,
          // Staff see every round; a clerk only those of their municipalities (none matches an empty list).
          RoundAccess.electoratesSeenIn(actor, councilSlug),
          after?.[0] ?? null,
          after?.[1] ?? null,
          page.limit + 1,
        ]),
      ),
    ]);
    CouncilAccess.fromRows(actor, councilSlug, council);
    const { items, next } = pageOf(rows as RoundSummaryRow[], page.limit, ROUND_LIST_CURSOR, (row) => [row.launchedAtKey, row.id]);
    return { items: items.map((row) => roundSummaryOf(row, now)), next };
  }

  /** The whole round, in one trip: the access check and the view's four statements, each finding the round by its id. */
  async get(actor: Actor, roundId: string): Promise<RoundView> {
    const [access, ...view] = await readInOneTrip(this.dataSource, [
      RoundAccess.statement(roundId),
      ...roundViewStatements(givenRoundIds([RoundAccess.idOrNull(roundId)])),
    ]);
    RoundAccess.fromRows(actor, roundId, access);
    const [round] = roundViewsOf(roundViewRowsOf(view), [roundId], this.clock.now());
    if (!round) throw new Error(`Round ${roundId} is not there to read.`);
    return round;
  }

  async memberDecision(actor: Actor, roundId: string, municipalityNumber: string): Promise<MemberDecisionView> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const { round } = await RoundAccess.load(manager, actor, roundId);
      const member = await manager.getRepository(RoundMemberEntity).findOneBy({ roundId, municipalityNumber });
      if (!member) {
        throw ApplicationError.notFound('DECISION.NOT_IN_ELECTORATE', `${municipalityNumber} is not a member of this round.`, {
          municipalityNumber,
        });
      }
      const revisions = await manager
        .getRepository(MemberDecisionRevisionEntity)
        .find({ where: { roundId, municipalityNumber }, order: { revision: 'ASC' } });
      return {
        roundId,
        ...memberView(round, member, this.clock.now()),
        etag: memberEtag(roundId, member),
        revisions: await withNames(manager, revisions.map(revisionView), (revision) => revision.registeredBy, (revision, registeredByName) => ({
          ...revision,
          registeredByName,
        })),
      };
    });
  }

  /** The round's whole audit trail, oldest first, for the case file: as long as the round's own story, whatever the history beside it. */
  async events(actor: Actor, roundId: string): Promise<NamedEventView[]> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await RoundAccess.load(manager, actor, roundId);
      // LIMIT NULL is no limit.
      return namedEvents(manager, await manager.query<EventRow[]>(EVENT_PAGE_SQL, [roundId, null, null]));
    });
  }

  /** A page of the round's audit trail, oldest first, with the names of those who acted. */
  async eventPage(actor: Actor, roundId: string, page: PageRequest): Promise<Page<NamedEventView>> {
    const after = cursorKeyOf(EVENT_LIST_CURSOR, page);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await RoundAccess.load(manager, actor, roundId);
      const rows = await manager.query<EventRow[]>(EVENT_PAGE_SQL, [roundId, after?.[0] ?? null, page.limit + 1]);
      const { items, next } = pageOf(rows, page.limit, EVENT_LIST_CURSOR, (row) => [row.id]);
      return { items: await namedEvents(manager, items), next };
    });
  }
}

/** The events as the trail shows them, with the names of those who acted. */
function namedEvents(manager: EntityManager, rows: readonly EventRow[]): Promise<NamedEventView[]> {
  const views = rows.map((event) => ({ id: event.id, type: event.type, at: new Date(event.at).toISOString(), actor: event.actor, data: event.data }));
  return withNames(manager, views, (event) => event.actor, (event, actorName) => ({ ...event, actorName }));
}

/** Adds the names of the people behind subjects, in one query whatever the number of rows. */
async function withNames<T, R>(manager: EntityManager, rows: T[], subjectOf: (row: T) => string, named: (row: T, name: string | null) => R): Promise<R[]> {
  const subjects = [...new Set(rows.map(subjectOf))];
  // Sent even for no rows, so that every page costs the same number of queries.
  const people = await manager
    .getRepository(AppUserEntity)
    .createQueryBuilder('person')
    .select(['person.subject', 'person.name'])
    .where('person.subject = ANY(:subjects)', { subjects })
    .getMany();
  const names = new Map(people.map((person) => [person.subject, person.name]));
  return rows.map((row) => named(row, names.get(subjectOf(row)) ?? null));
}
