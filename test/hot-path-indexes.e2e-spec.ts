import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SettableClock } from '@app/application';
import { addDays, planReminders, todayInOslo } from '@app/domain';
import { signLocalToken } from '@app/identity';
import { readInOneTrip } from '@app/persistence';
import { JOB_NAMES } from '@app/jobs';
import { createApi } from '../apps/api/src/bootstrap';
import { JobHandlers } from '../apps/worker/src/processing/job-handlers';
import { NationalData, benchClaims, ensureNationalData } from '../bench/national-data';
import { OpenRound, launchOpenRounds } from '../bench/open-rounds';
import { TEST_JWT_SECRET, testConfig } from './support/config';
import { TestDatabase, createTestDatabase } from './support/database';
import { startTestWorker } from './support/worker';

// Every statement the hot paths send uses an index at national size. Each path runs for real on
// the bench's data set (small, analysed) and its statements are captured with their parameters,
// then explained: a sequential scan of a big table, or an index walked without seeking (no
// condition on the index's first column: a backward walk that filters, say) that no LIMIT bounds,
// fails the path.
// A read or a transaction that sends several statements in one round trip (readInOneTrip,
// OneTripTransaction) is captured as its trip's text, their parameters written in: each of its
// statements is explained on its own.
// The data set is a tenth of the country, where a planner may still find a small table cheaper to
// scan: such a statement is explained again with sequential scans priced out, and fails only when
// no index can seek for it even then.

const SCALE = 0.1;
// Tables that grow with the history: big at national size whatever they hold here.
const HISTORY = ['round', 'round_member', 'member_decision_revision', 'round_allocation_line', 'round_outcome', 'event', 'notification', 'outbox', 'fee_schedule', 'fee_schedule_line', 'agreement_version', 'idempotency_record'];
const BIG = 5_000;
const UNEXPLAINABLE = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET\b|RESET\b|SAVEPOINT|RELEASE|SHOW\b)/i;

interface Statement {
  path: string;
  query: string;
  parameters: unknown[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  'Scan Direction'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}

/**
 * The statements of one query text: one, or those of a trip, split where a semicolon ends one
 * outside quoted text, quoted names, comments and dollar-quoted bodies.
 */
function statementsOf(text: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" || c === '"') {
      i = text.indexOf(c, i + 1);
      // A doubled quote is part of the text: the search goes on from past it.
      while (i >= 0 && text[i + 1] === c) i = text.indexOf(c, i + 2);
      i = i < 0 ? text.length : i + 1;
    } else if (c === '-' && text[i + 1] === '-') {
      i = text.indexOf('\n', i);
      if (i < 0) i = text.length;
    } else if (c === '$' && /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.test(text.slice(i)) && !/[\w$]/.test(text[i - 1] ?? '')) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i))![0];
      const end = text.indexOf(tag, i + tag.length);
      i = end < 0 ? text.length : end + tag.length;
    } else if (c === ';') {
      statements.push(text.slice(start, i));
      start = i = i + 1;
    } else i += 1;
  }
  statements.push(text.slice(start));
  return statements.map((statement) => statement.trim()).filter((statement) => statement.length > 0);
}

/**
 * The statements a data source sends while a path runs. The api's are all of them (nothing else
 * runs there meanwhile); the worker's only those the path itself sends (its relay and its queue
 * work on their own), told apart by the async context the path runs in.
 */
class StatementLog {
  readonly statements: Statement[] = [];
  private readonly ownCalls = new AsyncLocalStorage<string>();
  private current: string | null = null;

  attach(dataSource: DataSource, options: { ownCallsOnly: boolean }): void {
    const logger = dataSource.logger;
    const original = logger.logQuery;
    const pathNow = () => (options.ownCallsOnly ? this.ownCalls.getStore() : this.current);
    const statements = this.statements;
    logger.logQuery = function (query, parameters, queryRunner) {
      const path = pathNow();
      if (path) {
        const parts = statementsOf(query);
        // A trip's parameters are written into its text; a single statement keeps its own.
        if (parts.length > 1) statements.push(...parts.map((part) => ({ path, query: part, parameters: [] })));
        else statements.push({ path, query, parameters: parameters ?? [] });
      }
      return original.call(this, query, parameters, queryRunner);
    };
  }

  async during<T>(path: string, work: () => Promise<T>): Promise<T> {
    this.current = path;
    try {
      return await this.ownCalls.run(path, work);
    } finally {
      this.current = null;
    }
  }

  of(path: string): Statement[] {
    return this.statements.filter((statement) => statement.path === path);
  }
}

describe('the hot paths at national size', () => {
  let database: TestDatabase;
  let data: NationalData;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let sql: Client;
  const log = new StatementLog();
  const big = new Set<string>();
  const leadingColumn = new Map<string, string | null>();
  const indexTable = new Map<string, string>();
  const partialIndexes = new Set<string>();
  const now = new Date();
  const today = todayInOslo(now);
  let slug: string;
  let registering: OpenRound;

  const bearer = async (subject: string) => `Bearer ${await signLocalToken(TEST_JWT_SECRET, benchClaims(subject))}`;
  const get = async (path: string, subject: string | null) => {
    const call = request(api.getHttpServer()).get(path);
    const response = subject ? await call.set('Authorization', await bearer(subject)) : await call;
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
  };
  const adopt = async (round: OpenRound, number: string) => {
    const body = { decision: 'adopted', meetingDate: today, body: 'kommunestyre', caseNumber: `${today.slice(0, 4)}/1`, protocolRef: 'https://innsyn.example/p/1' };
    const response = await request(api.getHttpServer())
      .put(`/api/rounds/${round.id}/decisions/${number}`)
      .set('Authorization', await bearer(`clerk.${number}`))
      .send(body);
    expect(response.status).toBe(200);
    return response.body as { round: { status: string } };
  };
  const job = (name: string, payload: unknown) => worker.get(JobHandlers).run(name, payload, { isLast: false });
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  // A round launched just before its path runs, so that no pass of the worker's own has done the path's work already.
  const freshRound = async (deadline: string, undecided: number | 'all', options: { reminderDaysBefore?: number[]; launchedAt: Date }) =>
    (await launchOpenRounds(database.url, { count: 1, undecided, deadline, councils: [slug], jobs: 'outbox', ...options }))[0];

  beforeAll(async () => {
    database = await createTestDatabase();
    data = await ensureNationalData(database.url, { scale: SCALE });
    slug = data.councils.find((c) => c.members.length >= 8)!.slug;
    [registering] = await launchOpenRounds(database.url, { count: 1, undecided: 2, deadline: addDays(today, 20), launchedAt: hoursAgo(1), councils: [slug], jobs: 'outbox' });

    const clock = new SettableClock(now);
    api = await createApi(testConfig({ DATABASE_URL: database.url }), { clock });
    await api.init();
    api.flushLogs();
    // The worker's own relay and reconciliation stay out of the way: one pass at start, then an hour's rest.
    worker = await startTestWorker({ DATABASE_URL: database.url, REDIS_URL: process.env.REDIS_URL!, QUEUE_PREFIX: `{vt-${randomBytes(4).toString('hex')}}` }, clock, {
      relayIntervalMs: 3_600_000,
      reconcileEveryMs: 3_600_000,
    });
    log.attach(api.get(DataSource), { ownCallsOnly: false });
    log.attach(worker.get(DataSource), { ownCallsOnly: true });

    sql = new Client({ connectionString: database.url });
    await sql.connect();
    const tables: Array<{ name: string; rows: number }> = (
      await sql.query(`SELECT relname AS name, reltuples::float8 AS rows FROM pg_class WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace`)
    ).rows;
    for (const { name, rows } of tables) if (rows / (HISTORY.includes(name) ? SCALE : 1) > BIG) big.add(name);
    const indexes: Array<{ name: string; table: string; first: string | null; partial: boolean }> = (
      await sql.query(
        `SELECT c.relname AS name, t.relname AS table, a.attname AS first, i.indpred IS NOT NULL AS partial
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
           LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
          WHERE c.relnamespace = current_schema()::regnamespace`,
      )
    ).rows;
    for (const index of indexes) {
      leadingColumn.set(index.name, index.first);
      indexTable.set(index.name, index.table);
      if (index.partial) partialIndexes.add(index.name);
    }
  }, 240_000);

  afterAll(async () => {
    await sql?.end();
    await worker?.close();
    await api?.close();
    await database?.drop();
  });

  /** What is wrong with one node of a plan, if anything; `above` are its ancestors, nearest first, with the child each leads to. */
  const fault = (node: PlanNode, above: Array<{ node: PlanNode; child: PlanNode }>): string | null => {
    const index = node['Index Name'];
    // A bitmap index scan names its index only; the bitmap heap scan above it, the table.
    const table = node['Relation Name'] ?? (index && indexTable.get(index));
    if (!table || !big.has(table)) return null;
    if (node['Node Type'] === 'Seq Scan') return `sequential scan of ${table}`;
    if (!index || partialIndexes.has(index) || !/Index/.test(node['Node Type'])) return null;
    const first = leadingColumn.get(index);
    // Without a condition on its first column an index is walked from one end, not sought into:
    // harmless only when a LIMIT stops the walk after as many entries as it returns.
    if (!first || new RegExp(`\\b${first}\\b`).test(node['Index Cond'] ?? '') || bounded(node, above)) return null;
    return `${node['Scan Direction'] === 'Backward' ? 'backward ' : ''}walk of ${index} on ${table} without seeking${node.Filter ? `, filtering ${node.Filter}` : ''}`;
  };

  // Nodes that pass rows on as they come, so a LIMIT above them stops what is below.
  const STREAMING = new Set(['Nested Loop', 'Merge Join', 'Result', 'Subquery Scan', 'LockRows', 'Unique', 'Append', 'Merge Append', 'ModifyTable']);
  const isLimited = (node: PlanNode): boolean =>
    node['Node Type'] === 'Limit' || (['Subquery Scan', 'Sort', 'Unique', 'Materialize', 'Hash'].includes(node['Node Type']) && (node.Plans ?? []).length === 1 && isLimited(node.Plans![0]));

  /**
   * A walk that returns each entry it reads (no filter) under a LIMIT it streams to; or one side of
   * a merge join whose other side is limited (the join ends with that side: this walk reads up to
   * the limited side's last key).
   */
  const bounded = (node: PlanNode, above: Array<{ node: PlanNode; child: PlanNode }>): boolean => {
    const [parent] = above;
    if (parent?.node['Node Type'] === 'Merge Join' && (parent.node.Plans ?? []).some((side) => side !== parent.child && isLimited(side))) return true;
    if (node.Filter) return false;
    for (const { node: ancestor } of above) {
      if (ancestor['Node Type'] === 'Limit') return true;
      if (!STREAMING.has(ancestor['Node Type'])) return false;
    }
    return false;
  };

  const faults = (plan: PlanNode, above: Array<{ node: PlanNode; child: PlanNode }> = []): string[] => {
    const own = fault(plan, above);
    return [...(own ? [own] : []), ...(plan.Plans ?? []).flatMap((child) => faults(child, [{ node: plan, child }, ...above]))];
  };

  const outline = (plan: PlanNode): string => {
    const what = [plan['Node Type'], plan['Index Name'] && `using ${plan['Index Name']}`, plan['Relation Name'] && `on ${plan['Relation Name']}`, plan['Index Cond'] && `(${plan['Index Cond']})`]
      .filter(Boolean)
      .join(' ');
    return plan.Plans?.length ? `${what} > [${plan.Plans.map(outline).join(', ')}]` : what;
  };

  const explain = async (statement: Statement, seqScans: boolean): Promise<PlanNode> => {
    await sql.query(`SET enable_seqscan = ${seqScans ? 'on' : 'off'}`);
    try {
      const { rows } = await sql.query(`EXPLAIN (FORMAT JSON) ${statement.query}`, statement.parameters);
      return (rows[0]['QUERY PLAN'] as Array<{ Plan: PlanNode }>)[0].Plan;
    } finally {
      await sql.query('RESET enable_seqscan');
    }
  };

  /** Explains each distinct statement: which go without an index at national size, and a listing of all with their plans. */
  const analyse = async (statements: readonly Statement[]): Promise<{ unindexed: string[]; listing: string }> => {
    const distinct = [...new Map(statements.filter((s) => !UNEXPLAINABLE.test(s.query)).map((s) => [s.query, s])).values()];
    const lines: string[] = [];
    const unindexed: string[] = [];
    for (const statement of distinct) {
      const plan = await explain(statement, true);
      let problems = faults(plan);
      let shown = plan;
      const scansHere = problems.length > 0;
      if (scansHere) {
        // Perhaps only this small data set makes a scan look cheaper: does an index seek for it at all?
        shown = await explain(statement, false);
        problems = faults(shown);
      }
      const text = statement.query.replace(/\s+/g, ' ').trim();
      if (problems.length > 0) unindexed.push(text);
      const verdict = problems.length > 0 ? 'UNINDEXED' : scansHere ? 'ok (scanned on this small data set; an index seeks when scans are priced out)' : 'ok';
      lines.push(`${verdict}  ${text.slice(0, 300)}`);
      lines.push(`      plan: ${outline(shown).slice(0, 600)}`);
      for (const problem of problems) lines.push(`      ${problem}`);
    }
    return { unindexed, listing: lines.join('\n') };
  };

  /** Throws, listing every statement of the path with its plan, when one goes without an index. */
  const expectIndexed = async (path: string) => {
    const statements = log.of(path);
    expect(statements.length).toBeGreaterThan(0);
    const { unindexed, listing } = await analyse(statements);
    if (unindexed.length > 0) throw new Error(`${path}: a statement goes without an index at national size\n${listing}`);
  };

  it('tells an unindexed statement: the chain head looked up without an index, a notice key probed with LIKE', async () => {
    const { unindexed } = await analyse([
      { path: 'probe', query: `SELECT hash FROM event WHERE council_id IS NOT DISTINCT FROM $1 ORDER BY id DESC LIMIT 1`, parameters: [data.councils[0].id] },
      { path: 'probe', query: `SELECT 1 FROM notification WHERE key LIKE $1 LIMIT 1`, parameters: [`settled/${data.sampleRoundId}/%`] },
      { path: 'probe', query: `SELECT hash FROM event WHERE round_id = $1 ORDER BY id DESC LIMIT 1`, parameters: [data.sampleRoundId] },
    ]);
    expect(unindexed).toHaveLength(2);
    expect(unindexed[0]).toMatch(/IS NOT DISTINCT FROM/);
    expect(unindexed[1]).toMatch(/LIKE/);
  });

  it('explains each statement of a round trip on its own, and tells the unindexed one among them', async () => {
    await log.during('a trip', () =>
      readInOneTrip(api.get(DataSource), [
        { sql: `SELECT 1 FROM notification WHERE key LIKE $1 LIMIT 1`, parameters: [`settled/${data.sampleRoundId}/%`] },
        { sql: `SELECT ';' AS "a;b", $$;$$ AS c, hash FROM event WHERE round_id = $1 ORDER BY id DESC LIMIT 1`, parameters: [data.sampleRoundId] },
      ]),
    );
    const statements = log.of('a trip');
    expect(statements.map((statement) => statement.query.slice(0, 6))).toEqual(['BEGIN ', 'SELECT', 'SELECT', 'COMMIT']);
    const { unindexed } = await analyse(statements);
    expect(unindexed).toEqual([expect.stringMatching(/LIKE/)]);
  });

  // Each path: its name, and what it does, returning the work to capture (after whatever it prepares uncaptured).
  const paths: Array<[string, () => Promise<() => Promise<unknown>>]> = [
    ['registering a decision', async () => () => adopt(registering, registering.members.find((m) => m.status === 'pending')!.municipalityNumber)],
    [
      'registering the decision that settles a round and brings it into force',
      async () => async () => {
        const last = await adopt(registering, registering.members.filter((m) => m.status === 'pending')[1].municipalityNumber);
        expect(last.round.status).toBe('approved');
      },
    ],
    [
      'launching a round',
      async () => async () => {
        const council = data.busiestCouncil;
        const response = await request(api.getHttpServer())
          .post(`/api/councils/${council}/rounds`)
          .set('Authorization', await bearer(`secretariat.${council}`))
          .send({ subject: { type: 'fees', total: '1000000.00', costKey: 'innbyggertall', effectiveFrom: '2099-01-01' }, deadline: addDays(today, 30) });
        expect(response.status).toBe(201);
      },
    ],
    ['the council dashboard', async () => () => get(`/api/councils/${data.busiestCouncil}/dashboard`, `secretariat.${data.busiestCouncil}`)],
    ['the municipality inbox', async () => () => get(`/api/municipalities/${data.busiestMunicipality}/inbox`, `clerk.${data.busiestMunicipality}`)],
    ['a round', async () => () => get(`/api/rounds/${data.sampleRoundId}`, `leader.${data.busiestCouncil}`)],
    ['the round list', async () => () => get(`/api/councils/${data.busiestCouncil}/rounds`, `leader.${data.busiestCouncil}`)],
    ['the public page', async () => () => get(`/public/${data.busiestCouncil}`, null)],
    [
      'a reminder job',
      async () => {
        // Due today (or on the last working day, caught up today): the deadline a week ahead, one reminder a week before.
        const round = await freshRound(addDays(today, 7), 'all', { reminderDaysBefore: [7], launchedAt: hoursAgo(30) });
        const [{ date }] = planReminders(round.deadline, { daysBefore: [7] });
        const payload = { roundId: round.id, municipalityNumber: round.members[0].municipalityNumber, date };
        return async () => expect(await job(JOB_NAMES.reminder, payload)).toBe('done');
      },
    ],
    [
      'a deadline job',
      async () => {
        const round = await freshRound(addDays(today, -1), 3, { launchedAt: hoursAgo(240) });
        return async () => expect(await job(JOB_NAMES.deadline, { roundId: round.id, deadline: round.deadline })).toBe('done');
      },
    ],
    [
      "a notice's e-mail",
      async () => {
        // The newest notice (the deadline job's): its digest is sought among its recipient's notices of that day.
        const [{ id }] = await api.get(DataSource).query(`SELECT id FROM notification ORDER BY created_at DESC, id DESC LIMIT 1`);
        return async () => expect(['done', 'skipped']).toContain(await job(JOB_NAMES.sendMail, { notificationId: id }));
      },
    ],
    ['a reconciliation pass', async () => () => job(JOB_NAMES.reconcile, {})],
  ];

  it.each(paths)('%s: every statement uses an index', async (path, prepare) => {
    const run = await prepare();
    await log.during(path, run);
    await expectIndexed(path);
  });
});
