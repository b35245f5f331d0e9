// The registration scenario: clerks register their kommunestyre's adoption through the whole
// stack (token, validation, transaction, revision, event, outbox, settlement) on fresh open
// rounds of the national data, with many connections at once; then every answered 200 is looked
// for in PostgreSQL.
import { Client } from 'pg';
import autocannon from 'autocannon';
import { todayInOslo } from '@app/domain';
import { signLocalToken } from '@app/identity';
import { BenchApi, BenchContext, Figure, MIB, atMost, cpuSeconds, figure, postgresCpuSeconds } from './figures';
import { LoadResult, latencySummary, runLoad } from './load';
import type { OpenRound } from './open-rounds';
import { benchClaims } from './national-data';

/** How many members of each launched round are left to decide: the last of them settles it. */
export const UNDECIDED = 8;

const FINAL = new Set(['adopted', 'rejected', 'adopted_with_amendments']);

/** A round to register: its undecided members in kommunenummer order, the last one settling it. */
export interface RegistrationTarget {
  roundId: string;
  members: string[];
}

export function registrationTargets(rounds: readonly OpenRound[]): RegistrationTarget[] {
  return rounds.map((round) => {
    const members = round.members
      .filter((member) => !FINAL.has(member.status))
      .map((member) => member.municipalityNumber)
      .sort();
    if (members.length !== UNDECIDED) throw new Error(`round ${round.id} has ${members.length} undecided members, not ${UNDECIDED}`);
    return { roundId: round.id, members };
  });
}

/** Each clerk's bearer token, signed before the load (signing is asynchronous, building a request is not). */
export async function clerkTokens(secret: string, targets: readonly RegistrationTarget[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const number of new Set(targets.flatMap((target) => target.members))) {
    tokens.set(number, `Bearer ${await signLocalToken(secret, benchClaims(`clerk.${number}`))}`);
  }
  return tokens;
}

let serial = 0;

/** A valid adoption by the kommunestyre, met today (Oslo), with references of its own. */
export function adoption(): string {
  const today = todayInOslo(new Date());
  const number = ++serial;
  return JSON.stringify({
    decision: 'adopted',
    meetingDate: today,
    body: 'kommunestyre',
    caseNumber: `${today.slice(0, 4)}/${number}`,
    protocolRef: `PS ${number}/${today.slice(2, 4)}`,
  });
}

/** What one registration was answered. */
export interface Answer {
  roundId: string;
  municipalityNumber: string;
  status: number;
}

export interface RegistrationLoad {
  load: LoadResult;
  answers: Answer[];
  /** Whether the rounds ran out before the time was up. */
  ranOut: boolean;
}

/**
 * Registers decisions from `connections` connections for `seconds`: each connection takes the
 * next round and registers its members one after the other, so every eighth decision it sends
 * settles a round, and no (round, member) is registered twice.
 */
export async function registerUnderLoad(
  api: BenchApi,
  targets: RegistrationTarget[],
  tokens: ReadonlyMap<string, string>,
  options: { connections: number; seconds: number },
): Promise<RegistrationLoad> {
  const answers: Answer[] = [];
  let ranOut = false;
  let stop = () => {};
  const idle: autocannon.Request = { method: 'GET', path: '/api/health/live', headers: {}, body: undefined };
  const requests: autocannon.Request[] = Array.from({ length: UNDECIDED }, (_, position) => ({
    setupRequest: (request, context) => {
      if (position === 0) context.target = targets.shift();
      const target = context.target as RegistrationTarget | undefined;
      if (!target) {
        ranOut = true;
        stop();
        context.current = undefined;
        return { ...request, ...idle };
      }
      const municipalityNumber = target.members[position];
      context.current = { roundId: target.roundId, municipalityNumber };
      return {
        ...request,
        method: 'PUT',
        path: `/api/rounds/${target.roundId}/decisions/${municipalityNumber}`,
        headers: { authorization: tokens.get(municipalityNumber)!, 'content-type': 'application/json' },
        body: adoption(),
      };
    },
    onResponse: (status, _body, context) => {
      const current = context.current as Omit<Answer, 'status'> | undefined;
      if (current) answers.push({ ...current, status });
    },
  }));
  const load = await runLoad({ url: api.url, connections: options.connections, seconds: options.seconds, requests, onStart: (end) => (stop = end) });
  return { load, answers, ranOut };
}

export interface LostCheck {
  /** 200s without their revision or their decision.registered event, and rounds not settled exactly once. */
  lost: number;
  details: string[];
}

/**
 * Every 200 must have its member_decision_revision and its decision.registered event; every
 * round whose undecided members all got 200 must be settled exactly once, and no round twice.
 */
export async function checkNothingLost(databaseUrl: string, answers: readonly Answer[]): Promise<LostCheck> {
  const ok = answers.filter((answer) => answer.status === 200);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const missing = await client.query<{ round_id: string; municipality_number: string; revision: boolean; event: boolean }>(
      `SELECT a.round_id, a.municipality_number,
              EXISTS (SELECT 1 FROM member_decision_revision r
                       WHERE r.round_id = a.round_id AND r.municipality_number = a.municipality_number AND r.status = 'adopted') AS revision,
              EXISTS (SELECT 1 FROM event e
                       WHERE e.round_id = a.round_id AND e.type = 'decision.registered'
                         AND e.data->>'municipalityNumber' = a.municipality_number) AS event
         FROM unnest($1::uuid[], $2::text[]) AS a(round_id, municipality_number)`,
      [ok.map((answer) => answer.roundId), ok.map((answer) => answer.municipalityNumber)],
    );
    const details = missing.rows
      .filter((row) => !row.revision || !row.event)
      .map((row) => `${row.round_id}/${row.municipality_number}: ${row.revision ? '' : 'no revision '}${row.event ? '' : 'no event'}`.trim());

    const okPerRound = new Map<string, number>();
    for (const answer of ok) okPerRound.set(answer.roundId, (okPerRound.get(answer.roundId) ?? 0) + 1);
    const rounds = [...new Set(answers.map((answer) => answer.roundId))];
    const settled = await client.query<{ round_id: string; settled: string; outcomes: string; status: string }>(
      `SELECT r.id AS round_id, r.status,
              (SELECT count(*) FROM event e WHERE e.round_id = r.id AND e.type = 'round.settled') AS settled,
              (SELECT count(*) FROM round_outcome o WHERE o.round_id = r.id) AS outcomes
         FROM round r WHERE r.id = ANY($1::uuid[])`,
      [rounds],
    );
    for (const row of settled.rows) {
      const complete = okPerRound.get(row.round_id) === UNDECIDED;
      const events = Number(row.settled);
      const outcomes = Number(row.outcomes);
      if (events > 1 || outcomes > 1) details.push(`${row.round_id}: settled ${events} times, ${outcomes} outcomes`);
      else if (complete && (events !== 1 || outcomes !== 1 || row.status !== 'approved')) {
        details.push(`${row.round_id}: every member got 200 but the round is ${row.status} with ${events} round.settled events`);
      }
    }
    return { lost: details.length, details };
  } finally {
    await client.end();
  }
}

export interface RegistrationResult {
  figures: Figure[];
  /** 2xx per second at 32 connections, for the ratios to pgbench. */
  throughput: number;
}

const seconds = (value: number) => Math.round(value * 10) / 10;
const ms = (value: number) => Math.round(value * 10) / 10;

/**
 * The registration figures: a warm-up, one client alone, then 32 clients for 20 s; the api's
 * memory under that load; and the check that nothing answered 200 is missing.
 */
export async function benchRegistration(context: BenchContext, api: BenchApi, rounds: readonly OpenRound[]): Promise<RegistrationResult> {
  const targets = registrationTargets(rounds);
  const tokens = await clerkTokens(context.jwtSecret, targets);
  const answers: Answer[] = [];

  context.log('registration: warming up (3 s, 32 connections)');
  const warm = await registerUnderLoad(api, targets, tokens, { connections: 32, seconds: 3 });
  answers.push(...warm.answers);

  context.log('registration: one client (8 s)');
  const cpuBefore = { api: cpuSeconds(api.pid), postgres: postgresCpuSeconds() };
  const single = await registerUnderLoad(api, targets, tokens, { connections: 1, seconds: 8 });
  // What one registration costs in CPU, with nothing else going on: the api's processes and PostgreSQL's.
  const singleCount = single.load.statusCounts['200'] ?? 0;
  const cpuPerRegistration = {
    api: ((cpuSeconds(api.pid) - cpuBefore.api) * 1000) / Math.max(1, singleCount),
    postgres: ((postgresCpuSeconds() - cpuBefore.postgres) * 1000) / Math.max(1, singleCount),
  };
  answers.push(...single.answers);

  context.log(`registration: 32 clients (20 s) on ${targets.length} fresh rounds`);
  const loaded = await registerUnderLoad(api, targets, tokens, { connections: 32, seconds: 20 });
  answers.push(...loaded.answers);
  const memory = api.memory();
  // A moment without load: what the api keeps once the burst is over.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const after = api.memory();

  if (warm.ranOut || single.ranOut || loaded.ranOut) context.log(`registration: the fresh rounds ran out after ${seconds(loaded.load.seconds)} s; launch more`);
  const check = await checkNothingLost(context.databaseUrl, answers);
  for (const detail of check.details.slice(0, 10)) context.log(`registration: lost ${detail}`);

  const load = latencySummary(loaded.load);
  const one = latencySummary(single.load);
  const failures = loaded.load.non2xx + loaded.load.errors + single.load.non2xx + single.load.errors;
  if (failures > 0) context.log(`registration: answers ${JSON.stringify({ ...loaded.load.statusCounts, errors: loaded.load.errors })} (32 clients), ${JSON.stringify({ ...single.load.statusCounts, errors: single.load.errors })} (one)`);
  return {
    throughput: loaded.load.okPerSecond,
    figures: [
      figure('registration, 32 clients: throughput', Math.round(loaded.load.okPerSecond), 'req/s'),
      figure('registration, 32 clients: p50', ms(load.p50), 'ms'),
      atMost('registration, 32 clients: p99', ms(load.p99), 'ms', 150),
      atMost('registration: errors and non-2xx', failures, '', 0),
      atMost('registration, one client: p50', ms(one.p50), 'ms', 8),
      figure('registration, one client: api CPU per registration', Math.round(cpuPerRegistration.api * 100) / 100, 'ms'),
      figure('registration, one client: PostgreSQL CPU per registration', Math.round(cpuPerRegistration.postgres * 100) / 100, 'ms'),
      atMost('registration: lost', check.lost, '', 0),
      atMost('api peak RSS under registration load (largest process)', Math.round(memory.peakRssBytes / MIB), 'MB', 200),
      figure('api RSS after the load (largest process)', Math.round(after.rssBytes / MIB), 'MB'),
      figure(`api RSS after the load, all ${after.processes} processes`, Math.round(after.totalRssBytes / MIB), 'MB'),
    ],
  };
}
