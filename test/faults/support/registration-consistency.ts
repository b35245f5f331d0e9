import { Registered } from './registration-load';

type Query = (sql: string, parameters?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * What must hold in the database after registrations under a fault, as a list of what does not
 * (empty: all is well). Each registration that was answered 200 is there, once, as the revision
 * the answer named; no registration is there twice; every revision has its event and every event
 * its revision; each member's current decision is its latest revision; each retried key has one
 * idempotency record.
 */
export async function registrationProblems(query: Query, run: string, registered: readonly Registered[]): Promise<string[]> {
  const problems: string[] = [];
  const revisions = await query(
    `SELECT round_id, municipality_number, revision, note FROM member_decision_revision WHERE note LIKE $1`,
    [`${run}-%`],
  );
  const byNote = new Map<string, Array<Record<string, unknown>>>();
  for (const row of revisions) byNote.set(row.note as string, [...(byNote.get(row.note as string) ?? []), row]);
  for (const { key, target, revision } of registered) {
    const rows = byNote.get(key) ?? [];
    if (rows.length !== 1) problems.push(`${key}: answered 200, but ${rows.length} revisions carry it`);
    else if (rows[0].round_id !== target.roundId || rows[0].municipality_number !== target.municipality || rows[0].revision !== revision) {
      problems.push(`${key}: answered as revision ${revision} of ${target.municipality}, stored as ${JSON.stringify(rows[0])}`);
    }
  }
  const answered = new Set(registered.map((r) => r.key));
  for (const [note, rows] of byNote) if (!answered.has(note)) problems.push(`${note}: ${rows.length} revisions of a registration never answered 200`);

  const withoutEvent = await query(
    `SELECT r.round_id, r.municipality_number, r.revision FROM member_decision_revision r
      WHERE NOT EXISTS (SELECT 1 FROM event e WHERE e.round_id = r.round_id AND e.type LIKE 'decision.%'
                          AND e.data->>'municipalityNumber' = r.municipality_number AND (e.data->>'revision')::int = r.revision)`,
  );
  for (const row of withoutEvent) problems.push(`revision without its event: ${JSON.stringify(row)}`);
  const withoutRevision = await query(
    `SELECT e.id, e.round_id, e.data->>'municipalityNumber' AS municipality_number, e.data->>'revision' AS revision FROM event e
      WHERE e.type LIKE 'decision.%' AND NOT EXISTS (SELECT 1 FROM member_decision_revision r WHERE r.round_id = e.round_id
              AND r.municipality_number = e.data->>'municipalityNumber' AND r.revision = (e.data->>'revision')::int)`,
  );
  for (const row of withoutRevision) problems.push(`event without its revision: ${JSON.stringify(row)}`);

  const members = await query(
    `SELECT m.round_id, m.municipality_number, m.revision, m.status, m.meeting_date::text AS meeting_date, m.note,
            l.revision AS latest, l.status AS latest_status, l.meeting_date::text AS latest_meeting_date, l.note AS latest_note,
            (SELECT count(*)::int FROM member_decision_revision r WHERE r.round_id = m.round_id AND r.municipality_number = m.municipality_number) AS revisions
       FROM round_member m
       LEFT JOIN LATERAL (SELECT * FROM member_decision_revision r WHERE r.round_id = m.round_id AND r.municipality_number = m.municipality_number
                           ORDER BY r.revision DESC LIMIT 1) l ON true`,
  );
  for (const m of members) {
    const current = [m.revision, m.status, m.meeting_date, m.note];
    const latest = [m.latest ?? 0, m.latest === null ? 'pending' : m.latest_status, m.latest_meeting_date, m.latest_note];
    if (JSON.stringify(current) !== JSON.stringify(latest)) problems.push(`member ${m.municipality_number} of ${m.round_id} is ${current}, its latest revision ${latest}`);
    if (m.revisions !== m.revision) problems.push(`member ${m.municipality_number} of ${m.round_id} is at revision ${m.revision} with ${m.revisions} revisions`);
  }

  const records = await query(`SELECT key, count(*)::int AS n FROM idempotency_record WHERE key LIKE $1 GROUP BY key`, [`${run}-%`]);
  const recorded = new Map(records.map((row) => [row.key as string, row.n as number]));
  for (const key of answered) if (recorded.get(key) !== 1) problems.push(`${key}: ${recorded.get(key) ?? 0} idempotency records`);
  return problems;
}
