import { EntityManager } from 'typeorm';
import { RoundEntity, RoundMemberEntity } from '@app/persistence';
import { ROUND_COLUMNS, ROUND_MEMBER_COLUMNS } from '../views/round-rows.query';

// What whole rounds cost, one or a page of them: these four queries, read into plain rows (no ORM
// hydration: a page of fifty rounds has about a thousand member and allocation rows).

/** $1 round ids. The rounds with their council's slug and their agreement version's title. */
export const ROUNDS_SQL = `
SELECT ${ROUND_COLUMNS},
       c.slug                                      AS council,
       r.status_reason                             AS "statusReason",
       r.decision_rule                             AS "decisionRule",
       r.reminder_days_before                      AS "reminderDaysBefore",
       r.is_public                                 AS "isPublic",
       r.launched_at                               AS "launchedAt",
       r.launched_by                               AS "launchedBy"
  FROM round r
  JOIN council c ON c.id = r.council_id
  LEFT JOIN agreement_version v ON v.id = r.agreement_version_id
 WHERE r.id = ANY($1::uuid[])`;

/** $1 round ids. Their electorates with the decisions, by kommunenummer. */
export const MEMBERS_SQL = `
SELECT ${ROUND_MEMBER_COLUMNS}
  FROM round_member rm
 WHERE rm.round_id = ANY($1::uuid[])
 ORDER BY rm.round_id, rm.municipality_number`;

/** $1 round ids. The outcomes of those settled. */
export const OUTCOMES_SQL = `
SELECT o.round_id                     AS "roundId",
       o.status,
       o.settled_at                   AS "settledAt",
       o.decisive_municipality_number AS "decisiveMunicipalityNumber"
  FROM round_outcome o
 WHERE o.round_id = ANY($1::uuid[])`;

/** $1 round ids. The fee allocations frozen at launch, by kommunenummer. */
export const ALLOCATION_SQL = `
SELECT a.round_id              AS "roundId",
       a.municipality_number   AS "municipalityNumber",
       a.weight::text          AS weight,
       a.current_fee_ore::text AS "currentFeeOre",
       a.new_fee_ore::text     AS "newFeeOre",
       a.change_ore::text      AS "changeOre"
  FROM round_allocation_line a
 WHERE a.round_id = ANY($1::uuid[])
 ORDER BY a.round_id, a.municipality_number`;

/** A row of ROUNDS_SQL: what a round view needs of the round itself. */
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

/** Everything the views of these rounds show, read one query after another (one connection, one transaction). */
export async function readRoundViewRows(manager: EntityManager, ids: readonly string[]) {
  const parameters = [[...ids]];
  const rounds = await manager.query<RoundViewRow[]>(ROUNDS_SQL, parameters);
  // Named as RoundMemberEntity names its fields, so the rounds' member view applies as it is.
  const members = await manager.query<RoundMemberEntity[]>(MEMBERS_SQL, parameters);
  const outcomes = await manager.query<OutcomeRow[]>(OUTCOMES_SQL, parameters);
  const allocation = await manager.query<AllocationRow[]>(ALLOCATION_SQL, parameters);
  return { rounds, members, outcomes, allocation };
}
