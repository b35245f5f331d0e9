// What every scenario of the bench shares: the figures it reports, the run's context, and the
// built api and worker started as the processes production runs.
import { availableParallelism } from 'node:os';
import { ChildProcess, spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { NationalData } from './national-data';
import { UNLIMITED } from '../test/support/config';

/** One measured figure; `target` is the target as words ("≤ 150 ms"), `met` whether the value reaches it. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
  met?: boolean;
}

/** A figure with no target: printed for what it says, not judged. */
export function figure(name: string, value: number, unit: string): Figure {
  return { name, value, unit };
}

/** A figure that must not exceed `limit`. */
export function atMost(name: string, value: number, unit: string, limit: number): Figure {
  return { name, value, unit, target: `≤ ${limit} ${unit}`.trimEnd(), met: value <= limit };
}

/** A figure that must reach at least `limit`. */
export function atLeast(name: string, value: number, unit: string, limit: number): Figure {
  return { name, value, unit, target: `≥ ${limit} ${unit}`.trimEnd(), met: value >= limit };
}

/** A scenario that measured some of its figures and then could not go on: those figures, and why. */
export class PartlyMeasured extends Error {
  constructor(
    readonly figures: Figure[],
    reason: string,
  ) {
    super(reason);
    this.name = 'PartlyMeasured';
  }
}

/** A built app running as a process of its own. */
export interface BenchProcess {
  pid: number;
  /** Where its stdout and stderr go (JSON log lines at LOG_LEVEL=info). */
  logFile: string;
  /**
   * Its resident memory now and at its peak so far (VmRSS and VmHWM of /proc/<pid>/status), in
   * bytes: of the largest of it and its children, and of all together.
   */
  memory(): ProcessMemory;
  /** SIGTERM, then SIGKILL if it has not ended within the grace period; resolves when it has exited. */
  stop(): Promise<void>;
}

/** The api, once /api/health/ready answers 200. */
export interface BenchApi extends BenchProcess {
  url: string;
  port: number;
}

export interface ProcessMemory {
  /** The largest of the process and its children (the api's processes under API_PROCESSES). */
  rssBytes: number;
  peakRssBytes: number;
  /** All of them together, now. */
  totalRssBytes: number;
  processes: number;
}

/** Everything a scenario needs to run against this run's copy of the national data. */
export interface BenchContext {
  /** This run's database: a fresh copy of the national data set, dropped after the run. */
  databaseUrl: string;
  redisUrl: string;
  /** The JWT_SECRET the spawned apps verify local tokens with (sign with signLocalToken). */
  jwtSecret: string;
  /** The QUEUE_PREFIX of this run's api and worker: their queues and rate limits are theirs alone. */
  queuePrefix: string;
  data: NationalData;
  /** Where the spawned processes' logs and the generated pgbench scripts go (kept after the run). */
  logDirectory: string;
  /** Starts `node dist/apps/api/main.js` with the production settings and `env` on top. */
  spawnApi(env?: Record<string, string>): Promise<BenchApi>;
  /**
   * Starts `node dist/apps/worker/main.js` with the production settings and `env` on top; resolves
   * once it logs "worker ready". Production refuses CLOCK_START: a scenario that moves the clock
   * sets NODE_ENV (development) with it.
   */
  spawnWorker(env?: Record<string, string>): Promise<BenchProcess>;
  /** A line of progress (stderr), so the figures on stdout stay one per line. */
  log(line: string): void;
}

export interface ProcessSettings {
  databaseUrl: string;
  redisUrl: string;
  jwtSecret: string;
  queuePrefix: string;
  /** The folder the processes' log files are written to. */
  logDirectory: string;
}

/**
 * The environment production would give the apps, as far as a bench can: NODE_ENV=production,
 * local tokens on (the bench signs its own), info logs, and rate limits so high that the
 * Redis-backed limiter still runs on every request but never refuses one.
 */
export function productionEnvironment(settings: ProcessSettings, env: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    DATABASE_URL: settings.databaseUrl,
    REDIS_URL: settings.redisUrl,
    JWT_SECRET: settings.jwtSecret,
    LOCAL_TOKENS: 'on',
    LOG_LEVEL: 'info',
    QUEUE_PREFIX: settings.queuePrefix,
    // One api process per core, as an installation on one machine runs it (BENCH_API_PROCESSES=1 for one).
    API_PROCESSES: process.env.BENCH_API_PROCESSES ?? 'auto',
    ...UNLIMITED,
    ...env,
  };
}

/** The api's Node.js flags as the Dockerfile's CMD and docker-compose.yml give them. */
export const API_AS_DEPLOYED = ['--max-old-space-size=128', '--max-semi-space-size=4'];

let spawned = 0;

function spawnBuilt(app: 'api' | 'worker', settings: ProcessSettings, env: Record<string, string>): { child: ChildProcess; process: BenchProcess } {
  const logFile = join(settings.logDirectory, `${app}-${++spawned}.log`);
  const fd = openSync(logFile, 'a');
  // For a profile of the apps under the bench's load, e.g. BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=.data/bench/profiles'.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...(app === 'api' ? API_AS_DEPLOYED : []), ...nodeArgs, join(__dirname, `../dist/apps/${app}/main.js`)], {
    env: productionEnvironment(settings, env),
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    process: {
      pid: child.pid!,
      logFile,
      memory: () => processMemory(child.pid!),
      stop: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(killer);
      },
    },
  };
}

export function spawnApi(settings: ProcessSettings): (env?: Record<string, string>) => Promise<BenchApi> {
  return async (env = {}) => {
    const port = await freePort();
    const { child, process: api } = spawnBuilt('api', settings, { PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, ...env });
    const url = `http://127.0.0.1:${port}`;
    // With several processes, each says when it listens; the first that is ready answers the probe.
    const processes = Number(productionEnvironment(settings, env).API_PROCESSES.replace('auto', String(availableParallelism())));
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`the api exited with ${child.exitCode}; see ${api.logFile}`);
      const ready = await fetch(`${url}/api/health/ready`).then(
        (response) => response.status === 200,
        () => false,
      );
      const listening = processes > 1 ? (readFileSync(api.logFile, 'utf8').match(/An api process listens/g) ?? []).length : 1;
      if (ready && listening >= processes) return { ...api, url, port };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await api.stop();
    throw new Error(`the api did not become ready within a minute; see ${api.logFile}`);
  };
}

export function spawnWorker(settings: ProcessSettings): (env?: Record<string, string>) => Promise<BenchProcess> {
  return async (env = {}) => {
    const { child, process: worker } = spawnBuilt('worker', settings, env);
    // The worker says so in its log once its queues are open.
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`the worker exited with ${child.exitCode}; see ${worker.logFile}`);
      if (readFileSync(worker.logFile, 'utf8').includes('worker ready')) return worker;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await worker.stop();
    throw new Error(`the worker did not become ready within a minute; see ${worker.logFile}`);
  };
}

/** The process and its children (the api's processes under API_PROCESSES), from Linux's /proc. */
function withChildren(pid: number): number[] {
  try {
    return [pid, ...readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)];
  } catch {
    // Gone: nothing more to count.
    return [pid];
  }
}

/** VmRSS and VmHWM of a running process and its children, from Linux's /proc. */
export function processMemory(pid: number): ProcessMemory {
  const each = withChildren(pid).flatMap((one) => {
    try {
      const status = readFileSync(`/proc/${one}/status`, 'utf8');
      const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
      return [{ rss: kib('VmRSS'), peak: kib('VmHWM') }];
    } catch {
      return [];
    }
  });
  return {
    rssBytes: Math.max(...each.map((one) => one.rss)),
    peakRssBytes: Math.max(...each.map((one) => one.peak)),
    totalRssBytes: each.reduce((sum, one) => sum + one.rss, 0),
    processes: each.length,
  };
}

/** CPU seconds (user and system) spent so far by a process and its children, from Linux's /proc. */
export function cpuSeconds(pid: number): number {
  return withChildren(pid).reduce((sum, one) => sum + processCpuSeconds(one), 0);
}

/** CPU seconds spent so far by every PostgreSQL process of the machine (the server's backends and helpers). */
export function postgresCpuSeconds(): number {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .reduce((sum, entry) => sum + processCpuSeconds(Number(entry), 'postgres'), 0);
}

// Clock ticks a second of /proc/<pid>/stat (USER_HZ: 100 on Linux).
const TICKS = 100;

function processCpuSeconds(pid: number, command?: string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state …": the fields after the command's closing parenthesis, utime and stime the 12th and 13th of them.
    const close = stat.lastIndexOf(')');
    if (command && stat.slice(stat.indexOf('(') + 1, close) !== command) return 0;
    const fields = stat.slice(close + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

export const MIB = 2 ** 20;

/** The value at fraction `p` (0.5, 0.95, 0.99) of the sorted values. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
