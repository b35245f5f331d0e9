-- The floor: what one registration must leave in PostgreSQL, in one statement, so one round trip
-- (after the target's pick, which every script shares). The round's row lock comes first, then
-- the member, its revision and the event on the council's chain head; the last undecided member
-- (vb_pos 7) also settles the round: outcome, fee schedule from the allocation, the round.settled
-- and fee_schedule.in_force events after the decision's on the chain, and the jobs that follow.
-- The events carry the canonical content the audit verification recomputes.
-- Variables: the target's row (vb_round, vb_council, vb_pos, vb_m0 the registering member) and
-- the run's constants (vb_now, vb_today, vb_case, vb_protocol, vb_deadline, vb_reminders).
\if :vb_pos = 7
WITH locked AS (
  SELECT id FROM round WHERE id = ':vb_round' AND status = 'open' FOR UPDATE
),
member AS (
  UPDATE round_member m
     SET status = 'adopted', meeting_date = ':vb_today', body = 'kommunestyre', case_number = ':vb_case', protocol_ref = ':vb_protocol',
         revision = m.revision + 1, decided_sequence = nextval('member_decision_revision_sequence_seq'), updated_at = ':vb_now', overdue = false
   WHERE m.round_id = (SELECT id FROM locked) AND m.municipality_number = ':vb_m0'
  RETURNING m.round_id, m.municipality_number, m.revision, m.decided_sequence
),
revision AS (
  INSERT INTO member_decision_revision (round_id, municipality_number, revision, sequence, status, transition, meeting_date, body, case_number, protocol_ref, registered_by, registered_at)
  SELECT round_id, municipality_number, revision, decided_sequence, 'adopted', 'adopt', ':vb_today', 'kommunestyre', ':vb_case', ':vb_protocol', 'clerk.:vb_m0', ':vb_now' FROM member
),
closed AS (
  UPDATE round SET status = 'approved', closed_at = ':vb_now'
   WHERE id = (SELECT round_id FROM member)
  RETURNING id, fee_effective_from, GREATEST(fee_effective_from, ':vb_today'::date) AS in_force_from
),
outcome AS (
  INSERT INTO round_outcome (round_id, status, decisive_municipality_number, decisive_revision, settled_at)
  SELECT round_id, 'approved', municipality_number, revision, ':vb_now' FROM member
),
schedule AS (
  INSERT INTO fee_schedule (council_id, effective_from, in_force_from, source, reason, round_id)
  SELECT ':vb_council', fee_effective_from, in_force_from, 'round', 'Vedtatt i godkjenningsrunde :vb_round', id FROM closed
  RETURNING id, effective_from, in_force_from
),
lines AS (
  INSERT INTO fee_schedule_line (fee_schedule_id, municipality_number, amount_ore)
  SELECT schedule.id, line.municipality_number, line.new_fee_ore FROM schedule, round_allocation_line line WHERE line.round_id = ':vb_round'
),
head AS (
  SELECT hash FROM event_chain_head WHERE chain = ':vb_council' AND EXISTS (SELECT 1 FROM schedule) FOR UPDATE
),
chained AS (
  SELECT s.id AS schedule_id, s.effective_from, s.in_force_from, head.hash AS h0, one.h1, two.h2, two.c3,
         encode(sha256(convert_to(two.h2 || E'\n' || two.c3, 'UTF8')), 'hex') AS h3,
         nextval('event_id_seq') AS id1, nextval('event_id_seq') AS id2, nextval('event_id_seq') AS id3
    FROM schedule s, head,
         LATERAL (SELECT encode(sha256(convert_to(head.hash || E'\n' || '{"actor":"clerk.:vb_m0","at":":vb_now","councilId":":vb_council","data":{"after":{"body":"kommunestyre","caseNumber":":vb_case","meetingDate":":vb_today","protocolRef":":vb_protocol","status":"adopted"},"before":{"status":"pending"},"municipalityNumber":":vb_m0","reason":null,"revision":1,"transition":"adopt"},"roundId":":vb_round","type":"decision.registered"}', 'UTF8')), 'hex') AS h1) one,
         LATERAL (SELECT encode(sha256(convert_to(one.h1 || E'\n' || '{"actor":"clerk.:vb_m0","at":":vb_now","councilId":":vb_council","data":{"after":{"status":"approved"},"before":{"status":"open"},"decisiveMunicipalityNumber":":vb_m0"},"roundId":":vb_round","type":"round.settled"}', 'UTF8')), 'hex') AS h2,
                         format('{"actor":"clerk.:vb_m0","at":":vb_now","councilId":":vb_council","data":{"effectiveFrom":"%s","feeScheduleId":"%s","inForceFrom":"%s"},"roundId":":vb_round","type":"fee_schedule.in_force"}', s.effective_from, s.id, s.in_force_from) AS c3) two
),
moved AS (
  UPDATE event_chain_head h SET prev_hash = chained.h2, hash = chained.h3, event_id = chained.id3 FROM chained WHERE h.chain = ':vb_council'
),
events AS (
  INSERT INTO event (id, type, actor, council_id, round_id, data, at, prev_hash, hash)
  SELECT id1, 'decision.registered', 'clerk.:vb_m0', ':vb_council'::uuid, ':vb_round'::uuid,
         '{"after":{"body":"kommunestyre","caseNumber":":vb_case","meetingDate":":vb_today","protocolRef":":vb_protocol","status":"adopted"},"before":{"status":"pending"},"municipalityNumber":":vb_m0","reason":null,"revision":1,"transition":"adopt"}'::jsonb,
         ':vb_now'::timestamptz, h0, h1 FROM chained
  UNION ALL
  SELECT id2, 'round.settled', 'clerk.:vb_m0', ':vb_council', ':vb_round',
         '{"after":{"status":"approved"},"before":{"status":"open"},"decisiveMunicipalityNumber":":vb_m0"}'::jsonb, ':vb_now', h1, h2 FROM chained
  UNION ALL
  SELECT id3, 'fee_schedule.in_force', 'clerk.:vb_m0', ':vb_council', ':vb_round',
         jsonb_build_object('effectiveFrom', effective_from::text, 'feeScheduleId', schedule_id, 'inForceFrom', in_force_from::text), ':vb_now', h2, h3 FROM chained
)
INSERT INTO outbox (operation, job_name, job_id, payload, run_at)
SELECT 'remove', 'remove', 'reminder/:vb_round/:vb_m0/' || day, '{}'::jsonb, ':vb_now'::timestamptz FROM unnest(':vb_reminders'::text[]) AS day, member
UNION ALL
SELECT 'remove', 'remove', 'deadline/:vb_round/:vb_deadline', '{}'::jsonb, ':vb_now'::timestamptz FROM closed
UNION ALL
SELECT 'add', 'round.settled', 'settled/:vb_round', '{"roundId":":vb_round"}'::jsonb, ':vb_now'::timestamptz FROM closed
UNION ALL
SELECT 'add', 'round.in-force', 'in-force/:vb_round', '{"roundId":":vb_round"}'::jsonb, in_force_from::timestamp AT TIME ZONE 'Europe/Oslo' FROM closed;
\else
WITH locked AS (
  SELECT id FROM round WHERE id = ':vb_round' AND status = 'open' FOR UPDATE
),
member AS (
  UPDATE round_member m
     SET status = 'adopted', meeting_date = ':vb_today', body = 'kommunestyre', case_number = ':vb_case', protocol_ref = ':vb_protocol',
         revision = m.revision + 1, decided_sequence = nextval('member_decision_revision_sequence_seq'), updated_at = ':vb_now', overdue = false
   WHERE m.round_id = (SELECT id FROM locked) AND m.municipality_number = ':vb_m0'
  RETURNING m.round_id, m.municipality_number, m.revision, m.decided_sequence
),
revision AS (
  INSERT INTO member_decision_revision (round_id, municipality_number, revision, sequence, status, transition, meeting_date, body, case_number, protocol_ref, registered_by, registered_at)
  SELECT round_id, municipality_number, revision, decided_sequence, 'adopted', 'adopt', ':vb_today', 'kommunestyre', ':vb_case', ':vb_protocol', 'clerk.:vb_m0', ':vb_now' FROM member
),
moved AS (
  UPDATE event_chain_head h
     SET prev_hash = h.hash,
         hash = encode(sha256(convert_to(h.hash || E'\n' || '{"actor":"clerk.:vb_m0","at":":vb_now","councilId":":vb_council","data":{"after":{"body":"kommunestyre","caseNumber":":vb_case","meetingDate":":vb_today","protocolRef":":vb_protocol","status":"adopted"},"before":{"status":"pending"},"municipalityNumber":":vb_m0","reason":null,"revision":1,"transition":"adopt"},"roundId":":vb_round","type":"decision.registered"}', 'UTF8')), 'hex'),
         event_id = nextval('event_id_seq')
   WHERE h.chain = ':vb_council' AND EXISTS (SELECT 1 FROM member)
  RETURNING h.event_id, h.prev_hash, h.hash
),
events AS (
  INSERT INTO event (id, type, actor, council_id, round_id, data, at, prev_hash, hash)
  SELECT event_id, 'decision.registered', 'clerk.:vb_m0', ':vb_council', ':vb_round',
         '{"after":{"body":"kommunestyre","caseNumber":":vb_case","meetingDate":":vb_today","protocolRef":":vb_protocol","status":"adopted"},"before":{"status":"pending"},"municipalityNumber":":vb_m0","reason":null,"revision":1,"transition":"adopt"}',
         ':vb_now', prev_hash, hash FROM moved
)
INSERT INTO outbox (operation, job_name, job_id, payload, run_at)
SELECT 'remove', 'remove', 'reminder/:vb_round/:vb_m0/' || day, '{}', ':vb_now' FROM unnest(':vb_reminders'::text[]) AS day, member;
\endif
