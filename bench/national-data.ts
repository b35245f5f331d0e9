import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '@app/persistence';
import { EventChain, councilEvents, inOrder } from './data-set/events';
import { withIndexesDeferred } from './data-set/deferred-indexes';
import { councils as planCouncils, municipalities as planMunicipalities } from './data-set/geography';
import { History, planHistory } from './data-set/history';
import { plannedNotices } from './data-set/notices';
import { plannedOutbox } from './data-set/outbox';
import { Random } from './data-set/random';
import { insertEvents, insertNotices, insertOutbox, insertPlaces, insertRounds, insertSchedules, people } from './data-set/rows';

export { benchClaims } from './data-set/people';

/** What the bench knows of the national data set, to choose its requests. */
export interface NationalData {
  /** How long the build took; null when the data set was there already. */
  builtInSeconds: number | null;
  /** Rows per kind: municipalities, councils, memberships, people, rounds, openRounds, roundMembers, revisions, events, outbox, notifications. */
  counts: Record<string, number>;
  councils: Array<{ id: string; slug: string; name: string; members: string[] }>;
  /** Every kommunenummer. */
  municipalities: string[];
  /** The slug of the council with the most rounds. */
  busiestCouncil: string;
  /** The municipality in the most councils (of those, in the most open rounds). */
  busiestMunicipality: string;
  /** An open round of the busiest council with many members and revisions. */
  sampleRoundId: string;
}

// A new version of the generator makes a new data set: one built by another version is rebuilt.
const DATA_SET_VERSION = 1;
const SEED = 20_251_130;
const COUNCILS = 60;
const ROUNDS = 20_000;
// The tables written on the first connection: everything that hangs on a round.
const ROUND_TABLES = ['round', 'round_member', 'member_decision_revision', 'round_allocation_line', 'round_outcome', 'fee_schedule', 'fee_schedule_line', 'notification', 'outbox'];

/**
 * The national data set in the database at `databaseUrl` (which exists and is migrated): built
 * when missing, with bulk SQL, then vacuumed and analysed; otherwise its summary is read back at
 * once. Scale multiplies the rounds and what hangs on them; below 1 it keeps all 357
 * municipalities and at least 20 councils, so the planner sees the same selectivity. A database
 * holding a data set of another version or scale, or one whose build did not finish, is dropped
 * and made again; one holding anything else is refused. The history ends on the day of the
 * build: its open rounds' deadlines are the coming weeks of that day.
 */
export async function ensureNationalData(databaseUrl: string, options: { scale?: number; log?: (line: string) => void } = {}): Promise<NationalData> {
  const scale = options.scale ?? 1;
  const log = options.log ?? (() => undefined);
  if (!(scale > 0)) throw new Error(`The scale must be a positive number; got ${scale}`);
  const existing = await readMarker(databaseUrl);
  if (existing?.complete && existing.version === DATA_SET_VERSION && existing.scale === scale) return { ...existing.summary!, builtInSeconds: null };
  if (existing) {
    const what = existing.complete ? `the data set of version ${existing.version} at scale ${existing.scale}` : 'a data set whose build did not finish';
    log(`national data: the database holds ${what}; making it again`);
    await recreateDatabase(databaseUrl);
  }
  const started = performance.now();
  const summary = await build(databaseUrl, scale, log);
  const builtInSeconds = Math.round((performance.now() - started) / 100) / 10;
  log(`national data: built in ${builtInSeconds} s`);
  return { ...summary, builtInSeconds };
}

interface Marker {
  version: number;
  scale: number;
  /** False while a build runs, and after one that failed. */
  complete: boolean;
  summary: Omit<NationalData, 'builtInSeconds'> | null;
}

async function connect(databaseUrl: string): Promise<Client> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'vedtaksrunde-bench-data' });
  await client.connect();
  return client;
}

async function readMarker(databaseUrl: string): Promise<Marker | null> {
  const client = await connect(databaseUrl);
  try {
    await client.query(`SET client_min_messages TO warning`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS bench_data_set (
         version integer NOT NULL,
         scale double precision NOT NULL,
         built_at timestamptz NOT NULL,
         complete boolean NOT NULL,
         summary jsonb
       )`,
    );
    // Read as a whole row: a marker of an older generator may lack a column.
    const [row] = (await client.query<{ marker: Partial<Marker> }>(`SELECT to_jsonb(b) AS marker FROM bench_data_set b`)).rows;
    if (row) return { version: row.marker.version ?? 0, scale: row.marker.scale ?? 0, complete: row.marker.complete === true, summary: row.marker.summary ?? null };
    const [{ councils }] = (await client.query<{ councils: number }>(`SELECT count(*)::int AS councils FROM council`)).rows;
    if (councils > 0) {
      throw new Error(`The database ${new URL(databaseUrl).pathname.slice(1)} holds councils that are not the bench's data set: give the bench an empty, migrated database`);
    }
    return null;
  } finally {
    await client.end();
  }
}

// The audit trail cannot be emptied (its tables refuse DELETE and TRUNCATE): a data set is replaced with its database.
async function recreateDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = await connect(admin.href);
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  await runMigrations(databaseUrl);
}

/**
 * Plans the history in memory, then writes it on two connections at once, each in one
 * transaction (the rounds with what hangs on them, the notices and the outbox on one; the audit
 * trail on the other), after the places and people both need; vacuums and analyses; and marks
 * the data set complete.
 */
async function build(databaseUrl: string, scale: number, log: (line: string) => void): Promise<Omit<NationalData, 'builtInSeconds'>> {
  const step = stopwatch(log);
  const random = new Random(SEED);
  const municipalities = planMunicipalities(random);
  const councilCount = scale >= 1 ? COUNCILS : Math.max(20, Math.round(COUNCILS * scale));
  const councils = planCouncils(random, municipalities, councilCount);
  const history = planHistory(random, municipalities, councils, Math.max(councilCount * 4, Math.round(ROUNDS * scale)), Date.now());
  const rounds = history.councils.flatMap((council) => council.rounds);
  const persons = people(history, randomUUID);
  const userIds = new Map(persons.map((person) => [person.subject, person.id]));
  const events = inOrder(history.councils.map(councilEvents));
  const outbox = plannedOutbox(rounds.filter((round) => round.status === 'open'));
  const publicBaseUrl = process.env.PUBLIC_BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  step(`planned ${rounds.length} rounds of ${history.councils.length} councils over 20 years`);

  const [main, side] = await Promise.all([connect(databaseUrl), connect(databaseUrl)]);
  try {
    for (const client of [main, side]) await client.query('SET synchronous_commit TO off');
    await inTransaction(main, async () => {
      // First, so that a build failing half-way is known as the bench's and made again next time.
      await main.query(`INSERT INTO bench_data_set (version, scale, built_at, complete) VALUES ($1, $2, $3, false)`, [DATA_SET_VERSION, scale, new Date(history.now)]);
      await insertPlaces(main, history, persons);
    });
    await Promise.all([
      inTransaction(main, () =>
        withIndexesDeferred(main, ROUND_TABLES, async () => {
          await insertRounds(main, rounds);
          await insertSchedules(main, history.councils);
          step(`inserted ${rounds.length} rounds with their members, revisions, allocations and schedules`);
          const notices = await insertNotices(main, plannedNotices(history, userIds, publicBaseUrl));
          await insertOutbox(main, outbox);
          step(`inserted ${notices} notices and ${outbox.length} outbox rows`);
        }),
      ),
      inTransaction(side, () =>
        withIndexesDeferred(side, ['event'], async () => {
          await insertEvents(side, events, (index) => String(index + 1), new EventChain());
          step(`chained and inserted ${events.length} events`);
        }),
      ),
    ]);
    step('indexed and checked the foreign keys');
    await main.query(`SELECT setval(pg_get_serial_sequence('event', 'id'), $1)`, [events.length]);
    const revisions = rounds.reduce((sum, round) => sum + round.members.reduce((n, member) => n + member.registrations.length, 0), 0);
    await main.query(`SELECT setval(pg_get_serial_sequence('member_decision_revision', 'sequence'), $1)`, [Math.max(1, revisions)]);
    await vacuum([main, side]);
    step('vacuumed and analysed');
    const summary = await summarise(main, history);
    await main.query(`UPDATE bench_data_set SET complete = true, summary = $1`, [summary]);
    return summary;
  } finally {
    await Promise.all([main.end(), side.end()]);
  }
}

async function inTransaction(client: Client, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Vacuums and analyses every table, two at a time, as a long-lived installation's tables are:
 * visibility known (so index-only scans are costed as such, and no autovacuum of the whole data
 * set starts under a bench's load later) and statistics fresh.
 */
async function vacuum(clients: Client[]): Promise<void> {
  const tables = (
    await clients[0].query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC`,
    )
  ).rows.map((row) => row.name);
  await Promise.all(
    clients.map(async (client) => {
      for (let table = tables.shift(); table !== undefined; table = tables.shift()) await client.query(`VACUUM (ANALYZE) "${table}"`);
    }),
  );
}

async function summarise(client: Client, history: History): Promise<Omit<NationalData, 'builtInSeconds'>> {
  const tables: Record<string, string> = {
    municipalities: 'municipality',
    councils: 'council',
    memberships: 'membership',
    people: 'app_user',
    rounds: 'round',
    roundMembers: 'round_member',
    revisions: 'member_decision_revision',
    events: 'event',
    outbox: 'outbox',
    notifications: 'notification',
  };
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) counts[name] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  counts.openRounds = Number((await client.query(`SELECT count(*) AS n FROM round WHERE status = 'open'`)).rows[0].n);

  const busiest = [...history.councils].sort((a, b) => b.rounds.length - a.rounds.length || a.slug.localeCompare(b.slug))[0];
  const councilsOf = new Map<string, number>();
  const openRoundsOf = new Map<string, number>();
  for (const council of history.councils) {
    for (const member of council.members) councilsOf.set(member.number, (councilsOf.get(member.number) ?? 0) + 1);
    for (const round of council.rounds.filter((r) => r.status === 'open')) {
      for (const member of round.members) openRoundsOf.set(member.number, (openRoundsOf.get(member.number) ?? 0) + 1);
    }
  }
  const busiestMunicipality = [...councilsOf.keys()].sort(
    (a, b) => councilsOf.get(b)! - councilsOf.get(a)! || (openRoundsOf.get(b) ?? 0) - (openRoundsOf.get(a) ?? 0) || a.localeCompare(b),
  )[0];
  const revisionsOf = (round: (typeof busiest.rounds)[number]) => round.members.reduce((n, member) => n + member.registrations.length, 0);
  const sample = busiest.rounds.filter((round) => round.status === 'open').sort((a, b) => revisionsOf(b) - revisionsOf(a))[0];
  return {
    counts,
    councils: history.councils.map((council) => ({ id: council.id, slug: council.slug, name: council.name, members: council.members.map((m) => m.number) })),
    municipalities: history.municipalities.map((m) => m.number),
    busiestCouncil: busiest.slug,
    busiestMunicipality,
    sampleRoundId: sample.id,
  };
}

/** Logs a step with the seconds since the build began (steps on two connections overlap). */
function stopwatch(log: (line: string) => void): (what: string) => void {
  const started = performance.now();
  return (what) => log(`national data: ${what} (at ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
