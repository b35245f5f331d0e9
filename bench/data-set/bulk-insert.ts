import { ClientBase } from 'pg';

/** A column of a bulk insert: its name, its PostgreSQL type, and how a row gives its value. */
export interface Column<T> {
  name: string;
  type: string;
  value: (row: T) => unknown;
}

/** A column of a bulk insert, briefly. */
export function column<T>(name: string, type: string, value: (row: T) => unknown): Column<T> {
  return { name, type, value };
}

// Small enough that a chunk in the making is little to carry through a young collection.
const ROWS_PER_STATEMENT = 1_000;

/**
 * Inserts rows a thousand at a time, each chunk one JSON document turned into rows by
 * json_to_recordset: one prepared statement, whatever the number of rows, and serialising it is
 * JSON.stringify's native work rather than escaping array literals value by value. The next chunk
 * is made (and the rows behind it, when they come from a generator) while the database writes the
 * last one, so both processors of a small machine work.
 */
export async function insertAll<T>(client: ClientBase, table: string, columns: readonly Column<T>[], rows: Iterable<T>): Promise<number> {
  const names = columns.map((c) => c.name).join(', ');
  // A jsonb value travels as its text: PostgreSQL parses that faster than a nested document it would take apart and put together again.
  const selected = columns.map((c) => (c.type === 'jsonb' ? `${c.name}::jsonb` : c.name)).join(', ');
  const record = columns.map((c) => `${c.name} ${c.type === 'jsonb' ? 'text' : c.type}`).join(', ');
  const text = `INSERT INTO ${table} (${names}) SELECT ${selected} FROM json_to_recordset($1::json) AS r(${record})`;
  const name = `bulk-${table}-${names.replace(/, /g, '-')}`.slice(0, 63);
  let writing: Promise<unknown> = Promise.resolve();
  let count = 0;
  for (const chunk of chunks(rows)) {
    const document = JSON.stringify(chunk.map((row) => recordOf(columns, row)));
    await writing;
    writing = client.query({ name, text, values: [document] });
    count += chunk.length;
  }
  await writing;
  return count;
}

function recordOf<T>(columns: readonly Column<T>[], row: T): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const c of columns) {
    const value = c.value(row);
    // JSON has no bigint: it goes as text, which PostgreSQL reads into a bigint or numeric column.
    values[c.name] = typeof value === 'bigint' ? value.toString() : c.type === 'jsonb' && value !== null ? JSON.stringify(value) : value;
  }
  return values;
}

function* chunks<T>(rows: Iterable<T>): Generator<T[]> {
  let chunk: T[] = [];
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === ROWS_PER_STATEMENT) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
