import { DataSource } from 'typeorm';
import { CalendarDate } from '@app/domain';
import { RoundEntity, RoundMemberEntity, Rows, readInOneTrip } from '@app/persistence';
import { CouncilAccess } from '../../access/council-access';
import { ROUND_COLUMNS, RoundRow } from '../round-rows.query';
import { MEMBER_ON } from '../../councils/queries/membership-dates';

// What a council's dashboard costs: the access check and these five statements in one snapshot
// and one round trip, however many rounds the council has. Each finds the council by its slug
// (uq_council_slug) and the open rounds (ix_round_council_status) itself, so that none waits for
// another's answer; the members and allocation lines of all open rounds are read at once.

/** The council's id, from its slug ($1). */
const COUNCIL_ID = `(SELECT c.id FROM council c WHERE c.slug = $1)`;

/** The ids of the council's open rounds. */
const OPEN_ROUND_IDS = `(SELECT r.id FROM round r WHERE r.council_id = ${COUNCIL_ID} AND r.status = 'open')`;

/** $1 council slug, $2 today. The council's members today, the rows of the members × rounds matrix. */
export const CURRENT_MEMBERS_SQL = `
SELECT m.municipality_number AS "municipalityNumber",
       mu.name
  FROM membership m
  JOIN municipality mu ON mu.number = m.municipality_number
 WHERE m.council_id = ${COUNCIL_ID}
   AND ${MEMBER_ON('m', '$2::date')}
 ORDER BY m.municipality_number`;

/** $1 council slug. The open rounds, the nearest deadline first. */
export const OPEN_ROUNDS_SQL = `
SELECT ${ROUND_COLUMNS}
  FROM round r
  LEFT JOIN agreement_version v ON v.id = r.agreement_version_id
 WHERE r.council_id = ${COUNCIL_ID}
   AND r.status = 'open'
 ORDER BY r.deadline, r.launched_at, r.id`;

/**
 * $1 council slug. The electorate of each open round, what the matrix shows of each member: its
 * status, its meeting dates and whether a reminder pass has marked it overdue.
 */
export const MEMBERS_OF_OPEN_ROUNDS_SQL = `
SELECT rm.round_id                                 AS "roundId",
       rm.municipality_number                      AS "municipalityNumber",
       rm.status,
       rm.overdue,
       to_char(rm.meeting_date, 'YYYY-MM-DD')      AS "meetingDate",
       to_char(rm.next_meeting_date, 'YYYY-MM-DD') AS "nextMeetingDate"
  FROM round_member rm
 WHERE rm.round_id IN ${OPEN_ROUND_IDS}
 ORDER BY rm.round_id, rm.municipality_number`;

/** $1 council slug. The fee allocation of each open round frozen at launch, with each member's name at launch. */
export const ALLOCATION_LINES_SQL = `
SELECT a.round_id                               AS "roundId",
       a.municipality_number                    AS "municipalityNumber",
       coalesce(rm.name, a.municipality_number) AS name,
       a.current_fee_ore::text                  AS "currentFeeOre",
       a.new_fee_ore::text                      AS "newFeeOre",
       a.change_ore::text                       AS "changeOre"
  FROM round_allocation_line a
  LEFT JOIN round_member rm ON rm.round_id = a.round_id AND rm.municipality_number = a.municipality_number
 WHERE a.round_id IN ${OPEN_ROUND_IDS}
 ORDER BY a.round_id, a.municipality_number`;

/**
 * $1 council slug, $2 how many. The rounds settled last, by their outcome. A settlement closes the
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
 WHERE r.council_id = ${COUNCIL_ID}
   AND r.status IN ('approved', 'rejected')
   AND r.closed_at IS NOT NULL
 ORDER BY r.closed_at DESC, r.id DESC
 LIMIT $2`;

export interface CurrentMemberRow {
  municipalityNumber: string;
  name: string;
}

/** A member of an open round as the matrix shows it. */
export interface OpenRoundMemberRow {
  roundId: string;
  municipalityNumber: string;
  status: RoundMemberEntity['status'];
  overdue: boolean;
  meetingDate: string | null;
  nextMeetingDate: string | null;
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

/** Everything the dashboard shows, read in one snapshot: the rows of the access check, then the dashboard's own. */
export interface CouncilDashboardRows {
  access: Rows;
  members: CurrentMemberRow[];
  openRounds: RoundRow[];
  roundMembers: OpenRoundMemberRow[];
  allocationLines: AllocationLineRow[];
  recentlySettled: SettledRoundRow[];
}

/**
 * Reads the access check and the dashboard in one snapshot and one round trip. The dashboard's
 * statements are sent whatever the check will say: waiting for its answer would cost a second trip,
 * and for a council the caller may not see they find nothing or are not shown.
 */
export async function readCouncilDashboardRows(dataSource: DataSource, slug: string, settledLimit: number, today: CalendarDate): Promise<CouncilDashboardRows> {
  const bySlug = [slug];
  const [access, members, openRounds, roundMembers, allocationLines, recentlySettled] = await readInOneTrip(dataSource, [
    CouncilAccess.statement(slug, today),
    { sql: CURRENT_MEMBERS_SQL, parameters: [slug, today] },
    { sql: OPEN_ROUNDS_SQL, parameters: bySlug },
    { sql: MEMBERS_OF_OPEN_ROUNDS_SQL, parameters: bySlug },
    { sql: ALLOCATION_LINES_SQL, parameters: bySlug },
    { sql: RECENTLY_SETTLED_SQL, parameters: [slug, settledLimit] },
  ]);
  return {
    access,
    members: members as CurrentMemberRow[],
    openRounds: openRounds as RoundRow[],
    roundMembers: roundMembers as OpenRoundMemberRow[],
    allocationLines: allocationLines as AllocationLineRow[],
    recentlySettled: recentlySettled as SettledRoundRow[],
  };
}
