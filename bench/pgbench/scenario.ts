// pgbench beside the registration: (a) the SQL a registration actually sends, captured from the
// server log at run time, and (b) the floor, the same effects in one statement. Both run with
// the registration's number of clients, on fresh targets of the same run's database.
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { memberReminderDates } from '@app/application';
import { CalendarDate, todayInOslo } from '@app/domain';
import { signLocalToken } from '@app/identity';
import { Superuser } from '../../test/support/superuser';
import { BenchContext, Figure, PartlyMeasured, atLeast, figure } from '../figures';
import type { OpenRound } from '../open-rounds';
import { benchClaims } from '../national-data';
import { adoption, registrationTargets } from '../registration';
import { captureStatements } from './capture';
import { PgbenchResult, runPgbench } from './pgbench';
import { CapturedRound, ReplaySource, ReplayTarget, buildReplay, createTargetTable, memberColumnNames, targetHeader } from './replay';

export const PGBENCH_CLIENTS = 32;
export const PGBENCH_SECONDS = 20;
/** Before the 32 clients, one client alone: the time the SQL of one registration takes without company. */
const SINGLE_SECONDS = 5;
const SINGLE_ROUNDS = 625;

/** The round of each member count among the rounds: a settling registration is captured on each. */
export function captureRoundsBySize(rounds: readonly OpenRound[]): { capture: OpenRound[]; rest: OpenRound[] } {
  const bySize = new Map<number, OpenRound>();
  for (const round of rounds) if (!bySize.has(round.members.length)) bySize.set(round.members.length, round);
  const capture = new Set(bySize.values());
  return { capture: [...capture], rest: rounds.filter((round) => !capture.has(round)) };
}

async function roundFacts(client: Client, rounds: readonly OpenRound[]): Promise<Map<string, CapturedRound>> {
  const { rows } = await client.query<{ id: string; council_id: string; fee_effective_from: string | null; agreement_version_id: string | null }>(
    `SELECT id, council_id, fee_effective_from::text, agreement_version_id FROM round WHERE id = ANY($1::uuid[])`,
    [rounds.map((round) => round.id)],
  );
  const members = new Map(rounds.map((round) => [round.id, round.members.map((member) => member.municipalityNumber).sort()]));
  return new Map(
    rows.map((row) => [
      row.id,
      { roundId: row.id, councilId: row.council_id, feeEffectiveFrom: row.fee_effective_from, agreementVersionId: row.agreement_version_id, members: members.get(row.id)! },
    ]),
  );
}

function replayTargets(facts: ReadonlyMap<string, CapturedRound>, rounds: readonly OpenRound[]): ReplayTarget[] {
  return registrationTargets(rounds).map((target) => ({ ...facts.get(target.roundId)!, undecided: target.members }));
}

/**
 * Registers the capture rounds' members one at a time through an api started with
 * log_statement = 'all', and returns what each registration sent: the one before the last of a
 * round as the ordinary registration of its size, the last as the settling one.
 */
export async function captureRegistrations(context: BenchContext, superuser: Superuser, rounds: readonly OpenRound[]): Promise<ReplaySource[]> {
  const targets = registrationTargets(rounds);
  const client = new Client({ connectionString: context.databaseUrl });
  await client.connect();
  try {
    const facts = await roundFacts(client, rounds);
    const captured = await captureStatements(superuser, context.databaseUrl, async (mark) => {
      const api = await context.spawnApi();
      try {
        const tokens = new Map<string, string>();
        for (const number of new Set(targets.flatMap((target) => target.members))) {
          const token = `Bearer ${await signLocalToken(context.jwtSecret, benchClaims(`clerk.${number}`))}`;
          tokens.set(number, token);
          // Signing in records the person (at most every few minutes): done here, it is no part of a registration.
          await fetch(`${api.url}/api/me`, { headers: { authorization: token } });
        }
        for (const target of targets) {
          for (const number of target.members) {
            await mark(`${target.roundId}/${number}`);
            const response = await fetch(`${api.url}/api/rounds/${target.roundId}/decisions/${number}`, {
              method: 'PUT',
              headers: { authorization: tokens.get(number)!, 'content-type': 'application/json' },
              body: adoption(),
            });
            if (response.status !== 200) throw new Error(`the captured registration ${target.roundId}/${number} was answered ${response.status}: ${await response.text()}`);
          }
        }
        await mark('end');
      } finally {
        await api.stop();
      }
    });
    return targets.flatMap((target) => {
      const round = facts.get(target.roundId)!;
      const at = (position: number): ReplaySource => {
        const registering = target.members[position];
        const statements = captured.get(`${target.roundId}/${registering}`) ?? [];
        if (statements.length === 0) throw new Error(`nothing was captured for ${target.roundId}/${registering}`);
        return { kind: position === target.members.length - 1 ? 'settling' : 'ordinary', round, registering, statements };
      };
      return [at(target.members.length - 2), at(target.members.length - 1)];
    });
  } finally {
    await client.end();
  }
}

/** How many statements one registration sends, counted on the captured ones (BEGIN and COMMIT included). */
export function statementsPerRegistration(sources: readonly ReplaySource[]): Record<'ordinary' | 'settling', { trips: number; statements: number }> {
  // A trip of the simple protocol may hold several statements, joined by `;` and a newline.
  const statementsOf = (source: ReplaySource) => source.statements.reduce((sum, each) => sum + (each.params ? 1 : each.sql.split(/;\n/).length), 0);
  const most = (kind: ReplaySource['kind'], count: (source: ReplaySource) => number) =>
    Math.max(0, ...sources.filter((source) => source.kind === kind).map(count));
  const of = (kind: ReplaySource['kind']) => ({ trips: most(kind, (source) => source.statements.length), statements: most(kind, statementsOf) });
  return { ordinary: of('ordinary'), settling: of('settling') };
}

interface ScriptRun {
  /** One client alone, then PGBENCH_CLIENTS. */
  single: PgbenchResult;
  result: PgbenchResult;
  /** Registrations the 32 clients left in the database (revisions written meanwhile). */
  written: number;
}

async function runOnTargets(
  context: BenchContext,
  client: Client,
  name: string,
  table: string,
  body: string,
  rows: Array<Record<string, string | number | null>>,
  memberColumns: number,
  constants: Record<string, string | number>,
): Promise<ScriptRun> {
  await createTargetTable(client, table, rows, memberColumns);
  const rounds = rows.length / 8;
  const singleRounds = Math.min(SINGLE_ROUNDS, Math.floor(rounds / 4));
  const script = `${targetHeader(table, memberColumnNames(memberColumns))}${body}`;
  // pgbench draws a seed per run: both runs need the same permutation, or they share rounds.
  const seed = randomInt(1, 2 ** 31);
  const run = (pass: string, clients: number, seconds: number, first: number, perClient: number) =>
    runPgbench({
      databaseUrl: context.databaseUrl,
      script,
      variables: { vb_k: -1, vb_rounds: rounds, vb_seed: seed, vb_first: first, vb_per_client: perClient, ...constants },
      clients,
      seconds,
      directory: context.logDirectory,
      name: `pgbench-${name}-${pass}`,
    }).then((result) => {
      if (result.error) context.log(`pgbench ${name}, ${pass}: ${result.error} (see ${join(context.logDirectory, `pgbench-${name}-${pass}.out`)})`);
      return result;
    });
  const revisions = async () => Number((await client.query<{ count: string }>(`SELECT count(*) FROM member_decision_revision`)).rows[0].count);

  context.log(`pgbench ${name}: one client, ${SINGLE_SECONDS} s, then ${PGBENCH_CLIENTS} clients, ${PGBENCH_SECONDS} s, on ${rounds} fresh rounds`);
  const single = await run('1-client', 1, SINGLE_SECONDS, 0, singleRounds);
  const before = await revisions();
  const result = await run(`${PGBENCH_CLIENTS}-clients`, PGBENCH_CLIENTS, PGBENCH_SECONDS, singleRounds, Math.floor((rounds - singleRounds) / PGBENCH_CLIENTS));
  return { single, result, written: (await revisions()) - before };
}

/** The run's constants of the floor: today, the instant, the references, the reminders to cancel. */
async function floorConstants(client: Client, rounds: readonly OpenRound[]): Promise<Record<string, string>> {
  const now = new Date();
  const today = todayInOslo(now);
  const { rows } = await client.query<{ deadline: CalendarDate; reminder_days_before: number[] }>(
    `SELECT DISTINCT deadline::text AS deadline, reminder_days_before FROM round WHERE id = ANY($1::uuid[])`,
    [rounds.map((round) => round.id)],
  );
  if (rows.length !== 1) throw new Error(`the floor's rounds have ${rows.length} deadlines or reminder plans; they must share one`);
  const [{ deadline, reminder_days_before }] = rows;
  const reminders = memberReminderDates({ deadline, reminderDaysBefore: reminder_days_before }, { status: 'pending', nextMeetingDate: null }).filter(
    (date) => date >= today,
  );
  return {
    vb_now: now.toISOString(),
    vb_today: today,
    vb_case: `${today.slice(0, 4)}/floor`,
    vb_protocol: `PS floor/${today.slice(2, 4)}`,
    vb_deadline: deadline,
    vb_reminders: `{${reminders.join(',')}}`,
  };
}

/**
 * pgbench (a) and (b) on their own fresh rounds, and the ratios of the registration's
 * throughput to each. `throughput` is the registration's 2xx per second at 32 clients.
 */
export async function benchPgbench(
  context: BenchContext,
  sources: readonly ReplaySource[],
  replayRounds: readonly OpenRound[],
  floorRounds: readonly OpenRound[],
  throughput: number,
): Promise<Figure[]> {
  const client = new Client({ connectionString: context.databaseUrl });
  await client.connect();
  const figures: Figure[] = [];
  try {
    const facts = await roundFacts(client, [...replayRounds, ...floorRounds]);
    let a: ScriptRun | null = null;
    if (sources.length > 0) {
      const sent = statementsPerRegistration(sources);
      figures.push(
        figure('registration: round trips (ordinary)', sent.ordinary.trips, ''),
        figure('registration: statements sent (ordinary)', sent.ordinary.statements, ''),
        figure('registration: round trips (settling)', sent.settling.trips, ''),
        figure('registration: statements sent (settling)', sent.settling.statements, ''),
      );
      const replay = await buildReplay(client, sources, replayTargets(facts, replayRounds));
      a = await runOnTargets(context, client, 'a-captured', 'vb_target_captured', replay.body, replay.rows, replay.memberColumns, {});
      context.log(`pgbench (a): ${a.result.transactions} transactions at ${PGBENCH_CLIENTS} clients, ${a.written} revisions written`);
    } else context.log('pgbench (a): no registration was captured; not run');

    const floor = replayTargets(facts, floorRounds);
    const floorRows = floor.flatMap((target, index) =>
      target.undecided.map((number, position) => ({ n: index * 8 + position, vb_round: target.roundId, vb_council: target.councilId, vb_pos: position, vb_shape: 0, vb_fee_from: target.feeEffectiveFrom, vb_version: target.agreementVersionId, vb_m0: number })),
    );
    const body = readFileSync(join(__dirname, 'floor.sql'), 'utf8');
    const b = await runOnTargets(context, client, 'b-floor', 'vb_target_floor', body, floorRows, 1, await floorConstants(client, floorRounds));
    context.log(`pgbench (b): ${b.result.transactions} transactions at ${PGBENCH_CLIENTS} clients, ${b.written} revisions written`);

    const ratio = (tps: number) => Math.round((throughput / tps) * 100) / 100;
    const ms = (value: number) => Math.round(value * 10) / 10;
    if (a) figures.push(figure('pgbench (a) captured registration SQL, one client: latency', ms(a.single.latency), 'ms'));
    figures.push(figure('pgbench (b) floor, one client: latency', ms(b.single.latency), 'ms'));
    if (a) figures.push(figure('pgbench (a) captured registration SQL', Math.round(a.result.tps), 'tps'));
    figures.push(figure('pgbench (b) floor, one statement', Math.round(b.result.tps), 'tps'));
    if (a) figures.push(figure('registration ÷ pgbench (a)', ratio(a.result.tps), ''));
    figures.push(atLeast('registration ÷ pgbench (b) floor', ratio(b.result.tps), '', 0.4));
    const errors = [a?.single, a?.result, b.single, b.result].filter((result) => result?.aborted).map((result) => result!.error ?? 'a client stopped');
    if (errors.length > 0) throw new PartlyMeasured(figures, `pgbench: ${errors.join('; ')}`);
    return figures;
  } finally {
    await client.end();
  }
}
