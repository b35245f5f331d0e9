import { escapeLiteral } from 'pg';
import type { PoolClient, QueryResult } from 'pg';
import { prepareValue } from 'pg/lib/utils';
import { DataSource, EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import { QueryErrorLogger } from '@app/observability';

// Every round trip to PostgreSQL costs the api a socket write and a wait, and under load the
// writes are where its event loop spends most of its time. node-postgres sends one statement
// per round trip, but PostgreSQL's simple query protocol takes several statements at once, with
// their parameters written in as literals. These send what one request needs in as few trips as
// the work allows: a read in one snapshot in one trip, a transaction with its BEGIN travelling
// with its first statements and its COMMIT with its last.

/** A statement and its parameters, `$1` … `$n` as node-postgres binds them. */
export interface Statement {
  sql: string;
  parameters?: readonly unknown[];
}

export type Rows = Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * `sql` with every `$n` written in as the literal of `parameters[n − 1]`: the text node-postgres
 * would have bound (its own `prepareValue`: arrays as array literals, dates with their offset,
 * objects as JSON), quoted by its own `escapeLiteral`, or NULL. A literal is, like a bound
 * parameter, of a type yet unknown that the statement's casts and context decide, so the
 * statement means the same. Quoted strings, quoted names, comments and dollar-quoted bodies are
 * copied as they are.
 */
export function withLiterals(sql: string, parameters: readonly unknown[] = []): string {
  const literals = parameters.map(literalOf);
  return eachPlaceholder(sql, (n) => {
    if (n < 1 || n > literals.length) throw new RangeError(`The statement names $${n}, but ${literals.length} parameter(s) were given`);
    return literals[n - 1];
  });
}

/** `sql` with each `$n` outside quoted text, quoted names, comments and dollar-quoted bodies replaced by `replace(n)`. */
export function eachPlaceholder(sql: string, replace: (n: number) => string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const skipTo = c === "'" || c === '"' ? closing(sql, i, c) : c === '-' && sql[i + 1] === '-' ? lineEnd(sql, i) : c === '$' ? dollarQuoteEnd(sql, i) : -1;
    if (skipTo >= 0) {
      out += sql.slice(i, skipTo);
      i = skipTo;
      continue;
    }
    if (c === '$' && isDigit(sql[i + 1]) && !isWordChar(sql[i - 1])) {
      let j = i + 1;
      while (isDigit(sql[j])) j += 1;
      out += replace(Number(sql.slice(i + 1, j)));
      i = j;
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
}

function literalOf(value: unknown): string {
  const prepared = prepareValue(value as never);
  if (prepared === null || prepared === undefined) return 'NULL';
  return escapeLiteral(Buffer.isBuffer(prepared) ? `\\x${prepared.toString('hex')}` : String(prepared));
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isWordChar = (c: string | undefined) => c !== undefined && /[\w$]/.test(c);

/** Past the quote that closes the one at `start` (a doubled quote is part of the text). */
function closing(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return sql.length;
}

function lineEnd(sql: string, start: number): number {
  const end = sql.indexOf('\n', start);
  return end < 0 ? sql.length : end;
}

/** Past a dollar-quoted body starting at `start` ($$…$$ or $tag$…$tag$), or -1 when none starts there. */
function dollarQuoteEnd(sql: string, start: number): number {
  const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(start))?.[0];
  if (!tag || isWordChar(sql[start - 1])) return -1;
  const end = sql.indexOf(tag, start + tag.length);
  return end < 0 ? sql.length : end + tag.length;
}

/**
 * Sends the statements as one query of the simple protocol: one round trip, each statement's rows
 * in order. Several statements in one query run in one transaction unless they say otherwise; a
 * failing one ends the query there (the driver's error, as TypeORM's QueryFailedError).
 *
 * A statement that may be prepared (a SELECT, INSERT, UPDATE, DELETE, WITH or VALUES) is prepared
 * on the connection the first time it travels there (`PREPARE … AS`, in the same trip) and sent as
 * `EXECUTE name(literals)` from then on: PostgreSQL neither parses it again nor, once it settles on
 * a generic plan, plans it again, and the trip's text is a fraction of the size. The logger sees
 * what the trip means: each statement with its parameters written in.
 */
export async function sendInOneTrip(runner: QueryRunner, client: PoolClient, statements: readonly (Statement | string)[]): Promise<Rows[]> {
  const prepared = PreparedOnConnection.of(client);
  if (prepared.unknown) await prepared.forget();
  const parts: string[] = [];
  /** Where each statement's own rows are among the trip's results (a PREPARE answers too). */
  const resultAt: number[] = [];
  for (const each of statements) {
    const name = typeof each === 'string' ? null : preparedNameOf(each.sql);
    if (typeof each === 'string' || name === null) {
      resultAt.push(parts.length);
      parts.push(typeof each === 'string' ? each : withLiterals(each.sql, each.parameters));
      continue;
    }
    if (prepared.add(name.name)) parts.push(`PREPARE ${name.name} AS ${each.sql}`);
    resultAt.push(parts.length);
    const literals = (each.parameters ?? []).slice(0, name.parameters).map(literalOf);
    if (literals.length < name.parameters) throw new RangeError(`The statement names $${name.parameters}, but ${literals.length} parameter(s) were given`);
    parts.push(literals.length ? `EXECUTE ${name.name}(${literals.join(', ')})` : `EXECUTE ${name.name}`);
  }
  const meaning = () => statements.map((each) => (typeof each === 'string' ? each : withLiterals(each.sql, each.parameters))).join(';\n');
  // Through TypeORM's logger, as its own statements are: query logging and the tests' counters see
  // every trip. The product's own logger reads no query that succeeds: the meaning is not written out for it.
  const logger = runner.connection.logger;
  if (logger.logQuery !== QueryErrorLogger.prototype.logQuery) logger.logQuery(meaning(), undefined, runner);
  let results: QueryResult | QueryResult[];
  try {
    results = (await client.query(parts.join(';\n'))) as unknown as QueryResult | QueryResult[];
  } catch (error) {
    // Which of the trip's PREPAREs ran before it failed is not told (they outlive a rollback): the
    // connection's next trip starts from none.
    prepared.unknown = true;
    throw new QueryFailedError(meaning(), undefined, error as Error);
  }
  const all = Array.isArray(results) ? results : [results];
  return resultAt.map((index) => all[index]?.rows ?? []);
}

/** The statements prepared on one connection, by name; kept with the connection as long as it lives. */
class PreparedOnConnection {
  private static readonly byConnection = new WeakMap<PoolClient, PreparedOnConnection>();
  private readonly names = new Set<string>();
  /** Set when a trip failed: what it prepared before failing is unknown. */
  unknown = false;

  private constructor(private readonly client: PoolClient) {}

  static of(client: PoolClient): PreparedOnConnection {
    let prepared = PreparedOnConnection.byConnection.get(client);
    if (!prepared) PreparedOnConnection.byConnection.set(client, (prepared = new PreparedOnConnection(client)));
    return prepared;
  }

  /** Whether `name` is new to the connection; it counts as prepared from now on. */
  add(name: string): boolean {
    if (this.names.has(name)) return false;
    this.names.add(name);
    return true;
  }

  /** Deallocates every statement prepared on the connection (a trip of its own, only after a failure). */
  async forget(): Promise<void> {
    await this.client.query('DEALLOCATE ALL');
    this.names.clear();
    this.unknown = false;
  }
}

/** Statement texts prepared so far, by text: the same name on every connection of the process. */
const preparedNames = new Map<string, { name: string; parameters: number } | null>();
/** Beyond this many distinct texts (say, built with a varying number of values) the rest are sent as they are. */
const MOST_PREPARED = 500;
const PREPARABLE = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|VALUES)\b/i;

function preparedNameOf(sql: string): { name: string; parameters: number } | null {
  const known = preparedNames.get(sql);
  if (known !== undefined) return known;
  if (preparedNames.size >= MOST_PREPARED) return null;
  const name = PREPARABLE.test(sql) ? { name: `one_trip_${preparedNames.size + 1}`, parameters: highestPlaceholder(sql) } : null;
  preparedNames.set(sql, name);
  return name;
}

/** The highest `$n` of a statement outside quoted text, comments and dollar-quoted bodies (0 when none). */
function highestPlaceholder(sql: string): number {
  let highest = 0;
  eachPlaceholder(sql, (n) => {
    highest = Math.max(highest, n);
    return '';
  });
  return highest;
}

export type ReadIsolation = 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * Reads in one snapshot and one round trip: `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`,
 * the statements, `COMMIT`. Returns each statement's rows.
 */
export async function readInOneTrip(dataSource: DataSource, statements: readonly Statement[], isolation: ReadIsolation = 'REPEATABLE READ'): Promise<Rows[]> {
  const runner = dataSource.createQueryRunner('slave');
  try {
    const client = (await runner.connect()) as PoolClient;
    try {
      const rows = await sendInOneTrip(runner, client, [`BEGIN ISOLATION LEVEL ${isolation} READ ONLY`, ...statements, 'COMMIT']);
      return rows.slice(1, -1);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await runner.release();
  }
}

/**
 * A read-write transaction (READ COMMITTED) on one connection whose BEGIN is sent with its first
 * statements (`begin`) and whose COMMIT with its last (`commit`); `send` in between. What is not
 * on the hot path may use `manager` (TypeORM, on the same connection and in the same transaction).
 * When `work` returns without committing, COMMIT is sent; when it throws, ROLLBACK.
 */
export class OneTripTransaction {
  private state: 'new' | 'open' | 'done' = 'new';

  private constructor(
    private readonly runner: QueryRunner,
    private readonly client: PoolClient,
  ) {}

  static async run<T>(dataSource: DataSource, work: (transaction: OneTripTransaction) => Promise<T>): Promise<T> {
    const runner = dataSource.createQueryRunner('master');
    try {
      const transaction = new OneTripTransaction(runner, (await runner.connect()) as PoolClient);
      try {
        const result = await work(transaction);
        if (transaction.state === 'open') await transaction.commit([]);
        return result;
      } catch (error) {
        await transaction.rollback();
        throw error;
      }
    } finally {
      inTransaction(runner, false);
      await runner.release();
    }
  }

  /** TypeORM on this transaction's connection (begun first, when it is not yet). */
  async manager(): Promise<EntityManager> {
    if (this.state === 'new') await this.begin([]);
    return this.runner.manager;
  }

  /** BEGIN and the first statements, in one trip. */
  async begin(statements: readonly Statement[]): Promise<Rows[]> {
    if (this.state !== 'new') throw new Error('The transaction has begun already');
    this.state = 'open';
    // TypeORM, when used on this connection, then works inside this transaction rather than starting one.
    inTransaction(this.runner, true);
    return (await sendInOneTrip(this.runner, this.client, ['BEGIN', ...statements])).slice(1);
  }

  /** Statements inside the transaction, in one trip. */
  async send(statements: readonly Statement[]): Promise<Rows[]> {
    if (this.state !== 'open') throw new Error('The transaction is not open');
    return sendInOneTrip(this.runner, this.client, statements);
  }

  /** The last statements and COMMIT, in one trip. */
  async commit(statements: readonly Statement[]): Promise<Rows[]> {
    if (this.state !== 'open') throw new Error('The transaction is not open');
    const rows = await sendInOneTrip(this.runner, this.client, [...statements, 'COMMIT']);
    this.state = 'done';
    inTransaction(this.runner, false);
    return rows.slice(0, -1);
  }

  private async rollback(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'done';
    inTransaction(this.runner, false);
    await this.client.query('ROLLBACK').catch(() => undefined);
  }
}

/** Tells TypeORM's query runner whether a transaction is open on its connection (it only tracks those it began). */
function inTransaction(runner: QueryRunner, active: boolean): void {
  (runner as { isTransactionActive: boolean }).isTransactionActive = active;
}
