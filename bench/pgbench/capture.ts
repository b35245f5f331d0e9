// What the api actually sends PostgreSQL for one request, read from the server's own log: the
// bench database gets log_statement = 'all' for a moment, the requests are sent one at a time,
// and the bench writes a mark between two of them from a connection of its own.
import { Client } from 'pg';
import { eachPlaceholder } from '@app/persistence';
import { Superuser } from '../../test/support/superuser';

/** One statement as the server ran it: simple queries have no parameters (null). */
export interface CapturedStatement {
  sql: string;
  params: Array<string | null> | null;
}

/** The server log's file, and where it ended before the capture began. */
interface LogPosition {
  path: string;
  offset: number;
}

const MARK = 'vedtak-bench-mark:';
/** pg_read_binary_file answers in hex through psql: 256 kB a call stays well within its output buffer. */
const CHUNK = 256 * 1024;

/**
 * Runs `send` with log_statement = 'all' on the database and returns, for each mark it placed,
 * the statements the api's connections ran between that mark and the next one. Every session
 * opened after the setting is logged: the api must be started inside `send`.
 */
export async function captureStatements(
  superuser: Superuser,
  databaseUrl: string,
  send: (mark: (label: string) => Promise<void>) => Promise<void>,
): Promise<Map<string, CapturedStatement[]>> {
  const database = new URL(databaseUrl).pathname.slice(1);
  const prefix = (await superuser.sql(database, `SHOW log_line_prefix`)).trim();
  if (!prefix.includes('[%p]')) throw new Error(`log_line_prefix "${prefix}" does not show the process id as [%p]: the statements cannot be told apart`);
  const position = await logPosition(superuser, database);
  await superuser.sql(database, `ALTER DATABASE "${database}" SET log_statement = 'all'`);
  await superuser.sql(database, `ALTER DATABASE "${database}" SET log_parameter_max_length = -1`);
  const sessions = new Set<number>();
  const marker = new Client({ connectionString: databaseUrl, application_name: 'vedtak-bench-capture' });
  let markerPid = 0;
  try {
    await marker.connect();
    markerPid = (await marker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    await send(async (label) => {
      // The sessions of the database now: the api's connections are among them.
      const { rows } = await marker.query<{ pids: number[] | null }>(
        `SELECT '${MARK}${label.replace(/'/g, '')}' AS mark, array_agg(pid) AS pids FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      for (const pid of rows[0].pids ?? []) sessions.add(pid);
    });
  } finally {
    await marker.end().catch(() => undefined);
    await superuser.sql(database, `ALTER DATABASE "${database}" RESET log_statement`);
    await superuser.sql(database, `ALTER DATABASE "${database}" RESET log_parameter_max_length`);
  }
  const text = await readLog(superuser, database, position);
  return statementsBetweenMarks(parseLog(text), markerPid, sessions);
}

async function logPosition(superuser: Superuser, database: string): Promise<LogPosition> {
  // With the logging collector the server names its file; without, it writes to its stderr.
  const current = (await superuser.sql(database, `SELECT coalesce(pg_current_logfile('stderr'), '')`)).trim();
  const postmaster = (await superuser.sql(database, `SELECT split_part(pg_read_file('postmaster.pid'), E'\\n', 1)`)).trim();
  const path = current || `/proc/${postmaster}/fd/2`;
  const size = (await superuser.sql(database, `SELECT size FROM pg_stat_file('${path}')`)).trim();
  if (!/^\d+$/.test(size)) throw new Error(`the server log ${path} cannot be read: ${size}`);
  return { path, offset: Number(size) };
}

async function readLog(superuser: Superuser, database: string, position: LogPosition): Promise<string> {
  const chunks: Buffer[] = [];
  for (let offset = position.offset; ; offset += CHUNK) {
    const hex = (await superuser.sql(database, `SELECT encode(pg_read_binary_file('${position.path}', ${offset}, ${CHUNK}), 'hex')`)).trim();
    if (hex.length === 0) break;
    chunks.push(Buffer.from(hex, 'hex'));
    if (hex.length < CHUNK * 2) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** One entry of the server log: its process, severity and message (continuation lines joined). */
export interface LogEntry {
  pid: number;
  severity: string;
  message: string;
}

const ENTRY = /^(.*?)\b(LOG|DETAIL|ERROR|STATEMENT|WARNING|NOTICE|HINT|CONTEXT|FATAL|PANIC|INFO|DEBUG\d?): {2}(.*)$/;

/** Reads stderr-format log text: a new entry per line, and lines starting with a tab continuing the last one. */
export function parseLog(text: string): LogEntry[] {
  const entries: LogEntry[] = [];
  let last: LogEntry | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) {
      if (last) last.message += `\n${line.slice(1)}`;
      continue;
    }
    const match = ENTRY.exec(line);
    const pid = match && /\[(\d+)\]/.exec(match[1]);
    last = match && pid ? { pid: Number(pid[1]), severity: match[2], message: match[3] } : null;
    if (last) entries.push(last);
  }
  return entries;
}

/** `$1 = 'text with ''quotes''', $2 = NULL, …` as the server writes bound parameters. */
export function parseParameters(detail: string): Array<string | null> {
  const params: Array<string | null> = [];
  const pattern = /\$(\d+) = (NULL|'((?:[^']|'')*)')(?:, |$)/gy;
  const text = detail.replace(/^parameters: /, '');
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) params[Number(match[1]) - 1] = match[2] === 'NULL' ? null : match[3].replace(/''/g, "'");
  return params;
}

/** The statements the given sessions ran after each mark of the marker's session, up to the next mark. */
export function statementsBetweenMarks(entries: readonly LogEntry[], markerPid: number, sessions: ReadonlySet<number>): Map<string, CapturedStatement[]> {
  const byMark = new Map<string, CapturedStatement[]>();
  let current: CapturedStatement[] | null = null;
  const lastOf = new Map<number, CapturedStatement>();
  const prepared = new PreparedStatements();
  for (const entry of entries) {
    if (entry.pid === markerPid) {
      const mark = new RegExp(`'${MARK}([^']*)'`).exec(entry.message);
      if (entry.severity === 'LOG' && mark) {
        current = [];
        byMark.set(mark[1], current);
      }
      continue;
    }
    if (!sessions.has(entry.pid)) continue;
    if (entry.severity === 'LOG') {
      const simple = /^statement: ([\s\S]*)$/.exec(entry.message);
      const extended = /^execute [^:]*: ([\s\S]*)$/.exec(entry.message);
      // A session prepares a statement once, perhaps before any mark: what it prepared is read whatever the mark.
      const sql = simple && prepared.expand(entry.pid, simple[1]);
      if (!current || (!sql && !extended)) continue;
      const statement: CapturedStatement = sql ? { sql, params: null } : { sql: extended![1], params: [] };
      current.push(statement);
      lastOf.set(entry.pid, statement);
    } else if (entry.severity === 'DETAIL' && entry.message.startsWith('parameters: ')) {
      const statement = lastOf.get(entry.pid);
      if (statement?.params) statement.params = parseParameters(entry.message);
    }
  }
  return byMark;
}

/**
 * The statements each session prepared (`PREPARE name AS …`, as the api's trips do the first time
 * a statement travels on a connection), so that a trip's `EXECUTE name(literals)` reads as the
 * statement it runs, its parameters written in: what a replay without those prepared statements
 * has to send.
 */
class PreparedStatements {
  private readonly bySession = new Map<number, Map<string, string>>();

  /** The trip's text with its PREPAREs left out and its EXECUTEs written out; null when nothing is left. */
  expand(pid: number, trip: string): string | null {
    let session = this.bySession.get(pid);
    if (!session) this.bySession.set(pid, (session = new Map()));
    const statements: string[] = [];
    for (const part of trip.split(/;\n/)) {
      const prepare = /^PREPARE (\w+) AS ([\s\S]*)$/.exec(part);
      const execute = /^EXECUTE (\w+)(?:\(([\s\S]*)\))?$/.exec(part);
      if (/^DEALLOCATE ALL$/i.test(part)) session.clear();
      else if (prepare) session.set(prepare[1], prepare[2]);
      else if (execute) {
        const text = session.get(execute[1]);
        if (text === undefined) throw new Error(`session ${pid} executed ${execute[1]}, which the log never showed it prepare`);
        const literals = literalsOf(execute[2] ?? '');
        statements.push(eachPlaceholder(text, (n) => literals[n - 1] ?? 'NULL'));
      } else statements.push(part);
    }
    return statements.length ? statements.join(';\n') : null;
  }
}

/** The literals of `EXECUTE name(…)`, as written: NULL, '…' or E'…' with their quotes doubled. */
export function literalsOf(list: string): string[] {
  const literals: string[] = [];
  const literal = /\s*(NULL|E?'(?:[^']|'')*')\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while (literal.lastIndex < list.length && (match = literal.exec(list))) literals.push(match[1]);
  if (literal.lastIndex < list.length && list.trim().length > 0) throw new Error(`cannot read the parameters of an EXECUTE: ${list.slice(0, 200)}`);
  return literals;
}
