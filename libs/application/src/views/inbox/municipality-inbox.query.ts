import { EntityManager } from 'typeorm';
import { FINAL_DECISIONS } from '@app/domain';
import { RoundEntity, RoundMemberEntity } from '@app/persistence';
import { ROUND_COLUMNS, ROUND_MEMBER_COLUMNS, RoundRow } from '../round-rows.query';

// What a municipality's inbox costs: these four queries, however many rounds and councils it is in.

/** $1 kommunenummer. */
export const MUNICIPALITY_SQL = `
SELECT mu.number,
       mu.name
  FROM municipality mu
 WHERE mu.number = $1`;

/**
 * $1 kommunenummer. The open rounds it is in the electorate of, whatever their council. An
 * electorate is the council's members at launch, and a membership is never deleted (leaving sets
 * left_on): so the open rounds of the councils it ever belonged to (ix_round_council_status), and
 * not its whole history of rounds, are the ones to look in.
 */
export const OPEN_ROUNDS_OF_MUNICIPALITY_SQL = `
SELECT ${ROUND_COLUMNS},
       c.slug AS "councilSlug",
       c.name AS "councilName"
  FROM round r
  JOIN council c ON c.id = r.council_id
  LEFT JOIN agreement_version v ON v.id = r.agreement_version_id
 WHERE r.council_id IN (SELECT ms.council_id FROM membership ms WHERE ms.municipality_number = $1)
   AND r.status = 'open'
   AND EXISTS (SELECT 1 FROM round_member m WHERE m.round_id = r.id AND m.municipality_number = $1)`;

/** $1 round ids, $2 kommunenummer. The municipality's own member of each of those rounds. */
export const OWN_MEMBERS_SQL = `
SELECT ${ROUND_MEMBER_COLUMNS}
  FROM round_member rm
 WHERE rm.round_id = ANY($1::uuid[])
   AND rm.municipality_number = $2`;

/**
 * $1 kommunenummer, $2 how many. The rounds its kommunestyre has decided, whatever their status,
 * the latest meeting first (the latest registration among one day's): a walk down
 * ix_round_member_decided, whose order and predicate this statement repeats word for word, that
 * stops after $2 however many rounds the municipality decided before.
 */
export const DECIDED_SQL = `
SELECT r.id,
       r.title,
       r.status,
       c.slug                                 AS "councilSlug",
       c.name                                 AS "councilName",
       rm.status                              AS "memberStatus",
       to_char(rm.meeting_date, 'YYYY-MM-DD') AS "meetingDate"
  FROM round_member rm
  JOIN round r ON r.id = rm.round_id
  JOIN council c ON c.id = r.council_id
 WHERE rm.municipality_number = $1
   AND rm.status IN (${FINAL_DECISIONS.map((status) => `'${status}'`).join(', ')})
 ORDER BY rm.meeting_date DESC NULLS LAST, rm.updated_at DESC NULLS LAST, rm.round_id
 LIMIT $2`;

export interface MunicipalityRow {
  number: string;
  name: string;
}

export interface InboxRoundRow extends RoundRow {
  councilSlug: string;
  councilName: string;
}

export interface DecidedRow {
  id: string;
  title: string;
  status: RoundEntity['status'];
  councilSlug: string;
  councilName: string;
  memberStatus: RoundMemberEntity['status'];
  meetingDate: string | null;
}

/** Everything the inbox shows, read in one snapshot. */
export interface MunicipalityInboxRows {
  municipality: MunicipalityRow;
  openRounds: InboxRoundRow[];
  ownMembers: RoundMemberEntity[];
  decided: DecidedRow[];
}

/** Runs the inbox's queries one after another (one connection, one transaction); null when there is no such municipality. */
export async function readMunicipalityInboxRows(manager: EntityManager, number: string, decidedLimit: number): Promise<MunicipalityInboxRows | null> {
  const [municipality] = await manager.query<MunicipalityRow[]>(MUNICIPALITY_SQL, [number]);
  if (!municipality) return null;
  const openRounds = await manager.query<InboxRoundRow[]>(OPEN_ROUNDS_OF_MUNICIPALITY_SQL, [number]);
  // Run even for no open rounds: the inbox then costs the same number of queries every time.
  const ownMembers = await manager.query<RoundMemberEntity[]>(OWN_MEMBERS_SQL, [openRounds.map((round) => round.id), number]);
  const decided = await manager.query<DecidedRow[]>(DECIDED_SQL, [number, decidedLimit]);
  return { municipality, openRounds, ownMembers, decided };
}
