import { EntityManager } from 'typeorm';
import { UNDECIDED_STATUSES } from '@app/domain';
import { RoundEntity, RoundMemberEntity, Rows, Statement } from '@app/persistence';
import { instantKeySql } from '../paging/page-cursor';
import { ROUND_COLUMNS, ROUND_MEMBER_COLUMNS } from '../views/round-rows.query';
import type { ElectorateChangeView } from './round.view';

// What whole rounds cost, one or a page of them: four statements, read into plain rows (no ORM
// hydration: a page of fifty rounds has about a thousand member and allocation rows); a page of
// round summaries, one. Each finds its rounds by a `uuid[]` written in SQL: the ids as a
// parameter, or a sub-select of the page itself, so that a read sends them all with its access
// check in one trip, none waiting on another's answer.

/** Which rounds the statements read: SQL of type `uuid[]` and its parameters. */
export interface RoundIdsSql {
  sql: string;
  parameters: readonly unknown[];
}

/** The rounds of these ids (a malformed id finds none). */
export function givenRoundIds(ids: readonly (string | null)[]): RoundIdsSql {
  return { sql: '$1::uuid[]', parameters: [[...ids]] };
}

/**
 * The rounds whose ids a sub-select gives (its `id` column). As an array the sub-select is run
 * once and the rounds are sought on their keys; joined to it, a planner may rather hash a table.
 */
export function selectedRoundIds(select: string, parameters: readonly unknown[]): RoundIdsSql {
  return { sql: `ARRAY(SELECT selected.id FROM (${select}) selected)`, parameters };
}

/** The rounds with their council's slug and their agreement version's title. */
const roundsSql = (ids: string) => `
SELECT ${ROUND_COLUMNS},
       c.slug                                      AS council,
       r.status_reason                             AS "statusReason",
       r.reminder_days_before                      AS "reminderDaysBefore",
       r.is_public                                 AS "isPublic",
       r.launched_at                               AS "launchedAt",
       r.launched_by                               AS "launchedBy",
       (SELECT coalesce(jsonb_agg(jsonb_build_object(
                 'at', e.amended_at, 'by', e.amended_by, 'reason', e.reason, 'change', e.change,
                 'municipalityNumber', e.municipality_number, 'name', e.name, 'status', e.status, 'successor', e.successor)
               ORDER BY e.sequence), '[]'::jsonb)
          FROM round_electorate_change e
         WHERE e.round_id = r.id)                  AS "electorateChanges"
  FROM round r
  JOIN council c ON c.id = r.council_id
  LEFT JOIN agreement_version v ON v.id = r.agreement_version_id
 WHERE r.id = ANY(${ids})`;

/** Their electorates with the decisions, by kommunenummer. */
const membersSql = (ids: string) => `
SELECT ${ROUND_MEMBER_COLUMNS}
  FROM round_member rm
 WHERE rm.round_id = ANY(${ids})
 ORDER BY rm.round_id, rm.municipality_number`;

/** The outcomes of those settled. */
const outcomesSql = (ids: string) => `
SELECT o.round_id                     AS "roundId",
       o.status,
       o.settled_at                   AS "settledAt",
       o.decisive_municipality_number AS "decisiveMunicipalityNumber"
  FROM round_outcome o
 WHERE o.round_id = ANY(${ids})`;

/** The fee allocations frozen at launch, by kommunenummer. */
const allocationSql = (ids: string) => `
SELECT a.round_id              AS "roundId",
       a.municipality_number   AS "municipalityNumber",
       a.weight::text          AS weight,
       a.current_fee_ore::text AS "currentFeeOre",
       a.new_fee_ore::text     AS "newFeeOre",
       a.change_ore::text      AS "changeOre"
  FROM round_allocation_line a
 WHERE a.round_id = ANY(${ids})
 ORDER BY a.round_id, a.municipality_number`;

/** A row of the rounds statement: what a round view needs of the round itself. */
export interface RoundViewRow extends Pick<RoundEntity, 'id' | 'title' | 'status' | 'statusReason' | 'subjectType' | 'costKey' | 'feeEffectiveFrom' | 'roundTo'> {
  council: string;
  versionId: string | null;
  versionTitle: string | null;
  versionEffectiveFrom: string | null;
  feeTotalOre: string | null;
  decisionRule: RoundEntity['decisionRule'];
  deadline: string;
  reminderDaysBefore: number[];
  isPublic: boolean;
  launchedAt: Date;
  launchedBy: string;
  electorateChanges: ElectorateChangeView[];
}

export interface OutcomeRow {
  roundId: string;
  status: 'approved' | 'rejected';
  settledAt: Date;
  decisiveMunicipalityNumber: string;
}

export interface AllocationRow {
  roundId: string;
  municipalityNumber: string;
  weight: string;
  currentFeeOre: string;
  newFeeOre: string;
  changeOre: string;
}

/** Everything the views of some rounds show. */
export interface RoundViewRows {
  rounds: RoundViewRow[];
  // Named as RoundMemberEntity names its fields, so the rounds' member view applies as it is.
  members: RoundMemberEntity[];
  outcomes: OutcomeRow[];
  allocation: AllocationRow[];
}

/** The four statements of the rounds' views, in the order `roundViewRowsOf` reads their rows. */
export function roundViewStatements(ids: RoundIdsSql): Statement[] {
  return [roundsSql, membersSql, outcomesSql, allocationSql].map((sql) => ({ sql: sql(ids.sql), parameters: ids.parameters }));
}

/** The rows of the four statements of `roundViewStatements`, as they came. */
export function roundViewRowsOf([rounds, members, outcomes, allocation]: readonly Rows[]): RoundViewRows {
  return { rounds: rounds as RoundViewRow[], members: members as RoundMemberEntity[], outcomes: outcomes as OutcomeRow[], allocation: allocation as AllocationRow[] };
}

/** Everything the views of these rounds show, read one statement after another (one connection, one transaction). */
export async function readRoundViewRows(manager: EntityManager, ids: readonly string[]): Promise<RoundViewRows> {
  const results: Rows[] = [];
  for (const statement of roundViewStatements(givenRoundIds(ids))) results.push(await manager.query(statement.sql, [...(statement.parameters ?? [])]));
  return roundViewRowsOf(results);
}

/**
 * The summaries of the rounds, in the round lists' order, newest launch first: the round, its
 * outcome, and its members counted by status, with no row per member (and those undecided and
 * not marked overdue, who fall overdue once the deadline has passed).
 */
export function roundSummariesStatement(ids: RoundIdsSql): Statement {
  const undecided = ids.parameters.length + 1;
  return {
    sql: `
SELECT ${ROUND_COLUMNS},
       ${instantKeySql('r.launched_at')} AS "launchedAtKey",
       c.slug                                      AS council,
       r.status_reason                             AS "statusReason",
       r.is_public                                 AS "isPublic",
       r.launched_at                               AS "launchedAt",
       r.closed_at                                 AS "closedAt",
       o.status                                    AS "outcomeStatus",
       o.settled_at                                AS "settledAt",
       o.decisive_municipality_number              AS "decisiveMunicipalityNumber",
       progress.*
  FROM round r
  JOIN council c ON c.id = r.council_id
  LEFT JOIN agreement_version v ON v.id = r.agreement_version_id
  LEFT JOIN round_outcome o ON o.round_id = r.id
 CROSS JOIN LATERAL (
       SELECT count(*)::int                                                       AS total,
              count(*) FILTER (WHERE rm.status = 'pending')::int                  AS pending,
              count(*) FILTER (WHERE rm.status = 'scheduled')::int                AS scheduled,
              count(*) FILTER (WHERE rm.status = 'adopted')::int                  AS adopted,
              count(*) FILTER (WHERE rm.status = 'rejected')::int                 AS rejected,
              count(*) FILTER (WHERE rm.status = 'adopted_with_amendments')::int  AS adopted_with_amendments,
              count(*) FILTER (WHERE rm.status = 'postponed')::int                AS postponed,
              count(*) FILTER (WHERE rm.overdue)::int                             AS "markedOverdue",
              count(*) FILTER (WHERE NOT rm.overdue AND rm.status = ANY($${undecided}::text[]))::int AS "undecidedNotMarked"
         FROM round_member rm
        WHERE rm.round_id = r.id) progress
 WHERE r.id = ANY(${ids.sql})
 ORDER BY r.launched_at DESC, r.id DESC`,
    parameters: [...ids.parameters, UNDECIDED_STATUSES],
  };
}

/** A row of `roundSummariesStatement`. */
export interface RoundSummaryRow extends Omit<RoundViewRow, 'reminderDaysBefore' | 'launchedBy'> {
  launchedAtKey: string;
  closedAt: Date | null;
  outcomeStatus: OutcomeRow['status'] | null;
  settledAt: Date | null;
  decisiveMunicipalityNumber: string | null;
  total: number;
  pending: number;
  scheduled: number;
  adopted: number;
  rejected: number;
  adopted_with_amendments: number;
  postponed: number;
  /** Members the deadline sweep has marked overdue. */
  markedOverdue: number;
  /** Undecided members not (yet) marked: overdue too once the deadline has passed. */
  undecidedNotMarked: number;
}
