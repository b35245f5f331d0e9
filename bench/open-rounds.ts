import { randomUUID } from 'node:crypto';
import { Client, ClientBase } from 'pg';
import { deadlineJob, memberReminderDates } from '@app/application';
import { DEFAULT_REMINDER_DAYS_BEFORE, Money, allocate, launchRound, planReminders, reminderSendAt, todayInOslo } from '@app/domain';
import { JOB_NAMES, jobIds } from '@app/jobs';
import { plusDays } from './data-set/days';
import { EventChain, roundEvents } from './data-set/events';
import { Municipality } from './data-set/geography';
import { PlannedCouncil, PlannedMember, PlannedRound } from './data-set/history';
import { PlannedOutboxRow } from './data-set/outbox';
import { clerkOf, secretariatOf } from './data-set/people';
import { insertEvents, insertOutbox, insertRounds } from './data-set/rows';

/** A round launchOpenRounds made, and where each of its members stands. */
export interface OpenRound {
  id: string;
  councilId: string;
  slug: string;
  deadline: string;
  members: Array<{ municipalityNumber: string; status: string }>;
}

export interface LaunchOpenRoundsOptions {
  /** How many rounds, spread round-robin over the councils. */
  count: number;
  /** Members left pending in each round; the others have adopted already (with revisions and events). */
  undecided: number | 'all';
  /** YYYY-MM-DD. */
  deadline: string;
  launchedAt: Date;
  /** Slugs; all councils when absent. */
  councils?: string[];
  /** Only councils with at least this many members. */
  minMembers?: number;
  reminderDaysBefore?: number[];
  /** 'outbox': the reminder and deadline jobs in the outbox, unrelayed, as a launch writes them. */
  jobs?: 'outbox' | 'none';
  title?: string;
}

/**
 * Launches fee rounds in bulk, as many launches through the api would: each with its electorate
 * frozen, its allocation against the fees in force, an effective date of its own in its council,
 * the adopted members' revisions and decision events, and its round.launched event, every event
 * chained to its council's head (locked until commit, as appendEvent locks it). A round made here
 * settles and comes into force when the api registers its last decision.
 */
export async function launchOpenRounds(databaseUrl: string, options: LaunchOpenRoundsOptions): Promise<OpenRound[]> {
  // A round with nobody left to decide would have settled: it cannot be open.
  if (options.undecided !== 'all' && !(Number.isInteger(options.undecided) && options.undecided >= 1)) {
    throw new Error(`undecided must be 'all' or a whole number of at least 1; got ${options.undecided}`);
  }
  const reminderDaysBefore = [...new Set(options.reminderDaysBefore ?? DEFAULT_REMINDER_DAYS_BEFORE)].sort((a, b) => b - a);
  const client = new Client({ connectionString: databaseUrl, application_name: 'vedtaksrunde-bench-rounds' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL synchronous_commit TO off');
    const councils = await councilsToLaunchIn(client, options);
    const launchDay = todayInOslo(options.launchedAt);
    // The domain's own checks of a launch: a deadline not in the past, a valid reminder plan.
    for (const council of councils) launchRound({ deadline: options.deadline, electorate: council.members.map((m) => m.number), now: options.launchedAt });
    planReminders(options.deadline, { daysBefore: reminderDaysBefore });

    const rounds: PlannedRound[] = [];
    for (let index = 0; index < options.count; index++) {
      const council = councils[index % councils.length];
      rounds.push(plannedRound(council, { ...options, reminderDaysBefore, launchDay }));
    }
    const registrations = rounds.flatMap((round) => round.members.flatMap((member) => member.registrations));
    const sequences = await reserve(client, 'member_decision_revision', 'sequence', registrations.length);
    registrations.forEach((registration, index) => (registration.sequence = Number(sequences[index])));
    const events = rounds.flatMap(roundEvents);
    const heads = await lockHeads(client, councils.map((council) => council.planned.id));
    const ids = await reserve(client, 'event', 'id', events.length);

    await insertRounds(client, rounds);
    await insertEvents(client, events, (index) => ids[index], new EventChain(heads));
    if (options.jobs === 'outbox') await insertOutbox(client, launchJobs(rounds, options.launchedAt));
    await client.query('COMMIT');
    return rounds.map((round) => ({
      id: round.id,
      councilId: round.council.id,
      slug: round.council.slug,
      deadline: round.deadline,
      members: round.members.map((member) => ({ municipalityNumber: member.number, status: member.registrations.length > 0 ? 'adopted' : 'pending' })),
    }));
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** A council to launch in: its members, its cost key, the fees in force, and the effective dates it may not reuse. */
interface LaunchCouncil {
  planned: PlannedCouncil;
  members: Municipality[];
  currentFees: Record<string, Money>;
  nextEffectiveFrom: string;
}

async function councilsToLaunchIn(client: ClientBase, options: LaunchOpenRoundsOptions): Promise<LaunchCouncil[]> {
  const launchDay = todayInOslo(options.launchedAt);
  const rows: Array<{
    id: string;
    slug: string;
    name: string;
    members: Array<{ number: string; name: string }>;
    cost_key: { key: string; weights: Record<string, string> } | null;
    fees: Record<string, string> | null;
    last_effective_from: string | null;
  }> = (
    await client.query(
      `SELECT c.id, c.slug, c.name,
              (SELECT json_agg(json_build_object('number', m.municipality_number, 'name', mu.name) ORDER BY m.municipality_number)
                 FROM membership m JOIN municipality mu ON mu.number = m.municipality_number
                WHERE m.council_id = c.id AND m.left_on IS NULL) AS members,
              (SELECT json_build_object('key', k.key, 'weights', (SELECT json_object_agg(w.municipality_number, w.weight::text) FROM cost_key_weight w WHERE w.cost_key_id = k.id))
                 FROM cost_key k WHERE k.council_id = c.id ORDER BY k.key LIMIT 1) AS cost_key,
              (SELECT json_object_agg(l.municipality_number, l.amount_ore::text)
                 FROM fee_schedule_line l
                WHERE l.fee_schedule_id = (SELECT s.id FROM fee_schedule s WHERE s.council_id = c.id AND s.in_force_from <= $2::date
                                            ORDER BY s.in_force_from DESC, s.created_at DESC, s.id DESC LIMIT 1)) AS fees,
              to_char(GREATEST((SELECT max(s.effective_from) FROM fee_schedule s WHERE s.council_id = c.id),
                               (SELECT max(r.fee_effective_from) FROM round r WHERE r.council_id = c.id)), 'YYYY-MM-DD') AS last_effective_from
         FROM council c
        WHERE ($1::text[] IS NULL OR c.slug = ANY($1::text[]))
        ORDER BY c.slug
        FOR NO KEY UPDATE OF c`,
      [options.councils ?? null, launchDay],
    )
  ).rows;
  const councils = rows
    .filter((row) => row.cost_key && (row.members?.length ?? 0) >= Math.max(1, options.minMembers ?? 1))
    .map((row): LaunchCouncil => {
      const members = row.members.map((m) => ({ number: m.number, name: m.name, language: 'nb' as const, town: false, population: 0 }));
      const weights = Object.fromEntries(Object.entries(row.cost_key!.weights).map(([number, weight]) => [number, plainDecimal(weight)]));
      const earliest = plusDays(launchDay, 30);
      const after = row.last_effective_from ? plusDays(row.last_effective_from, 1) : earliest;
      return {
        planned: {
          id: row.id,
          slug: row.slug,
          name: row.name,
          createdAt: 0,
          createdDay: launchDay,
          members,
          secretariat: secretariatOf(row.slug),
          costKey: { id: '', key: row.cost_key!.key, weights },
          agreementId: '',
          versions: [],
          schedules: [],
          rounds: [],
        },
        members,
        currentFees: Object.fromEntries(Object.entries(row.fees ?? {}).map(([number, ore]) => [number, Money.fromOre(BigInt(ore))])),
        nextEffectiveFrom: after > earliest ? after : earliest,
      };
    });
  if (councils.length === 0) throw new Error(`No council to launch rounds in (councils: ${options.councils?.join(', ') ?? 'all'}, at least ${options.minMembers ?? 1} members)`);
  return councils;
}

function plannedRound(council: LaunchCouncil, options: LaunchOpenRoundsOptions & { reminderDaysBefore: number[]; launchDay: string }): PlannedRound {
  const effectiveFrom = council.nextEffectiveFrom;
  council.nextEffectiveFrom = plusDays(effectiveFrom, 1);
  const currentTotal = Money.sum(Object.values(council.currentFees));
  // Three per cent more than today, in whole kroner; a council paying nothing yet is asked for NOK 1 000 000.
  const totalOre = currentTotal.ore > 0n ? ((currentTotal.ore * 103n) / 10_000n) * 100n : 100_000_000n;
  const numbers = council.members.map((m) => m.number);
  const lines = allocate({ total: Money.fromOre(totalOre), weights: council.planned.costKey.weights, members: numbers, currentFees: council.currentFees });
  const pending = options.undecided === 'all' ? numbers.length : Math.min(options.undecided, numbers.length);
  const launchedAt = options.launchedAt.getTime();
  const id = randomUUID();
  const members: PlannedMember[] = council.members.map((m, index) => ({
    number: m.number,
    name: m.name,
    overdue: false,
    registrations: index < numbers.length - pending ? [adoption(m.number, index, launchedAt, options.launchDay)] : [],
  }));
  return {
    id,
    council: council.planned,
    kind: 'fees',
    title: options.title ?? `Medlemsavgift fra ${effectiveFrom}: NOK ${Money.fromOre(totalOre).toNok()}`,
    launchedAt,
    launchDay: options.launchDay,
    deadline: options.deadline,
    reminderDaysBefore: options.reminderDaysBefore,
    expiresAutomatically: false,
    isPublic: false,
    status: 'open',
    statusReason: null,
    closedAt: null,
    closing: null,
    fees: {
      totalOre,
      effectiveFrom,
      roundTo: 'ore',
      lines: lines.map((line) => ({
        municipalityNumber: line.municipalityNumber,
        weight: council.planned.costKey.weights[line.municipalityNumber],
        currentOre: line.currentFee.ore,
        newOre: line.newFee.ore,
        changeOre: line.change.ore,
      })),
    },
    version: null,
    members,
    outcome: null,
    inForceFrom: null,
    schedule: null,
    overdue: null,
  };
}

// A member whose kommunestyre adopted on the day of the launch, registered a moment after it.
function adoption(number: string, index: number, launchedAt: number, day: string): PlannedMember['registrations'][number] {
  const caseNumber = `${day.slice(0, 4)}/${1000 + index}`;
  return {
    at: launchedAt + index + 1,
    revision: 1,
    state: { status: 'adopted', meetingDate: day, body: 'kommunestyre', caseNumber, protocolRef: `https://innsyn.${number}.kommune.no/moter/${day}/sak/${caseNumber.replace('/', '-')}` },
    before: { status: 'pending' },
    transition: 'adopt',
    reason: null,
    by: clerkOf(number),
    sequence: 0,
  };
}

/** Locks the councils' chain heads until commit, as appendEvent does, and returns their hashes. */
async function lockHeads(client: ClientBase, councilIds: string[]): Promise<Map<string, string>> {
  const rows: Array<{ chain: string; hash: string }> = (
    await client.query(`SELECT chain, hash FROM event_chain_head WHERE chain = ANY($1::text[]) ORDER BY chain FOR UPDATE`, [councilIds])
  ).rows;
  return new Map(rows.map((row) => [row.chain, row.hash]));
}

/** The next values of a table's serial column, drawn now, in rising order. */
async function reserve(client: ClientBase, table: string, columnName: string, count: number): Promise<string[]> {
  if (count === 0) return [];
  const rows: Array<{ value: string }> = (
    await client.query(`SELECT nextval(pg_get_serial_sequence($1, $2))::text AS value FROM generate_series(1, $3)`, [table, columnName, count])
  ).rows;
  return rows.map((row) => row.value).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
}

/**
 * The jobs an open round needs now, as round-schedule.ts makes them: each pending member's
 * reminders from the launch day on, and the deadline. Every round here has the same deadline
 * and plan, so the times are worked out once.
 */
function launchJobs(rounds: readonly PlannedRound[], launchedAt: Date): PlannedOutboxRow[] {
  if (rounds.length === 0) return [];
  const today = todayInOslo(launchedAt);
  const reminders = memberReminderDates(rounds[0], { status: 'pending', nextMeetingDate: null })
    .filter((date) => date >= today)
    .map((date) => ({ date, runAt: reminderSendAt(date).getTime() }));
  const deadlineRunAt = deadlineJob(rounds[0]).runAt.getTime();
  const at = launchedAt.getTime();
  const row = (jobName: string, jobId: string, payload: Record<string, unknown>, runAt: number): PlannedOutboxRow => ({
    operation: 'add',
    jobName,
    jobId,
    payload,
    runAt,
    createdAt: at,
    relayedAt: null,
  });
  return rounds.flatMap((round) => {
    const pending = round.members.filter((member) => member.registrations.length === 0);
    const deadline = { roundId: round.id, deadline: round.deadline };
    return [
      ...pending.flatMap((member) =>
        reminders.map(({ date, runAt }) => {
          const payload = { roundId: round.id, municipalityNumber: member.number, date };
          return row(JOB_NAMES.reminder, jobIds.reminder(payload), payload, runAt);
        }),
      ),
      row(JOB_NAMES.deadline, jobIds.deadline(deadline), deadline, deadlineRunAt),
    ];
  });
}

// The weights as the cost key was written: "23456", not "23456.0000000000".
function plainDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

