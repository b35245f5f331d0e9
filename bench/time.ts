// The time scenario: what the worker does as time passes, on the national data, run as production
// runs it (the built worker, its clock started with CLOCK_START where the scenario needs it):
// (c) a reconciliation pass when nothing is missing, run twice, the second measured;
// (b) 1 000 reminders due in the same second, and how late each was written;
// (a) 100 000 undecided members whose deadline passes in the same minute, until every one is
//     overdue and the escalations are queued, and the worker's peak memory meanwhile.
// They run in that order on one database, each later on the calendar than the one before.
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { noticeTopics } from '@app/application';
import { CalendarDate, addDays, deadlineEnd, planReminders, reminderSendAt, todayInOslo } from '@app/domain';
import { JOB_NAMES, QUEUE_NAME, redisOptions } from '@app/jobs';
import { listenSmtpServer } from '../test/support/smtp-server';
import { BenchContext, BenchProcess, Figure, MIB, atMost, figure, freePort, percentile } from './figures';
import { OpenRound, launchOpenRounds } from './open-rounds';

const DEADLINE_MEMBERS = 100_000;
const REMINDERS = 1_000;
const DEADLINE_TARGET_S = 10;
const LATENESS_TARGET_MS = 1_000;
const RECONCILE_TARGET_S = 5;
const WORKER_RSS_TARGET_MIB = 200;
// A backend tells PostgreSQL's statistics of its writes at most once a second, and within 10 s of going idle.
const STATISTICS_DELAY_MS = 11_000;
/**
 * The worker as it is deployed (docker-compose.yml): its heap capped, so V8 collects before it
 * grows; what the worker holds at once is bounded by its batches, far below the cap.
 */
const AS_DEPLOYED = { NODE_OPTIONS: '--max-old-space-size=128' };

export async function benchTime(context: BenchContext): Promise<Figure[]> {
  const db = new Client({ connectionString: context.databaseUrl, application_name: 'vedtaksrunde-bench-time' });
  await db.connect();
  const queue = new Queue(QUEUE_NAME, { connection: redisOptions(context.redisUrl, 'queue'), prefix: context.queuePrefix });
  try {
    const figures = await benchReconciliation(context, db, queue);
    // From here on the people have addresses and the worker mails, as production does.
    await db.query(`UPDATE app_user SET email = replace(subject, ':', '-') || '@bench.invalid' WHERE email IS NULL`);
    const smtp = await startSmtpSink();
    try {
      const today = todayInOslo(new Date());
      const reminders = await benchReminders(context, db, smtp.url, addDays(today, 21));
      figures.push(...reminders.figures);
      // The reminders' rounds are withdrawn, so the deadline's sweep meets only its own.
      await db.query(`UPDATE round SET status = 'withdrawn', closed_at = now() WHERE id = ANY($1::uuid[])`, [reminders.roundIds]);
      figures.push(...(await benchDeadline(context, db, smtp.url, addDays(today, 30))));
    } finally {
      await smtp.close();
    }
    return figures;
  } finally {
    await queue.close();
    await db.end();
  }
}

/** (c) The worker's reconciliation at start-up writes what this queue lacks; a second pass, asked for once all is relayed, should write nothing. */
export async function benchReconciliation(context: BenchContext, db: Client, queue: Queue): Promise<Figure[]> {
  const worker = await context.spawnWorker(AS_DEPLOYED);
  try {
    const first = await reconciled(worker, 1, 600_000);
    context.log(`time: reconciliation at start-up: ${describeReport(first)}`);
    await quiet(db, queue);
    await sleep(STATISTICS_DELAY_MS);
    const before = await tableWrites(db);
    const passes = reconciliations(worker).length;
    await queue.add(JOB_NAMES.reconcile, {}, { jobId: `reconcile/bench/${Date.now()}`, attempts: 1 });
    const second = await reconciled(worker, passes + 1, 120_000);
    context.log(`time: reconciliation again: ${describeReport(second)}`);
    await sleep(STATISTICS_DELAY_MS);
    const written = writesSince(before, await tableWrites(db));
    context.log(`time: rows the second pass wrote: ${Object.entries(written).map(([table, n]) => `${table} ${n}`).join(', ') || 'none'}`);
    const rows = Object.values(written).reduce((sum, n) => sum + n, 0);
    return [
      atMost('reconciliation with nothing missing: duration', round(Number(second.ms) / 1000, 2), 's', RECONCILE_TARGET_S),
      atMost('reconciliation with nothing missing: rows written', rows, '', 0),
      figure('reconciliation with nothing missing: jobs looked for', Number(second.expected), ''),
      figure('reconciliation at start-up on an empty queue: duration', round(Number(first.ms) / 1000, 2), 's'),
      figure('reconciliation at start-up on an empty queue: jobs written', Number(first.jobs), ''),
    ];
  } finally {
    await worker.stop();
  }
}

/** (b) A thousand reminders due at 08:00 on one day: the worker starts half a minute before, and each notice is timed against 08:00. */
export async function benchReminders(context: BenchContext, db: Client, smtpUrl: string, from: CalendarDate): Promise<{ figures: Figure[]; roundIds: string[] }> {
  const day = workingDayFrom(from);
  const due = reminderSendAt(day);
  const rounds = await launchUndecided(context, db, {
    members: REMINDERS,
    deadline: addDays(day, 1),
    reminderDaysBefore: [1],
    launchedAt: new Date(due.getTime() - 60_000),
    title: 'Tidsscenario: påminnelser',
  });
  const roundIds = rounds.map((round) => round.id);
  const expected = await clerkCount(db, rounds);
  context.log(`time: ${rounds.length} rounds with ${expected} reminders due at ${due.toISOString()}`);
  const worker = await context.spawnWorker(rehearsing(new Date(due.getTime() - 30_000), { SMTP_URL: smtpUrl }));
  try {
    // Asked by topic, through its index: a cheap question, asked often while the reminders go out.
    const topics = rounds.flatMap((round) => round.members.map((member) => noticeTopics.reminder(round.id, member.municipalityNumber, day)));
    const count = async () =>
      (await db.query(`SELECT count(*)::int AS n FROM notification WHERE kind = 'reminder' AND topic = ANY($1::text[])`, [topics])).rows[0].n as number;
    await until(`${expected} reminders`, async () => (await count()) >= expected, 180_000);
    const { rows } = await db.query(
      `SELECT extract(epoch FROM created_at - $2::timestamptz) * 1000 AS ms FROM notification WHERE kind = 'reminder' AND topic = ANY($1::text[])`,
      [topics, due],
    );
    const lateness = rows.map((row: { ms: string }) => Number(row.ms));
    return {
      roundIds,
      figures: [
        figure('reminders due in one second: sent', lateness.length, ''),
        figure('reminders due in one second: lateness p50', Math.round(percentile(lateness, 0.5)), 'ms'),
        atMost('reminders due in one second: lateness p99', Math.round(percentile(lateness, 0.99)), 'ms', LATENESS_TARGET_MS),
      ],
    };
  } finally {
    await worker.stop();
  }
}

/**
 * (a) 100 000 undecided members whose rounds (launched that day) all end on one date; the worker
 * starts the moment their deadline jobs are due, and the time runs from its being ready until
 * every member is overdue, each round has its event and its escalations, and their e-mails wait
 * in the outbox.
 */
export async function benchDeadline(context: BenchContext, db: Client, smtpUrl: string, deadline: CalendarDate): Promise<Figure[]> {
  const rounds = await launchUndecided(context, db, {
    members: DEADLINE_MEMBERS,
    deadline,
    reminderDaysBefore: [14, 7, 1],
    // Launched that day: its reminders would all have been before it, so only the deadline jobs wait.
    launchedAt: new Date(deadlineEnd(deadline).getTime() - 12 * 3600_000),
    title: 'Tidsscenario: fristen',
  });
  const roundIds = rounds.map((round) => round.id);
  const members = rounds.reduce((sum, round) => sum + round.members.length, 0);
  const staff = (
    await db.query(
      `SELECT count(*)::int AS n FROM round r JOIN role_grant g ON g.council_id = r.council_id AND g.role IN ('secretariat', 'leader') WHERE r.id = ANY($1::uuid[])`,
      [roundIds],
    )
  ).rows[0].n as number;
  context.log(`time: ${rounds.length} rounds with ${members} undecided members whose deadline ${deadline} passes at once`);

  // Only the events written from here on are counted while waiting: a cheap question, asked often.
  const since = (await db.query(`SELECT coalesce(max(id), 0) AS id FROM event`)).rows[0].id as string;
  const spawned = performance.now();
  const worker = await context.spawnWorker(rehearsing(new Date(deadlineEnd(deadline).getTime() + 1_000), { SMTP_URL: smtpUrl }));
  const ready = performance.now();
  let peak = worker.memory().peakRssBytes;
  try {
    await until(
      `${rounds.length} rounds overdue`,
      async () => {
        peak = Math.max(peak, worker.memory().peakRssBytes);
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM event WHERE id > $1 AND type = 'round.overdue' AND round_id = ANY($2::uuid[])`, [
          since,
          roundIds,
        ]);
        return rows[0].n >= rounds.length;
      },
      300_000,
      100,
    );
    const done = performance.now();
    const [{ overdue, escalations, mails }] = (
      await db.query(
        `SELECT (SELECT count(*)::int FROM round_member WHERE round_id = ANY($1::uuid[]) AND overdue) AS overdue,
                (SELECT count(*)::int FROM notification WHERE kind = 'escalation' AND round_id = ANY($1::uuid[])) AS escalations,
                (SELECT count(*)::int FROM notification n JOIN outbox o ON o.job_id = 'mail/' || n.id
                  WHERE n.kind IN ('overdue', 'escalation') AND n.round_id = ANY($1::uuid[])) AS mails`,
        [roundIds],
      )
    ).rows;
    if (overdue !== members || escalations !== staff) {
      throw new Error(`the deadline left ${members - overdue} members not overdue and ${staff - escalations} escalations unwritten`);
    }
    context.log(`time: ${overdue} overdue, ${escalations} escalations, ${mails} e-mails queued; the worker was ready ${round((ready - spawned) / 1000, 1)} s after it was started`);
    peak = Math.max(peak, worker.memory().peakRssBytes);
    return [
      atMost(`${members} members overdue and escalations queued`, round((done - ready) / 1000, 1), 's', DEADLINE_TARGET_S),
      figure('deadline: the same, counted from starting the worker', round((done - spawned) / 1000, 1), 's'),
      figure('deadline: e-mails queued', mails, ''),
      atMost('worker peak RSS in the sweep', Math.round(peak / MIB), 'MiB', WORKER_RSS_TARGET_MIB),
    ];
  } finally {
    await worker.stop();
  }
}

/**
 * The environment of a worker whose clock starts at `start`: a rehearsal, which production
 * refuses (NODE_ENV=production and CLOCK_START do not go together); nothing else differs.
 */
function rehearsing(start: Date, env: Record<string, string>): Record<string, string> {
  return { ...AS_DEPLOYED, NODE_ENV: 'development', CLOCK_START: start.toISOString(), ...env };
}

/**
 * Open rounds with every member undecided, over the councils in turn until they hold at least
 * `members` members, all with one deadline, their jobs in the outbox as a launch writes them.
 */
async function launchUndecided(
  context: BenchContext,
  db: Client,
  options: { members: number; deadline: CalendarDate; reminderDaysBefore: number[]; launchedAt: Date; title: string },
): Promise<OpenRound[]> {
  // The councils launchOpenRounds takes in turn: by slug, those with a cost key and members.
  const { rows } = await db.query(
    `SELECT count(*)::int AS members FROM council c JOIN membership m ON m.council_id = c.id AND m.left_on IS NULL
      WHERE EXISTS (SELECT 1 FROM cost_key k WHERE k.council_id = c.id) GROUP BY c.slug ORDER BY c.slug`,
  );
  const sizes = rows.map((row: { members: number }) => row.members);
  let count = 0;
  for (let total = 0; total < options.members; count++) total += sizes[count % sizes.length];
  const rounds = await launchOpenRounds(context.databaseUrl, { count, undecided: 'all', jobs: 'outbox', ...options });
  await db.query('ANALYZE round, round_member, outbox');
  return rounds;
}

/** How many clerks the rounds' members have between them: a reminder each. */
async function clerkCount(db: Client, rounds: readonly OpenRound[]): Promise<number> {
  const numbers = rounds.flatMap((round) => round.members.map((member) => member.municipalityNumber));
  const { rows } = await db.query(`SELECT municipality_number, count(*)::int AS n FROM role_grant WHERE role = 'clerk' GROUP BY 1`);
  const clerks = new Map(rows.map((row: { municipality_number: string; n: number }) => [row.municipality_number, row.n]));
  return numbers.reduce((sum, number) => sum + (clerks.get(number) ?? 0), 0);
}

/** The first day from `from` on that is a reminder's own day: a working day, not moved off a weekend or a holiday. */
function workingDayFrom(from: CalendarDate): CalendarDate {
  for (let day = from; ; day = addDays(day, 1)) {
    if (planReminders(addDays(day, 1), { daysBefore: [1] })[0]?.date === day) return day;
  }
}

/** The nth 'reconciled' line of the worker's log: the report and how long the pass took. */
async function reconciled(worker: BenchProcess, nth: number, timeoutMs: number): Promise<Record<string, unknown>> {
  let found: Record<string, unknown> | undefined;
  await until(
    `reconciliation ${nth}`,
    async () => {
      found = reconciliations(worker)[nth - 1];
      return found !== undefined;
    },
    timeoutMs,
  );
  return found!;
}

function reconciliations(worker: BenchProcess): Array<Record<string, unknown>> {
  return logLines(worker).filter((line) => line.msg === 'reconciled');
}

function logLines(worker: BenchProcess): Array<Record<string, unknown>> {
  return readFileSync(worker.logFile, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

function describeReport(report: Record<string, unknown>): string {
  return ['rounds', 'expected', 'jobs', 'catchUps', 'deadlines', 'mails', 'removed', 'ms'].map((key) => `${key} ${String(report[key])}`).join(', ');
}

/** Nothing left for the worker to do now: the outbox is relayed and no job waits or runs. */
async function quiet(db: Client, queue: Queue): Promise<void> {
  await until(
    'the worker to have nothing to do',
    async () => {
      const pending = (await db.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`)).rows[0].n as number;
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      return pending === 0 && counts.waiting + counts.active + counts.prioritized === 0;
    },
    600_000,
    250,
  );
}

/** Rows inserted, updated and deleted so far, by table, as PostgreSQL's statistics count them. */
async function tableWrites(db: Client): Promise<Map<string, number>> {
  const { rows } = await db.query(`SELECT relname, n_tup_ins + n_tup_upd + n_tup_del AS n FROM pg_stat_user_tables`);
  return new Map(rows.map((row: { relname: string; n: string }) => [row.relname, Number(row.n)]));
}

function writesSince(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const written: Record<string, number> = {};
  for (const [table, n] of after) if (n > (before.get(table) ?? 0)) written[table] = n - (before.get(table) ?? 0);
  return written;
}

/** An SMTP server that takes every mail and keeps none: the worker sends as in production, and nobody reads. */
async function startSmtpSink(): Promise<{ url: string; close: () => Promise<void> }> {
  const port = await freePort();
  const close = await listenSmtpServer(port, { receive: (_mail, accept) => accept() });
  return { url: `smtp://127.0.0.1:${port}`, close };
}

async function until(what: string, condition: () => Promise<boolean>, timeoutMs: number, everyMs = 200): Promise<void> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > timeoutMs) throw new Error(`time: gave up waiting for ${what} after ${timeoutMs / 1000} s`);
    await sleep(everyMs);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
