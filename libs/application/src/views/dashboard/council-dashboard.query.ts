import { EntityManager } from 'typeorm';
import { RoundEntity, RoundMemberEntity } from '@app/persistence';
import { ROUND_COLUMNS, ROUND_MEMBER_COLUMNS, RoundRow } from '../round-rows.query';

// What a council's dashboard costs besides the access check: these five queries, however many
// rounds the council has. The members and allocation lines of all open rounds are read at once.

/** $1 council id. The council's current members, the rows of the members × rounds matrix. */
export const CURRENT_MEMBERS_SQL = `
SELECT m.municipality_number AS "municipalityNumber",
       mu.name
  FROM membership m
  JOIN municipality mu ON mu.number = m.municipality_number
 WHERE m.council_id = $1
   AND m.left_on IS NULL
 ORDER BY m.municipality_number`;

/** $1 council id. The open rounds, the nearest deadline first. */
export const OPEN_ROUNDS_SQL = `
SELECT ${ROUND_COLUMNS}
  FROM round r
  LEFT JOIN agreement_version v ON v.id = r.agreement_version_id
 WHERE r.council_id = $1
   AND r.status = 'open'
 ORDER BY r.deadline, r.launched_at, r.id`;

/** $1 round ids. The electorate of each of those rounds with its decisions. */
export const MEMBERS_OF_ROUNDS_SQL = `
SELECT ${ROUND_MEMBER_COLUMNS}
  FROM round_member rm
 WHERE rm.round_id = ANY($1::uuid[])
 ORDER BY rm.round_id, rm.municipality_number`;

/** $1 round ids. The fee allocation frozen at launch, with each member's name at launch. */
export const ALLOCATION_LINES_SQL = `
SELECT a.round_id                               AS "roundId",
       a.municipality_number                    AS "municipalityNumber",
       coalesce(rm.name, a.municipality_number) AS name,
       a.current_fee_ore::text                  AS "currentFeeOre",
       a.new_fee_ore::text                      AS "newFeeOre",
       a.change_ore::text                       AS "changeOre"
  FROM round_allocation_line a
  LEFT JOIN round_member rm ON rm.round_id = a.round_id AND rm.municipality_number = a.municipality_number
 WHERE a.round_id = ANY($1::uuid[])
 ORDER BY a.round_id, a.municipality_number`;

/**
 * $1 council id, $2 how many. The rounds settled last, by their outcome. A settlement closes the
 * round at the instant of its outcome, so closed_at orders them: a walk down ix_round_council_settled
 * (council_id, closed_at, id) of the approved and rejected that stops after $2, however many the
 * council settled before.
 */
export const RECENTLY_SETTLED_SQL = `
SELECT r.id,
       r.title,
       o.status,
       o.settled_at                   AS "settledAt",
       o.decisive_municipality_number AS "decisiveMunicipalityNumber"
  FROM round r
  JOIN round_outcome o ON o.round_id = r.id
 WHERE r.council_id = $1
   AND r.status IN ('approved', 'rejected')
   AND r.closed_at IS NOT NULL
 ORDER BY r.closed_at DESC, r.id DESC
 LIMIT $2`;

export interface CurrentMemberRow {
  municipalityNumber: string;
  name: string;
}

export interface AllocationLineRow {
  roundId: string;
  municipalityNumber: string;
  name: string;
  currentFeeOre: string;
  newFeeOre: string;
  changeOre: string;
}

export interface SettledRoundRow {
  id: string;
  title: string;
  status: Extract<RoundEntity['status'], 'approved' | 'rejected'>;
  settledAt: Date;
  decisiveMunicipalityNumber: string;
}

/** Everything the dashboard shows besides the council itself, read in one snapshot. */
export interface CouncilDashboardRows {
  members: CurrentMemberRow[];
  openRounds: RoundRow[];
  roundMembers: RoundMemberEntity[];
  allocationLines: AllocationLineRow[];
  recentlySettled: SettledRoundRow[];
}

/** Runs the dashboard's queries one after another (one connection, one transaction). */
export async function readCouncilDashboardRows(manager: EntityManager, councilId: string, settledLimit: number): Promise<CouncilDashboardRows> {
  const members = await manager.query<CurrentMemberRow[]>(CURRENT_MEMBERS_SQL, [councilId]);
  const openRounds = await manager.query<RoundRow[]>(OPEN_ROUNDS_SQL, [councilId]);
  const ids = openRounds.map((round) => round.id);
  // Run even for no open rounds: the dashboard then costs the same number of queries every time.
  const roundMembers = await manager.query<RoundMemberEntity[]>(MEMBERS_OF_ROUNDS_SQL, [ids]);
  const allocationLines = await manager.query<AllocationLineRow[]>(ALLOCATION_LINES_SQL, [ids]);
  const recentlySettled = await manager.query<SettledRoundRow[]>(RECENTLY_SETTLED_SQL, [councilId, settledLimit]);
  return { members, openRounds, roundMembers, allocationLines, recentlySettled };
}
