// A pgbench script that sends PostgreSQL what the api sent for a captured registration, on fresh
// targets: every value that names the captured round (its id, council, members, effective date)
// becomes a pgbench variable read from a table of targets, and an id the database generated for
// a row (and the api then sent back) is taken from that statement's answer with \gset.
import { Client } from 'pg';
import { CapturedStatement } from './capture';

/** The round a captured registration was for, with what names it in the statements. */
export interface CapturedRound {
  roundId: string;
  councilId: string;
  feeEffectiveFrom: string | null;
  agreementVersionId: string | null;
  /** Every member, in kommunenummer order. */
  members: string[];
}

/** One captured registration: ordinary, or the one that settled its round. */
export interface ReplaySource {
  kind: 'ordinary' | 'settling';
  round: CapturedRound;
  registering: string;
  statements: CapturedStatement[];
}

/** A fresh round to replay registrations on, with its members still to decide in order. */
export interface ReplayTarget extends CapturedRound {
  undecided: string[];
}

/** The variables every target row sets (its column names), besides vb_m0 … (the members). */
const TARGET_COLUMNS = ['vb_round', 'vb_council', 'vb_pos', 'vb_shape', 'vb_fee_from', 'vb_version'] as const;

/**
 * The members in the order the variables vb_m0, vb_m1 … name them: the registering one first,
 * then the others in kommunenummer order. A target's members map onto a source's this way.
 */
export function memberOrder(members: readonly string[], registering: string): string[] {
  return [registering, ...members.filter((number) => number !== registering).sort()];
}

interface Substitution {
  value: string;
  variable: string;
}

function substitutions(source: ReplaySource): Substitution[] {
  const subs: Substitution[] = [
    { value: source.round.roundId, variable: 'vb_round' },
    { value: source.round.councilId, variable: 'vb_council' },
    ...memberOrder(source.round.members, source.registering).map((value, index) => ({ value, variable: `vb_m${index}` })),
  ];
  if (source.round.feeEffectiveFrom) subs.push({ value: source.round.feeEffectiveFrom, variable: 'vb_fee_from' });
  if (source.round.agreementVersionId) subs.push({ value: source.round.agreementVersionId, variable: 'vb_version' });
  return subs;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces each value by `:variable`, all at once (a member's number may be another's in the
 * target). A value counts only as a whole word: not inside a longer number, id or amount.
 */
export function withVariables(text: string, subs: readonly Substitution[]): string {
  if (subs.length === 0) return text;
  const byValue = new Map(subs.map((sub) => [sub.value, sub.variable]));
  const keys = [...byValue.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`(?<![0-9A-Za-z_-])(?<!\\d\\.)(${keys.join('|')})(?![0-9A-Za-z_.-])`, 'g');
  return text.replace(pattern, (value) => `:${byValue.get(value)}`);
}

/** An E'' literal, so that newlines, quotes and backslashes stay on one line of the script. */
export function literal(text: string): string {
  return `E'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * Ids in the parameters that name none of the round's things and were made by an earlier
 * INSERT … RETURNING of the same registration (the row is there now): they are that statement's
 * answer, so the replay reads them from it.
 */
export async function generatedIds(client: Client, source: ReplaySource): Promise<Map<string, number>> {
  const known = new Set(substitutions(source).map((sub) => sub.value));
  const generated = new Map<string, number>();
  for (const [index, statement] of source.statements.entries()) {
    for (const value of statement.params ?? []) {
      for (const id of value?.match(UUID) ?? []) {
        if (known.has(id) || generated.has(id)) continue;
        for (let earlier = index - 1; earlier >= 0; earlier--) {
          const insert = /^\s*INSERT\s+INTO\s+"?([a-z_]+)"?[\s\S]*\bRETURNING\b[\s\S]*\bid\b/i.exec(source.statements[earlier].sql);
          if (!insert) continue;
          const found = await client.query(`SELECT 1 FROM "${insert[1]}" WHERE id = $1`, [id]).then(
            (result) => result.rowCount! > 0,
            () => false,
          );
          if (found) {
            generated.set(id, earlier);
            break;
          }
        }
      }
    }
  }
  return generated;
}

/** The script lines of one captured registration, its values replaced by the target's variables. */
export function replayStatements(source: ReplaySource, generated: ReadonlyMap<string, number>, shape: number): string[] {
  const subs = [...substitutions(source), ...[...generated].map(([value, index]) => ({ value, variable: `vb_s${shape}_r${index}_id` }))];
  const answered = new Set(generated.values());
  return source.statements.map((statement, index) => {
    // A simple-protocol trip carries its values written in and may hold several statements, joined by
    // `;` and a newline: pgbench sends them as one trip too when they are joined by `\;`.
    const sql = statement.params
      ? statement.sql.replace(/\$(\d+)(?!\d)/g, (_, n: string) => {
          const value = statement.params![Number(n) - 1];
          return value === null || value === undefined ? 'NULL' : literal(withVariables(value, subs));
        })
      : withVariables(statement.sql, subs).replace(/;\n/g, '\\;\n');
    const text = sql.trim().replace(/;+$/, '');
    const stray = /:(client_id|scale|default_seed|random_seed|vb_\w*)(?![0-9A-Za-z_])/.exec(statement.sql);
    if (stray) throw new Error(`the captured SQL itself contains :${stray[1]}, which pgbench would take for a variable`);
    return answered.has(index) ? `${text}\n\\gset vb_s${shape}_r${index}_` : `${text};`;
  });
}

/** Statements of the same SQL text with NULL in the same places replay alike: one shape serves them all. */
function signature(source: ReplaySource): string {
  return JSON.stringify(source.statements.map((statement) => [statement.sql, (statement.params ?? []).map((value) => value === null)]));
}

export interface Replay {
  /** The script after the header: one branch per shape. */
  body: string;
  /** The rows of the targets' table, in the order of their number n. */
  rows: Array<Record<string, string | number | null>>;
  /** How many vb_m… variables a row has. */
  memberColumns: number;
}

/**
 * The replay of the captured registrations on the targets: each target round's undecided members
 * in order, the last one settling it. A target takes the shape captured on a round of its size.
 */
export async function buildReplay(client: Client, sources: readonly ReplaySource[], targets: readonly ReplayTarget[]): Promise<Replay> {
  const shapes: Array<{ source: ReplaySource; lines: string[] }> = [];
  const shapeOf = new Map<string, number>();
  const bySize = new Map<string, number>();
  for (const source of sources) {
    const key = signature(source);
    let shape = shapeOf.get(key);
    if (shape === undefined) {
      shape = shapes.length;
      shapes.push({ source, lines: replayStatements(source, await generatedIds(client, source), shape) });
      shapeOf.set(key, shape);
    }
    bySize.set(`${source.kind}/${source.round.members.length}`, shape);
  }
  const anyOrdinary = sources.find((source) => source.kind === 'ordinary');
  const memberColumns = Math.max(...sources.map((source) => source.round.members.length), ...targets.map((target) => target.members.length));
  const rows: Replay['rows'] = [];
  for (const target of targets) {
    for (const [position, registering] of target.undecided.entries()) {
      const kind = position === target.undecided.length - 1 ? 'settling' : 'ordinary';
      const shape = bySize.get(`${kind}/${target.members.length}`) ?? (kind === 'ordinary' && anyOrdinary ? shapeOf.get(signature(anyOrdinary)) : undefined);
      if (shape === undefined) throw new Error(`no ${kind} registration was captured on a round of ${target.members.length} members`);
      const order = memberOrder(target.members, registering);
      const sourceOrder = memberOrder(shapes[shape].source.round.members, shapes[shape].source.registering);
      const row: Record<string, string | number | null> = {
        n: rows.length,
        vb_round: target.roundId,
        vb_council: target.councilId,
        vb_pos: position,
        vb_shape: shape,
        vb_fee_from: target.feeEffectiveFrom,
        vb_version: target.agreementVersionId,
      };
      for (let index = 0; index < memberColumns; index++) row[`vb_m${index}`] = order[index] ?? sourceOrder[index] ?? null;
      rows.push(row);
    }
  }
  const branches = shapes.map((shape, index) => [`${index === 0 ? '\\if' : '\\elif'} :vb_shape = ${index}`, ...shape.lines].join('\n'));
  return { body: `${branches.join('\n')}\n\\endif\n`, rows, memberColumns };
}

/**
 * The table of targets a script picks from, one row per registration (n = round × 8 + position),
 * with a column per variable.
 */
export async function createTargetTable(client: Client, table: string, rows: Replay['rows'], memberColumns: number): Promise<void> {
  const members = Array.from({ length: memberColumns }, (_, index) => `vb_m${index} text`);
  await client.query(`DROP TABLE IF EXISTS ${table}`);
  await client.query(
    `CREATE TABLE ${table} (n integer PRIMARY KEY, vb_round text NOT NULL, vb_council text NOT NULL, vb_pos integer NOT NULL,
       vb_shape integer NOT NULL, vb_fee_from text, vb_version text${members.map((column) => `, ${column}`).join('')})`,
  );
  for (let start = 0; start < rows.length; start += 2000) {
    await client.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1)`, [JSON.stringify(rows.slice(start, start + 2000))]);
  }
  await client.query(`ANALYZE ${table}`);
}

/**
 * The start of every script: client c takes its j-th round at position
 * permute(first + c × perClient + j) of the targets (spread over the councils, each round once;
 * `first` leaves the rounds of an earlier run of the script alone, which used the same seed),
 * and its members in order.
 * The pick of the target is one round trip of its own, the same in every script.
 */
export function targetHeader(table: string, columns: readonly string[]): string {
  return [
    '\\set vb_k :vb_k + 1',
    '\\set vb_j :vb_k / 8',
    '\\if :vb_j >= :vb_per_client',
    "SELECT 'the fresh targets ran out'::integer;",
    '\\endif',
    '\\set vb_n permute(:vb_first + :client_id * :vb_per_client + :vb_j, :vb_rounds, :vb_seed) * 8 + :vb_k % 8',
    `SELECT ${[...TARGET_COLUMNS, ...columns].join(', ')} FROM ${table} WHERE n = :vb_n`,
    '\\gset',
    '',
  ].join('\n');
}

export function memberColumnNames(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `vb_m${index}`);
}
