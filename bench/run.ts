// npm run bench: the national data set (built once, kept in its own database), a fresh copy of
// it for this run, and on it every scenario, one line per figure on stdout and all of them in
// bench/results.json. Targets are printed, never asserted: the bench fails only when a scenario
// could not run.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { runMigrations } from '@app/persistence';
import { superuser } from '../test/support/superuser';
import { benchAllocation, benchSequentialWrites, benchViews } from './demo';
import { BenchContext, Figure, PartlyMeasured, ProcessSettings, spawnApi, spawnWorker } from './figures';
import { ensureNationalData } from './national-data';
import { OpenRound, launchOpenRounds } from './open-rounds';
import { benchPgbench, captureRegistrations, captureRoundsBySize } from './pgbench/scenario';
import { ReplaySource } from './pgbench/replay';
import { benchReads } from './reads';
import { UNDECIDED, benchRegistration } from './registration';

const NATIONAL_DATABASE = 'vedtak_bench_national';
/**
 * Fresh rounds for each use (eight registrations each): the registration's enough for 20 s at
 * about 1 000 a second after its warm-up and single client; pgbench's for a single client and
 * then 32 clients, the floor's faster still.
 */
const ROUNDS = { registration: 3_000, replay: 3_500, floor: 6_000 };
const RESULTS = join(__dirname, 'results.json');

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** BENCH_ONLY=registration,reads runs only those parts (registration includes pgbench); all by default. */
const only = new Set((process.env.BENCH_ONLY ?? '').split(',').map((part) => part.trim()).filter(Boolean));
const runs = (part: 'registration' | 'reads' | 'time' | 'demo') => only.size === 0 || only.has(part);

function withDatabase(url: string, database: string): string {
  const copy = new URL(url);
  copy.pathname = `/${database}`;
  return copy.href;
}

async function onAdmin<T>(baseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The kept database of the national data: created when missing, migrated every run (migrations are idempotent). */
async function nationalDatabase(baseUrl: string): Promise<string> {
  await onAdmin(baseUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [NATIONAL_DATABASE]);
    if (!rowCount) {
      log(`creating the database ${NATIONAL_DATABASE}`);
      await client.query(`CREATE DATABASE ${NATIONAL_DATABASE}`);
    }
  });
  const url = withDatabase(baseUrl, NATIONAL_DATABASE);
  const ran = await runMigrations(url);
  if (ran.length > 0) log(`migrated ${NATIONAL_DATABASE}: ${ran.join(', ')}`);
  return url;
}

/** A new database (a copy of `template`, or empty), and how to drop it. */
async function createDatabase(baseUrl: string, name: string, template: string | null): Promise<{ url: string; drop: () => Promise<void> }> {
  await onAdmin(baseUrl, async (client) => {
    // A session still closing on the template makes PostgreSQL refuse the copy for a moment.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
        return;
      } catch (error) {
        if (attempt >= 50 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  });
  const drop = () =>
    onAdmin(baseUrl, async (client) => {
      // FORCE may not end a session of another role (autovacuum at work on the copy): it ends soon.
      for (let attempt = 0; ; attempt++) {
        try {
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          return;
        } catch (error) {
          if (attempt >= 100 || !/pg_signal_backend|being accessed by other users/.test(String(error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
      }
    });
  return { url: withDatabase(baseUrl, name), drop };
}

async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: join(__dirname, '..'), encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function plusDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const printed: Figure[] = [];

function print(figures: readonly Figure[]): void {
  for (const figure of figures) {
    printed.push(figure);
    const value = `${figure.value}${figure.unit ? ` ${figure.unit}` : ''}`;
    const target = figure.target ? `  target ${figure.target}: ${figure.met ? 'met' : 'NOT met'}` : '';
    process.stdout.write(`${figure.name.padEnd(62)} ${value.padStart(12)}${target}\n`);
  }
}

const failures: string[] = [];

/** Runs a scenario; a failure is reported and the bench goes on with the next one. */
async function scenario(name: string, work: () => Promise<Figure[]>): Promise<void> {
  const started = performance.now();
  try {
    print(await work());
    log(`${name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    if (error instanceof PartlyMeasured) print(error.figures);
    failures.push(name);
    log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

async function launch(databaseUrl: string, count: number, what: string): Promise<OpenRound[]> {
  const started = performance.now();
  // Councils of at least eight members: each round has exactly eight left to decide, the last settling it.
  const rounds = await launchOpenRounds(databaseUrl, { count, undecided: UNDECIDED, minMembers: UNDECIDED, deadline: plusDays(60), launchedAt: new Date() });
  const councils = new Set(rounds.map((round) => round.councilId)).size;
  log(`launched ${rounds.length} fresh rounds in ${councils} councils for ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return rounds;
}

async function main(): Promise<void> {
  const baseUrl = process.env.DATABASE_URL!;
  const redisUrl = process.env.REDIS_URL!;
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const date = new Date();
  process.stdout.write(`vedtaksrunde bench — node ${process.version}, ${cpus().length} cores, ${date.toISOString()}\n`);

  const logDirectory = join(__dirname, '..', '.data', 'bench', 'logs');
  rmSync(logDirectory, { recursive: true, force: true });
  mkdirSync(logDirectory, { recursive: true });

  const nationalUrl = await nationalDatabase(baseUrl);
  const data = await ensureNationalData(nationalUrl, { scale, log });
  if (data.builtInSeconds !== null) print([{ name: 'national data set: build', value: data.builtInSeconds, unit: 's', target: '≤ 60 s', met: data.builtInSeconds <= 60 }]);
  log(`national data: ${Object.entries(data.counts).map(([kind, n]) => `${n} ${kind}`).join(', ')}`);

  const run = await createDatabase(baseUrl, `vedtak_bench_run_${process.pid}`, NATIONAL_DATABASE);
  const demo = await createDatabase(baseUrl, `vedtak_bench_demo_${process.pid}`, null);
  const queuePrefix = `{vb-${randomBytes(4).toString('hex')}}`;
  const settings: ProcessSettings = {
    databaseUrl: run.url,
    redisUrl,
    // Fresh for every run, and as strong as production demands.
    jwtSecret: randomBytes(48).toString('base64'),
    queuePrefix,
    logDirectory,
  };
  const context: BenchContext = { ...settings, data, spawnApi: spawnApi(settings), spawnWorker: spawnWorker(settings), log };
  try {
    if (runs('registration') || runs('reads')) await registrationAndReads(context);
    if (runs('time')) await scenario('time scenario', async () => {
      const module = join(__dirname, 'time');
      if (!existsSync(`${module}.ts`)) {
        process.stdout.write('time scenario: not built\n');
        return [];
      }
      // Imported by path: the bench runs, and type-checks, without it.
      const { benchTime } = (await import(module)) as { benchTime: (context: BenchContext) => Promise<Figure[]> };
      return benchTime(context);
    });
    if (runs('demo')) {
      await runMigrations(demo.url);
      await scenario('allocation', async () => benchAllocation());
      await scenario('demo views', () => benchViews(demo.url, log));
      await scenario('demo sequential writes', () => benchSequentialWrites(demo.url));
    }
  } finally {
    await run.drop().catch((error) => log(`could not drop ${run.url}: ${error}`));
    await demo.drop().catch((error) => log(`could not drop ${demo.url}: ${error}`));
    await deleteRedisKeys(redisUrl, queuePrefix).catch((error) => log(`could not delete the Redis keys under ${queuePrefix}: ${error}`));
  }

  const judged = printed.filter((figure) => figure.target);
  process.stdout.write(`targets met: ${judged.filter((figure) => figure.met).length} of ${judged.length}\n`);
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? null, node: process.version, date: date.toISOString(), commit: gitCommit(), scale, parts: only.size > 0 ? [...only] : 'all' };
  writeFileSync(RESULTS, `${JSON.stringify({ machine, figures: printed, failed: failures }, null, 2)}\n`);
  log(`figures written to ${RESULTS}; the processes' logs and pgbench's scripts are in ${logDirectory}`);
  if (failures.length > 0) {
    log(`could not run: ${failures.join(', ')}`);
    process.exitCode = 1;
  }
}

interface FreshRounds {
  registration: OpenRound[];
  /** One round of each council size, whose registrations are captured for pgbench (a). */
  capture: OpenRound[];
  replay: OpenRound[];
  floor: OpenRound[];
}

async function launchFreshRounds(context: BenchContext): Promise<FreshRounds> {
  const registration = await launch(context.databaseUrl, ROUNDS.registration, 'the registration');
  const { capture, rest: replay } = captureRoundsBySize(await launch(context.databaseUrl, ROUNDS.replay, 'pgbench (a)'));
  const floor = await launch(context.databaseUrl, ROUNDS.floor, 'pgbench (b)');
  return { registration, capture, replay, floor };
}

async function captured(context: BenchContext, rounds: readonly OpenRound[]): Promise<ReplaySource[]> {
  const operator = superuser(context.databaseUrl);
  if (!operator.available) {
    log(`pgbench (a) needs PostgreSQL's superuser to set log_statement: ${operator.reason}`);
    return [];
  }
  const sources = await captureRegistrations(context, operator, rounds);
  log(`captured ${sources.length} registrations on rounds of ${rounds.map((round) => round.members.length).join(', ')} members`);
  return sources;
}

/**
 * The reads, then registration with pgbench beside it, each with an api process started as
 * production starts it. The reads come first, on the national data as it is: the registration's
 * fresh rounds (thousands open at once in every council) are no country's dashboard.
 */
async function registrationAndReads(context: BenchContext): Promise<void> {
  if (runs('reads')) {
    await scenario('the api for the reads', async () => {
      const api = await context.spawnApi();
      try {
        await scenario('reads', () => benchReads(context, api));
      } finally {
        await api.stop();
      }
      return [];
    });
  }
  if (!runs('registration')) return;
  let rounds: FreshRounds | null = null;
  let sources: ReplaySource[] = [];
  await scenario('launching fresh rounds', async () => {
    rounds = await launchFreshRounds(context);
    return [];
  });
  if (rounds) await scenario('capturing the SQL of a registration', async () => {
    sources = await captured(context, rounds!.capture);
    return [];
  });

  let throughput = 0;
  if (rounds) await scenario('the api', async () => {
    const api = await context.spawnApi();
    try {
      await scenario('registration', async () => {
        const result = await benchRegistration(context, api, rounds!.registration);
        throughput = result.throughput;
        return result.figures;
      });
    } finally {
      await api.stop();
    }
    return [];
  });

  if (!rounds) return;
  const { replay, floor } = rounds;
  if (throughput > 0) await scenario('pgbench', () => benchPgbench(context, sources, replay, floor, throughput));
  else failures.push('pgbench (no registration throughput to compare with)');
}

main().catch((error) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
