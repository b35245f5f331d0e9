import { ClientBase } from 'pg';
import { LOCAL_ISSUER } from '@app/identity';
import { Column, column, insertAll } from './bulk-insert';
import { ChainHead, ChainedEvent, EventChain, PlannedEvent } from './events';
import { Municipality } from './geography';
import { AllocationLine, History, PlannedCouncil, PlannedMember, PlannedRound, PlannedSchedule, PlannedVersion, Registration, final } from './history';
import { PlannedNotice } from './notices';
import { PlannedOutboxRow } from './outbox';
import { ADMIN, benchClaims, clerkOf, leaderOf, secretariatOf } from './people';

// The rows of the data set, table by table, with the columns the application writes.

const iso = (instant: number | null) => (instant === null ? null : new Date(instant).toISOString());

export interface Person {
  id: string;
  subject: string;
  council: PlannedCouncil | null;
  municipality: string | null;
}

/** One person per role and place, as signing in with benchClaims would have recorded them. */
export function people(history: History, ids: () => string): Person[] {
  return [
    { id: ids(), subject: ADMIN, council: null, municipality: null },
    ...history.municipalities.map((m) => ({ id: ids(), subject: clerkOf(m.number), council: null, municipality: m.number })),
    ...history.councils.flatMap((council) => [
      { id: ids(), subject: secretariatOf(council.slug), council, municipality: null },
      { id: ids(), subject: leaderOf(council.slug), council, municipality: null },
    ]),
  ];
}

export async function insertPlaces(client: ClientBase, history: History, persons: Person[]): Promise<void> {
  const created = iso(Math.min(...history.councils.map((c) => c.createdAt)));
  await insertAll<Municipality>(client, 'municipality', [
    column('number', 'text', (m) => m.number),
    column('name', 'text', (m) => m.name),
    column('language', 'text', (m) => m.language),
    column('created_at', 'timestamptz', () => created),
  ], history.municipalities);
  await insertAll<PlannedCouncil>(client, 'council', [
    column('id', 'uuid', (c) => c.id),
    column('slug', 'text', (c) => c.slug),
    column('name', 'text', (c) => c.name),
    column('created_at', 'timestamptz', (c) => iso(c.createdAt)),
  ], history.councils);
  await insertAll<Person>(client, 'app_user', [
    column('id', 'uuid', (p) => p.id),
    column('issuer', 'text', () => LOCAL_ISSUER),
    column('subject', 'text', (p) => p.subject),
    column('name', 'text', (p) => benchClaims(p.subject).name),
    column('created_at', 'timestamptz', () => created),
  ], persons);
  await insertAll<Person>(client, 'role_grant', [
    column('user_id', 'uuid', (p) => p.id),
    column('role', 'text', (p) => benchClaims(p.subject).roles[0].role),
    column('council_id', 'uuid', (p) => p.council?.id ?? null),
    column('municipality_number', 'text', (p) => p.municipality),
  ], persons);
  const memberships = history.councils.flatMap((council) => council.members.map((m) => ({ council, m })));
  await insertAll<(typeof memberships)[number]>(client, 'membership', [
    column('council_id', 'uuid', ({ council }) => council.id),
    column('municipality_number', 'text', ({ m }) => m.number),
    column('joined_on', 'date', ({ council }) => council.createdDay),
    column('representatives', 'integer', () => 2),
  ], memberships);
  await insertAll<PlannedCouncil>(client, 'cost_key', [
    column('id', 'uuid', (c) => c.costKey.id),
    column('council_id', 'uuid', (c) => c.id),
    column('key', 'text', (c) => c.costKey.key),
    column('created_at', 'timestamptz', (c) => iso(c.createdAt + 3 * 60_000)),
    column('updated_at', 'timestamptz', (c) => iso(c.createdAt + 3 * 60_000)),
  ], history.councils);
  const weights = history.councils.flatMap((council) => Object.entries(council.costKey.weights).map(([number, weight]) => ({ council, number, weight })));
  await insertAll<(typeof weights)[number]>(client, 'cost_key_weight', [
    column('cost_key_id', 'uuid', (w) => w.council.costKey.id),
    column('municipality_number', 'text', (w) => w.number),
    column('weight', 'numeric', (w) => w.weight),
  ], weights);
  await insertAll<PlannedCouncil>(client, 'agreement', [
    column('id', 'uuid', (c) => c.agreementId),
    column('council_id', 'uuid', (c) => c.id),
    column('created_at', 'timestamptz', (c) => iso(c.createdAt + 5 * 60_000)),
  ], history.councils);
  const versions = history.councils.flatMap((council) => council.versions.map((version) => ({ council, version })));
  await insertAll<{ council: PlannedCouncil; version: PlannedVersion }>(client, 'agreement_version', [
    column('id', 'uuid', ({ version }) => version.id),
    column('agreement_id', 'uuid', ({ council }) => council.agreementId),
    column('number', 'integer', ({ version }) => version.number),
    column('title', 'text', ({ version }) => version.title),
    column('effective_from', 'date', ({ version }) => version.effectiveFrom),
    column('sections', 'jsonb', ({ council }) => agreementSections(council)),
    column('minimum_content', 'jsonb', () => MINIMUM_CONTENT),
    column('adoption', 'text', ({ version }) => version.adoption),
    column('adopted_on', 'date', ({ version }) => version.adoptedOn),
    column('in_force_from', 'date', ({ version }) => version.inForceFrom),
    column('adoption_reason', 'text', ({ version }) => version.adoptionReason),
    column('created_by', 'text', ({ version }) => version.createdBy),
    column('created_at', 'timestamptz', ({ version }) => iso(version.createdAt)),
  ], versions);
}

const MINIMUM_CONTENT = { a: '§ 1', b: '§ 2', c: '§ 3', d: '§ 4', e: '§ 5', f: '§ 6', g: '§ 7', h: '§ 8' };

// The legal minimum content of kommuneloven § 18-4, a to h, one section each.
function agreementSections(council: PlannedCouncil): Array<{ ref: string; heading: string; text: string }> {
  return [
    { ref: '§ 1', heading: 'Navn', text: `${council.name}.` },
    { ref: '§ 2', heading: 'Rettslig status', text: 'Rådet er ikke et eget rettssubjekt.' },
    { ref: '§ 3', heading: 'Representantskapet', text: 'Hver deltakerkommune har to medlemmer i representantskapet.' },
    { ref: '§ 4', heading: 'Formål og saksområder', text: 'Regional utvikling, samferdsel og interessepolitikk.' },
    { ref: '§ 5', heading: 'Myndighet', text: 'Rådet gir råd og uttalelser og har ikke vedtaksmyndighet utover egen drift.' },
    { ref: '§ 6', heading: 'Eierandel og ansvar', text: 'Medlemsavgiften fordeles etter innbyggertall; ansvarsandelen følger den.' },
    { ref: '§ 7', heading: 'Uttreden', text: 'En deltaker kan tre ut med ett års skriftlig varsel.' },
    { ref: '§ 8', heading: 'Oppløsning', text: 'Rådet oppløses når alle kommunestyrene vedtar det; vertskommunen tar vare på arkivet.' },
  ];
}

const ROUND_COLUMNS: Column<PlannedRound>[] = [
  column('id', 'uuid', (r) => r.id),
  column('council_id', 'uuid', (r) => r.council.id),
  column('title', 'text', (r) => r.title),
  column('subject_type', 'text', (r) => r.kind),
  column('agreement_version_id', 'uuid', (r) => r.version?.id ?? null),
  column('fee_total_ore', 'bigint', (r) => r.fees?.totalOre ?? null),
  column('cost_key', 'text', (r) => (r.fees ? r.council.costKey.key : null)),
  column('fee_effective_from', 'date', (r) => r.fees?.effectiveFrom ?? null),
  column('round_to', 'text', (r) => r.fees?.roundTo ?? null),
  column('decision_rule', 'jsonb', () => ({ kind: 'unanimity' })),
  column('deadline', 'date', (r) => r.deadline),
  column('reminder_days_before', 'jsonb', (r) => r.reminderDaysBefore),
  column('expires_automatically', 'boolean', (r) => r.expiresAutomatically),
  column('status', 'text', (r) => r.status),
  column('status_reason', 'text', (r) => r.statusReason),
  column('launched_by', 'text', (r) => r.council.secretariat),
  column('launched_at', 'timestamptz', (r) => iso(r.launchedAt)),
  column('closed_at', 'timestamptz', (r) => iso(r.closedAt)),
  // The version column: 1 at the launch, one more for the update that closed it.
  column('lock_version', 'integer', (r) => (r.status === 'open' ? 1 : 2)),
  column('is_public', 'boolean', (r) => r.isPublic),
];

type MemberRow = { round: PlannedRound; member: PlannedMember };
type RevisionRow = { round: PlannedRound; member: PlannedMember; registration: Registration };

const current = (member: PlannedMember) => member.registrations.at(-1)?.state;

const MEMBER_COLUMNS: Column<MemberRow>[] = [
  column('round_id', 'uuid', ({ round }) => round.id),
  column('municipality_number', 'text', ({ member }) => member.number),
  column('name', 'text', ({ member }) => member.name),
  column('status', 'text', ({ member }) => current(member)?.status ?? 'pending'),
  column('revision', 'integer', ({ member }) => member.registrations.length),
  column('overdue', 'boolean', ({ member }) => member.overdue),
  column('meeting_date', 'date', ({ member }) => current(member)?.meetingDate ?? null),
  column('next_meeting_date', 'date', ({ member }) => current(member)?.nextMeetingDate ?? null),
  column('body', 'text', ({ member }) => current(member)?.body ?? null),
  column('case_number', 'text', ({ member }) => current(member)?.caseNumber ?? null),
  column('protocol_ref', 'text', ({ member }) => current(member)?.protocolRef ?? null),
  column('votes', 'jsonb', ({ member }) => current(member)?.votes ?? null),
  column('note', 'text', ({ member }) => current(member)?.note ?? null),
  // A correction of references keeps the decision's place in the order.
  column('decided_sequence', 'bigint', ({ member }) => final(member)?.sequence ?? null),
  column('updated_at', 'timestamptz', ({ member }) => iso(member.registrations.at(-1)?.at ?? null)),
];

const REVISION_COLUMNS: Column<RevisionRow>[] = [
  column('round_id', 'uuid', ({ round }) => round.id),
  column('municipality_number', 'text', ({ member }) => member.number),
  column('revision', 'integer', ({ registration }) => registration.revision),
  column('sequence', 'bigint', ({ registration }) => registration.sequence),
  column('status', 'text', ({ registration }) => registration.state.status),
  column('transition', 'text', ({ registration }) => registration.transition),
  column('meeting_date', 'date', ({ registration }) => registration.state.meetingDate ?? null),
  column('next_meeting_date', 'date', ({ registration }) => registration.state.nextMeetingDate ?? null),
  column('body', 'text', ({ registration }) => registration.state.body ?? null),
  column('case_number', 'text', ({ registration }) => registration.state.caseNumber ?? null),
  column('protocol_ref', 'text', ({ registration }) => registration.state.protocolRef ?? null),
  column('votes', 'jsonb', ({ registration }) => registration.state.votes ?? null),
  column('note', 'text', ({ registration }) => registration.state.note ?? null),
  column('reason', 'text', ({ registration }) => registration.reason),
  column('registered_by', 'text', ({ registration }) => registration.by),
  column('registered_at', 'timestamptz', ({ registration }) => iso(registration.at)),
];

/** The rounds with their members, revisions, allocations, outcomes and the schedules they brought into force. */
export async function insertRounds(client: ClientBase, rounds: readonly PlannedRound[]): Promise<void> {
  await insertAll(client, 'round', ROUND_COLUMNS, rounds);
  // Rows made as they are written: a list of them all would outlive every young collection.
  await insertAll(client, 'round_member', MEMBER_COLUMNS, membersOf(rounds));
  await insertAll(client, 'member_decision_revision', REVISION_COLUMNS, revisionsOf(rounds));
  await insertAll<{ round: PlannedRound; line: AllocationLine }>(client, 'round_allocation_line', [
    column('round_id', 'uuid', ({ round }) => round.id),
    column('municipality_number', 'text', ({ line }) => line.municipalityNumber),
    column('weight', 'numeric', ({ line }) => line.weight),
    column('current_fee_ore', 'bigint', ({ line }) => line.currentOre),
    column('new_fee_ore', 'bigint', ({ line }) => line.newOre),
    column('change_ore', 'bigint', ({ line }) => line.changeOre),
  ], linesOf(rounds));
  await insertAll<PlannedRound>(client, 'round_outcome', [
    column('round_id', 'uuid', (r) => r.id),
    column('status', 'text', (r) => r.outcome!.status),
    column('decisive_municipality_number', 'text', (r) => r.outcome!.decisive),
    column('decisive_revision', 'integer', (r) => r.outcome!.decisiveRevision),
    column('settled_at', 'timestamptz', (r) => iso(r.outcome!.settledAt)),
  ], rounds.filter((round) => round.outcome));
}

function* membersOf(rounds: readonly PlannedRound[]): Generator<MemberRow> {
  for (const round of rounds) for (const member of round.members) yield { round, member };
}

function* revisionsOf(rounds: readonly PlannedRound[]): Generator<RevisionRow> {
  for (const round of rounds) for (const member of round.members) for (const registration of member.registrations) yield { round, member, registration };
}

function* linesOf(rounds: readonly PlannedRound[]): Generator<{ round: PlannedRound; line: AllocationLine }> {
  for (const round of rounds) for (const line of round.fees?.lines ?? []) yield { round, line };
}

/** Every council's fee schedules: the onboarding one and those approved rounds brought into force. */
export async function insertSchedules(client: ClientBase, councils: readonly PlannedCouncil[]): Promise<void> {
  const schedules = councils.flatMap((council) => council.schedules.map((schedule) => ({ council, schedule })));
  await insertAll<{ council: PlannedCouncil; schedule: PlannedSchedule }>(client, 'fee_schedule', [
    column('id', 'uuid', ({ schedule }) => schedule.id),
    column('council_id', 'uuid', ({ council }) => council.id),
    column('effective_from', 'date', ({ schedule }) => schedule.effectiveFrom),
    column('in_force_from', 'date', ({ schedule }) => schedule.inForceFrom),
    column('source', 'text', ({ schedule }) => schedule.source),
    column('reason', 'text', ({ schedule }) => schedule.reason),
    column('created_at', 'timestamptz', ({ schedule }) => iso(schedule.createdAt)),
    column('round_id', 'uuid', ({ schedule }) => schedule.roundId),
  ], schedules);
  const lines = schedules.flatMap(({ schedule }) => [...schedule.fees].map(([number, ore]) => ({ schedule, number, ore })));
  await insertAll<(typeof lines)[number]>(client, 'fee_schedule_line', [
    column('fee_schedule_id', 'uuid', (l) => l.schedule.id),
    column('municipality_number', 'text', (l) => l.number),
    column('amount_ore', 'bigint', (l) => l.ore),
  ], lines);
}

/** Events with the given ids (rising), chained in this order; then each chain's head. */
export async function insertEvents(client: ClientBase, events: readonly PlannedEvent[], ids: (index: number) => string, chain: EventChain): Promise<void> {
  await insertAll<ChainedEvent>(client, 'event', EVENT_COLUMNS, linked(events, ids, chain));
  await upsertHeads(client, chain.heads());
}

function* linked(events: readonly PlannedEvent[], ids: (index: number) => string, chain: EventChain): Generator<ChainedEvent> {
  for (let index = 0; index < events.length; index++) yield chain.link(events[index], ids(index));
}

const EVENT_COLUMNS: Column<ChainedEvent>[] = [
  column('id', 'bigint', (e) => e.id),
  column('type', 'text', (e) => e.type),
  column('council_id', 'uuid', (e) => e.councilId),
  column('round_id', 'uuid', (e) => e.roundId),
  column('actor', 'text', (e) => e.actor),
  column('data', 'jsonb', (e) => e.data),
  column('at', 'timestamptz', (e) => iso(e.at)),
  column('prev_hash', 'text', (e) => e.prevHash),
  column('hash', 'text', (e) => e.hash),
];

/** Moves each chain's head row to its newest event (making it for a chain that had none). */
export async function upsertHeads(client: ClientBase, heads: readonly ChainHead[]): Promise<void> {
  await client.query(
    `INSERT INTO event_chain_head (chain, event_id, prev_hash, hash)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[])
     ON CONFLICT (chain) DO UPDATE SET event_id = EXCLUDED.event_id, prev_hash = EXCLUDED.prev_hash, hash = EXCLUDED.hash`,
    [heads.map((h) => h.chain), heads.map((h) => h.eventId), heads.map((h) => h.prevHash), heads.map((h) => h.hash)],
  );
}

/**
 * Notices; a schema that keys notices by their topic as well (the key without its recipient)
 * gets that column filled the same way.
 */
export async function insertNotices(client: ClientBase, notices: Iterable<PlannedNotice>): Promise<number> {
  const [{ topic }] = (
    await client.query(
      `SELECT EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_schema = current_schema() AND table_name = 'notification' AND column_name = 'topic') AS topic`,
    )
  ).rows;
  return insertAll<PlannedNotice>(client, 'notification', [
    column('key', 'text', (n) => n.key),
    ...(topic ? [column<PlannedNotice>('topic', 'text', (n) => n.key.slice(0, n.key.lastIndexOf('/')))] : []),
    column('user_id', 'uuid', (n) => n.userId),
    column('kind', 'text', (n) => n.kind),
    column('council_id', 'uuid', (n) => n.councilId),
    column('round_id', 'uuid', (n) => n.roundId),
    column('language', 'text', (n) => n.language),
    column('subject', 'text', (n) => n.subject),
    column('body', 'text', (n) => n.body),
    column('link', 'text', (n) => n.link),
    column('created_at', 'timestamptz', (n) => iso(n.createdAt)),
    column('read_at', 'timestamptz', (n) => iso(n.readAt)),
    column('email_status', 'text', () => 'off'),
  ], notices);
}

export async function insertOutbox(client: ClientBase, rows: readonly PlannedOutboxRow[]): Promise<void> {
  await insertAll<PlannedOutboxRow>(client, 'outbox', [
    column('operation', 'text', (o) => o.operation),
    column('job_name', 'text', (o) => o.jobName),
    column('job_id', 'text', (o) => o.jobId),
    column('payload', 'jsonb', (o) => o.payload),
    column('run_at', 'timestamptz', (o) => iso(o.runAt)),
    column('created_at', 'timestamptz', (o) => iso(o.createdAt)),
    column('relayed_at', 'timestamptz', (o) => iso(o.relayedAt)),
  ], [...rows].sort((a, b) => a.createdAt - b.createdAt));
}
