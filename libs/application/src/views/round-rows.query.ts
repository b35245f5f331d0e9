import { Money } from '@app/domain';
import { RoundEntity } from '@app/persistence';
import { SubjectView } from '../rounds/round.view';

// The columns both views read of a round and of its members, written once. Dates leave the
// database as text: the pg driver would otherwise turn a `date` into a local-time Date.

/** A round as the views read it (`r`, with its agreement version `v` left-joined). */
export const ROUND_COLUMNS = `r.id,
       r.title,
       r.status,
       r.subject_type                              AS "subjectType",
       r.agreement_version_id                      AS "versionId",
       v.title                                     AS "versionTitle",
       to_char(v.effective_from, 'YYYY-MM-DD')     AS "versionEffectiveFrom",
       r.fee_total_ore::text                       AS "feeTotalOre",
       r.cost_key                                  AS "costKey",
       to_char(r.fee_effective_from, 'YYYY-MM-DD') AS "feeEffectiveFrom",
       r.round_to                                  AS "roundTo",
       r.decision_rule                             AS "decisionRule",
       to_char(r.deadline, 'YYYY-MM-DD')           AS deadline`;

/** A member of a round (`rm`), named as RoundMemberEntity names its fields, so the rounds' own views apply. */
export const ROUND_MEMBER_COLUMNS = `rm.round_id                                 AS "roundId",
       rm.municipality_number                      AS "municipalityNumber",
       rm.name,
       rm.status,
       rm.revision,
       rm.overdue,
       to_char(rm.meeting_date, 'YYYY-MM-DD')      AS "meetingDate",
       to_char(rm.next_meeting_date, 'YYYY-MM-DD') AS "nextMeetingDate",
       rm.body,
       rm.case_number                              AS "caseNumber",
       rm.protocol_ref                             AS "protocolRef",
       rm.votes,
       rm.note,
       rm.decided_sequence::text                   AS "decidedSequence",
       rm.updated_at                               AS "updatedAt"`;

/** A row of ROUND_COLUMNS. */
export interface RoundRow {
  id: string;
  title: string;
  status: RoundEntity['status'];
  subjectType: RoundEntity['subjectType'];
  versionId: string | null;
  versionTitle: string | null;
  versionEffectiveFrom: string | null;
  feeTotalOre: string | null;
  costKey: string | null;
  feeEffectiveFrom: string | null;
  roundTo: 'ore' | 'krone' | null;
  decisionRule: RoundEntity['decisionRule'];
  deadline: string;
}

/** What the round asks the kommunestyrer to decide, as GET /api/rounds/{id} shows it. */
export function subjectOf(row: RoundRow): SubjectView {
  return row.subjectType === 'agreement'
    ? { type: 'agreement', versionId: row.versionId!, versionTitle: row.versionTitle ?? '', effectiveFrom: row.versionEffectiveFrom ?? '' }
    : {
        type: 'fees',
        total: Money.fromOre(BigInt(row.feeTotalOre!)).toNok(),
        costKey: row.costKey!,
        effectiveFrom: row.feeEffectiveFrom!,
        roundTo: row.roundTo!,
      };
}

