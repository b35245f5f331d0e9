import { EntityManager } from 'typeorm';
import { IdempotencyRecordEntity, OneTripTransaction, RoundEntity, RoundMemberEntity, RoundOutcomeEntity } from '@app/persistence';
import { NewEvent, chainedEvent, APPEND_EVENT_SQL } from '../../audit/event-log';
import { OutboxJob } from '../../outbox/outbox';

/** Everything a registration reads, under the round's row lock, in one statement. */
export interface LockedRound {
  round: RoundEntity;
  councilSlug: string;
  /** Every member of the round, in kommunenummer order. */
  members: RoundMemberEntity[];
  outcome: RoundOutcomeEntity | null;
  /** The answer kept for the caller's Idempotency-Key, when there is one. */
  earlier: IdempotencyRecordEntity | null;
}

/**
 * Begins the transaction, locks the round FOR UPDATE (the row lock serialises every change to one
 * round: this is what settles it exactly once), then reads its council's slug, its members, its
 * outcome and the answer kept for the idempotency key, no matter how long the round's history: one
 * round trip. The lock and the read are two statements, not one: a statement that waited for the
 * lock still reads with the snapshot it started with, and would miss what the transaction it waited
 * for wrote; each statement of a trip takes its own snapshot when it starts.
 */
export async function lockRoundForRegistration(
  transaction: OneTripTransaction,
  roundId: string,
  idempotency: { actor: string; key: string | null },
): Promise<LockedRound | null> {
  const [[lockedRow], [row]] = await transaction.begin([
    { sql: `SELECT id FROM round WHERE id = $1::uuid FOR UPDATE`, parameters: [roundId] },
    { sql: READ_LOCKED_ROUND, parameters: [roundId, idempotency.actor, idempotency.key] },
  ]);
  if (!lockedRow || !row) return null;
  return {
    round: roundOf(row),
    councilSlug: row.council_slug,
    members: (row.members ?? []).map(memberOf),
    outcome: row.outcome ? outcomeOf(row.outcome) : null,
    earlier: row.earlier ? earlierOf(row.earlier) : null,
  };
}

/** What one registration writes: the revision, the member's row, the event, the jobs and the kept answer. */
export interface RegistrationWrite {
  member: RoundMemberEntity;
  /** The member's fields after the change; `decidedSequence` is `new` when the decision takes a new place in the order. */
  decidedSequence: 'new' | 'keep' | null;
  transition: string;
  reason: string | null;
  registeredBy: string;
  now: Date;
  event: NewEvent;
  jobs: { cancel: readonly string[]; add: readonly OutboxJob[] };
  idempotency: Pick<IdempotencyRecordEntity, 'actor' | 'key' | 'requestHash' | 'responseStatus' | 'responseBody' | 'responseEtag'> | null;
}

/**
 * Writes a registration in one statement: the revision (its sequence is the decision's place in
 * the order), the member's row, the event on its chain's head, the outbox rows and the kept answer.
 * With `commit` the transaction's COMMIT travels with it (nothing is written after it). Returns the
 * revision's sequence and the event's id.
 */
export async function writeRegistration(
  transaction: OneTripTransaction,
  write: RegistrationWrite,
  { commit }: { commit: boolean },
): Promise<{ sequence: string; eventId: string }> {
  const { member } = write;
  const chained = chainedEvent(write.event);
  const idempotency = write.idempotency;
  const parameters = [
    // $1 … $8: the event (APPEND_EVENT_SQL)
    ...chained.parameters,
    // $9 … $24: the revision and the member's row
    member.roundId,
    member.municipalityNumber,
    member.revision,
    write.transition,
    write.reason,
    write.registeredBy,
    write.now,
    member.status,
    member.meetingDate,
    member.nextMeetingDate,
    member.body,
    member.caseNumber,
    member.protocolRef,
    member.votes === null ? null : JSON.stringify(member.votes),
    member.note,
    member.overdue,
    // $25: how the decided sequence changes
    write.decidedSequence,
    // $26 … $30: the outbox rows
    ...outboxRows(write.jobs, write.now),
    // $31 … $36: the kept answer, when there is a key
    idempotency?.actor ?? null,
    idempotency?.key ?? null,
    idempotency?.requestHash ?? null,
    idempotency?.responseStatus ?? null,
    idempotency ? JSON.stringify(idempotency.responseBody) : null,
    idempotency?.responseEtag ?? null,
  ];
  const statement = { sql: WRITE_REGISTRATION, parameters };
  const [[row]] = commit ? await transaction.commit([statement]) : await transaction.send([statement]);
  return { sequence: row.sequence, eventId: row.event_id };
}

const READ_LOCKED_ROUND = `
  SELECT r.id, r.council_id, r.title, r.subject_type, r.agreement_version_id, r.fee_total_ore, r.cost_key,
         r.fee_effective_from::text AS fee_effective_from, r.round_to, r.decision_rule, r.deadline::text AS deadline,
         r.reminder_days_before, r.expires_automatically, r.is_public, r.status, r.status_reason, r.launched_by,
         r.launched_at, r.closed_at, r.lock_version,
         c.slug AS council_slug,
         (SELECT json_agg(json_build_object(
                   'roundId', m.round_id, 'municipalityNumber', m.municipality_number, 'name', m.name, 'status', m.status, 'revision', m.revision,
                   'overdue', m.overdue, 'meetingDate', m.meeting_date, 'nextMeetingDate', m.next_meeting_date, 'body', m.body,
                   'caseNumber', m.case_number, 'protocolRef', m.protocol_ref, 'votes', m.votes, 'note', m.note,
                   'decidedSequence', m.decided_sequence::text, 'updatedAt', m.updated_at, 'weight', m.weight::text) ORDER BY m.municipality_number)
            FROM round_member m WHERE m.round_id = r.id) AS members,
         (SELECT json_build_object('status', o.status, 'decisiveMunicipalityNumber', o.decisive_municipality_number,
                   'decisiveRevision', o.decisive_revision, 'settledAt', o.settled_at)
            FROM round_outcome o WHERE o.round_id = r.id) AS outcome,
         (SELECT json_build_object('requestHash', i.request_hash, 'responseStatus', i.response_status,
                   'responseBody', i.response_body, 'responseEtag', i.response_etag, 'createdAt', i.created_at)
            FROM idempotency_record i WHERE i.actor = $2::text AND i.key = $3::text) AS earlier
    FROM round r
    JOIN council c ON c.id = r.council_id
   WHERE r.id = $1::uuid`;

const WRITE_REGISTRATION = `
  WITH revision AS (
    INSERT INTO member_decision_revision
      (round_id, municipality_number, revision, transition, reason, registered_by, registered_at,
       status, meeting_date, next_meeting_date, body, case_number, protocol_ref, votes, note)
    VALUES ($9::uuid, $10::char(4), $11::int, $12::text, $13::text, $14::text, $15::timestamptz,
            $16::text, $17::date, $18::date, $19::text, $20::text, $21::text, $22::jsonb, $23::text)
    RETURNING sequence
  ),
  member AS (
    UPDATE round_member m
       SET status = $16::text, meeting_date = $17::date, next_meeting_date = $18::date, body = $19::text,
           case_number = $20::text, protocol_ref = $21::text, votes = $22::jsonb, note = $23::text,
           revision = $11::int, updated_at = $15::timestamptz, overdue = $24::boolean,
           decided_sequence = CASE $25::text WHEN 'new' THEN (SELECT sequence FROM revision)
                                             WHEN 'keep' THEN m.decided_sequence END
     WHERE m.round_id = $9::uuid AND m.municipality_number = $10::char(4)
    RETURNING 1
  ),
  ${APPEND_EVENT_SQL},
  jobs AS (
    INSERT INTO outbox (operation, job_name, job_id, payload, run_at)
    SELECT * FROM unnest($26::text[], $27::text[], $28::text[], $29::jsonb[], $30::timestamptz[])
    RETURNING 1
  ),
  kept AS (
    INSERT INTO idempotency_record (actor, key, request_hash, response_status, response_body, response_etag)
    SELECT $31::text, $32::text, $33::text, $34::int, $35::jsonb, $36::text WHERE $32::text IS NOT NULL
    RETURNING 1
  )
  SELECT (SELECT sequence FROM revision)::text AS sequence, (SELECT id FROM appended)::text AS event_id,
         (SELECT count(*) FROM member) AS members, (SELECT count(*) FROM jobs) AS jobs, (SELECT count(*) FROM kept) AS kept`;

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function roundOf(row: Row): RoundEntity {
  return Object.assign(new RoundEntity(), {
    id: row.id,
    councilId: row.council_id,
    title: row.title,
    subjectType: row.subject_type,
    agreementVersionId: row.agreement_version_id,
    feeTotalOre: row.fee_total_ore === null ? null : BigInt(row.fee_total_ore),
    costKey: row.cost_key,
    feeEffectiveFrom: row.fee_effective_from,
    roundTo: row.round_to,
    decisionRule: row.decision_rule,
    deadline: row.deadline,
    reminderDaysBefore: row.reminder_days_before,
    expiresAutomatically: row.expires_automatically,
    isPublic: row.is_public,
    status: row.status,
    statusReason: row.status_reason,
    launchedBy: row.launched_by,
    launchedAt: row.launched_at,
    closedAt: row.closed_at,
    lockVersion: row.lock_version,
  });
}

function memberOf(json: Row): RoundMemberEntity {
  return Object.assign(new RoundMemberEntity(), json, { updatedAt: json.updatedAt === null ? null : new Date(json.updatedAt) });
}

function outcomeOf(json: Row): RoundOutcomeEntity {
  return Object.assign(new RoundOutcomeEntity(), json, { settledAt: new Date(json.settledAt) });
}

function earlierOf(json: Row): IdempotencyRecordEntity {
  return Object.assign(new IdempotencyRecordEntity(), json, { createdAt: new Date(json.createdAt) });
}

/** What settling a round writes at once: its status, its outcome, the event and the jobs it cancels and adds. */
export interface SettlementWrite {
  round: Pick<RoundEntity, 'id' | 'status' | 'closedAt'>;
  outcome: RoundOutcomeEntity;
  event: NewEvent;
  jobs: { cancel: readonly string[]; add: readonly OutboxJob[] };
  now: Date;
}

/**
 * Settles in one statement. The outcome's primary key on round_id is the last guard: a second
 * outcome for a round cannot be written, whatever got past the row lock.
 */
export async function writeSettlement(manager: EntityManager, write: SettlementWrite): Promise<void> {
  const chained = chainedEvent(write.event);
  const jobs = outboxRows(write.jobs, write.now);
  await manager.query(WRITE_SETTLEMENT, [
    ...chained.parameters,
    write.round.id,
    write.round.status,
    write.round.closedAt,
    write.outcome.status,
    write.outcome.decisiveMunicipalityNumber,
    write.outcome.decisiveRevision,
    write.outcome.settledAt,
    ...jobs,
  ]);
}

/** Outbox rows as the five arrays the statements unnest: operation, job name, job id, payload, run at. */
function outboxRows(jobs: { cancel: readonly string[]; add: readonly OutboxJob[] }, now: Date): unknown[][] {
  const rows = [
    ...jobs.cancel.map((jobId) => ({ operation: 'remove', jobName: 'remove', jobId, payload: {}, runAt: now })),
    ...jobs.add.map((job) => ({ operation: 'add', jobName: job.name, jobId: job.jobId, payload: job.payload, runAt: job.runAt })),
  ];
  return [rows.map((row) => row.operation), rows.map((row) => row.jobName), rows.map((row) => row.jobId), rows.map((row) => JSON.stringify(row.payload)), rows.map((row) => row.runAt)];
}

const WRITE_SETTLEMENT = `
  WITH closed AS (
    UPDATE round SET status = $10::text, closed_at = $11::timestamptz, lock_version = lock_version + 1
     WHERE id = $9::uuid
    RETURNING 1
  ),
  outcome AS (
    INSERT INTO round_outcome (round_id, status, decisive_municipality_number, decisive_revision, settled_at)
    VALUES ($9::uuid, $12::text, $13::char(4), $14::int, $15::timestamptz)
    RETURNING 1
  ),
  ${APPEND_EVENT_SQL},
  jobs AS (
    INSERT INTO outbox (operation, job_name, job_id, payload, run_at)
    SELECT * FROM unnest($16::text[], $17::text[], $18::text[], $19::jsonb[], $20::timestamptz[])
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM closed) AS closed, (SELECT count(*) FROM outcome) AS outcomes,
         (SELECT count(*) FROM appended) AS events, (SELECT count(*) FROM jobs) AS jobs`;
