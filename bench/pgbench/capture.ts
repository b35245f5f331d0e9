// What the api actually sends PostgreSQL for one request, read from the server's own log: the
// bench database gets log_statement = 'all' for a moment, the requests are sent one at a time,
// and the bench writes a mark between two of them from a connection of its own.
import { Client } from 'pg';
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
  for (const entry of entries) {
    if (entry.pid === markerPid) {
      const mark = new RegExp(`'${MARK}([^']*)'`).exec(entry.message);
      if (entry.severity === 'LOG' && mark) {
        current = [];
        byMark.set(mark[1], current);
      }
      continue;
    }
    if (!sessions.has(entry.pid) || !current) continue;
    if (entry.severity === 'LOG') {
      const simple = /^statement: ([\s\S]*)$/.exec(entry.message);
      const extended = /^execute [^:]*: ([\s\S]*)$/.exec(entry.message);
      if (!simple && !extended) continue;
      const statement: CapturedStatement = simple ? { sql: simple[1], params: null } : { sql: extended![1], params: [] };
      current.push(statement);
      lastOf.set(entry.pid, statement);
    } else if (entry.severity === 'DETAIL' && entry.message.startsWith('parameters: ')) {
      const statement = lastOf.get(entry.pid);
      if (statement?.params) statement.params = parseParameters(entry.message);
    }
  }
  return byMark;
}
