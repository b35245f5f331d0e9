import { DataSource } from 'typeorm';
import { FINAL_DECISIONS } from '@app/domain';
import { RoundEntity, RoundMemberEntity, readInOneTrip } from '@app/persistence';
import { ROUND_COLUMNS, ROUND_MEMBER_COLUMNS, RoundRow } from '../round-rows.query';

// What a municipality's inbox costs: these four statements in one snapshot and one round trip,
// however many rounds and councils it is in. Each finds what it needs from the kommunenummer
// itself, so that none waits for another's answer.

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

/**
 * $1 kommunenummer. The municipality's own member of each open round it is in: the rounds of
 * OPEN_ROUNDS_OF_MUNICIPALITY_SQL, its entries of ix_round_member_municipality.
 */
export const OWN_MEMBERS_SQL = `
SELECT ${ROUND_MEMBER_COLUMNS}
  FROM round_member rm
 WHERE rm.municipality_number = $1
   AND rm.round_id IN (SELECT r.id
                         FROM round r
                        WHERE r.council_id IN (SELECT ms.council_id FROM membership ms WHERE ms.municipality_number = $1)
                          AND r.status = 'open')`;

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

/**
 * Reads the inbox in one snapshot and one round trip; null when there is no such municipality.
 * The rounds' statements are sent whatever the first will say: for an unknown kommunenummer they
 * find nothing, and waiting for its answer would cost a second trip.
 */
export async function readMunicipalityInboxRows(dataSource: DataSource, number: string, decidedLimit: number): Promise<MunicipalityInboxRows | null> {
  const byNumber = [number];
  const [[municipality], openRounds, ownMembers, decided] = await readInOneTrip(dataSource, [
    { sql: MUNICIPALITY_SQL, parameters: byNumber },
    { sql: OPEN_ROUNDS_OF_MUNICIPALITY_SQL, parameters: byNumber },
    { sql: OWN_MEMBERS_SQL, parameters: byNumber },
    { sql: DECIDED_SQL, parameters: [number, decidedLimit] },
  ]);
  if (!municipality) return null;
  return {
    municipality: municipality as MunicipalityRow,
    openRounds: openRounds as InboxRoundRow[],
    ownMembers: ownMembers as RoundMemberEntity[],
    decided: decided as DecidedRow[],
  };
}
