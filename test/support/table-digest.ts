import { DataSource } from 'typeorm';

/** The tables a round's requests write to. */
export const ROUND_TABLES = [
  'round',
  'round_member',
  'member_decision_revision',
  'round_allocation_line',
  'round_outcome',
  'event',
  'idempotency_record',
  'fee_schedule',
  'outbox',
];

/** The tables the council endpoints write to. */
export const COUNCIL_TABLES = [
  'council',
  'municipality',
  'membership',
  'cost_key',
  'cost_key_weight',
  'fee_schedule',
  'fee_schedule_line',
  'agreement',
  'agreement_version',
  'event',
];

/**
 * Every row of the given tables, folded into a digest per table: equal digests before and after a
 * refused request show that it wrote nothing, not merely that the counts match.
 */
export async function tableDigests(dataSource: DataSource, tables: readonly string[]): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await dataSource.query(
      `SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${table}" t`,
    );
    digests[table] = row.digest as string;
  }
  return digests;
}
