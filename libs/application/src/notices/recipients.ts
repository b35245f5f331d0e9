import { EntityManager } from 'typeorm';

/** A person to notify and the municipality they act for (for the written standard of the text). */
export interface Recipient {
  userId: string;
  municipalityNumber: string | null;
}

/** The clerks of a municipality: who gets its reminders and overdue notices. */
export async function clerksOf(manager: EntityManager, municipalityNumber: string): Promise<Recipient[]> {
  return (await clerksOfEach(manager, [municipalityNumber])).get(municipalityNumber) ?? [];
}

/** The clerks of each of the municipalities, in one query; a municipality without one is absent. */
export async function clerksOfEach(manager: EntityManager, municipalityNumbers: readonly string[]): Promise<Map<string, Recipient[]>> {
  if (municipalityNumbers.length === 0) return new Map();
  const rows: Array<{ user_id: string; municipality_number: string }> = await manager.query(
    `SELECT g.user_id, g.municipality_number
       FROM role_grant g
      WHERE g.role = 'clerk' AND g.municipality_number = ANY($1::text[])
      ORDER BY g.municipality_number, g.user_id`,
    [[...new Set(municipalityNumbers)]],
  );
  return groupBy(rows, (row) => row.municipality_number, (row) => ({ userId: row.user_id, municipalityNumber: row.municipality_number }));
}

/** The secretariat and the leaders of a council: who gets escalations and outcomes. */
export async function staffOf(manager: EntityManager, councilId: string): Promise<Recipient[]> {
  return (await staffOfEach(manager, [councilId])).get(councilId) ?? [];
}

/** The secretariat and the leaders of each of the councils, in one query, each person once per council. */
export async function staffOfEach(manager: EntityManager, councilIds: readonly string[]): Promise<Map<string, Recipient[]>> {
  if (councilIds.length === 0) return new Map();
  const rows: Array<{ user_id: string; council_id: string }> = await manager.query(
    `SELECT DISTINCT g.council_id, g.user_id
       FROM role_grant g
       JOIN app_user u ON u.id = g.user_id
      WHERE g.role IN ('secretariat', 'leader') AND g.council_id = ANY($1::uuid[])
      ORDER BY g.council_id, g.user_id`,
    [[...new Set(councilIds)]],
  );
  return groupBy(rows, (row) => row.council_id, (row) => ({ userId: row.user_id, municipalityNumber: null }));
}

function groupBy<T, V>(rows: readonly T[], keyOf: (row: T) => string, valueOf: (row: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(valueOf(row));
    else groups.set(key, [valueOf(row)]);
  }
  return groups;
}
