import { randomUUID } from 'node:crypto';
import { FinalDecision, MemberDecisionState, Money, allocate } from '@app/domain';
import { Council, Municipality } from './geography';
import { deadlineEndMs, daysFrom, osloInstant, plusDays, weekdayOnOrBefore } from './days';
import { clerkOf, secretariatOf } from './people';
import { Random } from './random';

// Twenty years of a country's approval rounds, planned in memory as the application would have
// lived them: every registration with its instant, every settlement, schedule and version. The
// rows, events and notices are derived from this plan afterwards.

/** One registration or correction of a member's decision: a member_decision_revision. */
export interface Registration {
  at: number;
  revision: number;
  state: MemberDecisionState;
  before: MemberDecisionState;
  transition: string;
  reason: string | null;
  by: string;
  /** The revision's place among all registrations (member_decision_revision.sequence), given once all are planned. */
  sequence: number;
}

export interface PlannedMember {
  number: string;
  name: string;
  registrations: Registration[];
  /** Marked at the deadline and not decided since. */
  overdue: boolean;
}

export interface PlannedVersion {
  id: string;
  number: number;
  title: string;
  effectiveFrom: string;
  createdAt: number;
  createdBy: string;
  adoption: 'round' | 'onboarding' | null;
  adoptedOn: string | null;
  inForceFrom: string | null;
  adoptionReason: string | null;
}

export interface PlannedSchedule {
  id: string;
  effectiveFrom: string;
  inForceFrom: string;
  source: 'onboarding' | 'round';
  reason: string;
  roundId: string | null;
  createdAt: number;
  fees: Map<string, bigint>;
}

export interface AllocationLine {
  municipalityNumber: string;
  weight: string;
  currentOre: bigint;
  newOre: bigint;
  changeOre: bigint;
}

export interface PlannedRound {
  id: string;
  council: PlannedCouncil;
  kind: 'fees' | 'agreement';
  title: string;
  launchedAt: number;
  launchDay: string;
  deadline: string;
  reminderDaysBefore: number[];
  expiresAutomatically: boolean;
  isPublic: boolean;
  status: 'open' | 'approved' | 'rejected' | 'withdrawn' | 'expired';
  statusReason: string | null;
  closedAt: number | null;
  /** Who closed it and how, when the secretariat or the deadline did. */
  closing: { type: 'withdrawn' | 'expired-by-secretariat' | 'expired-automatically'; at: number } | null;
  fees: { totalOre: bigint; effectiveFrom: string; roundTo: 'ore' | 'krone'; lines: AllocationLine[] } | null;
  version: PlannedVersion | null;
  members: PlannedMember[];
  outcome: { status: 'approved' | 'rejected'; decisive: string; decisiveRevision: number; settledAt: number } | null;
  /** The day an approved subject came into force. */
  inForceFrom: string | null;
  schedule: PlannedSchedule | null;
  /** The deadline job's marking: when it ran and whom it found undecided. */
  overdue: { at: number; members: string[] } | null;
}

export interface PlannedCouncil {
  id: string;
  slug: string;
  name: string;
  createdAt: number;
  createdDay: string;
  members: Municipality[];
  secretariat: string;
  costKey: { id: string; key: string; weights: Record<string, string> };
  agreementId: string;
  versions: PlannedVersion[];
  schedules: PlannedSchedule[];
  rounds: PlannedRound[];
}

export interface History {
  now: number;
  today: string;
  councils: PlannedCouncil[];
  municipalities: Municipality[];
}

const YEARS = 20;
const COST_KEY = 'innbyggertall';
const DEFAULT_REMINDERS = [14, 7, 1];
const PENDING: MemberDecisionState = { status: 'pending' };

/** Plans the history of every council: `rounds` in all, a few of each council's still open now. */
export function planHistory(random: Random, municipalities: Municipality[], councils: Council[], rounds: number, now: number): History {
  const today = osloDay(now);
  const byNumber = new Map(municipalities.map((m) => [m.number, m]));
  const shares = councils.map(() => 0.5 + random.next());
  const totalShare = shares.reduce((a, b) => a + b, 0);
  let left = rounds;
  const planned = councils.map((council, index) => {
    const count = index === councils.length - 1 ? left : Math.max(3, Math.round((rounds * shares[index]) / totalShare));
    left -= count;
    return planCouncil(random, council, council.members.map((number) => byNumber.get(number)!), Math.max(count, 3), today, now);
  });
  numberRegistrations(planned);
  return { now, today, councils: planned, municipalities };
}

/** The date in Oslo at an instant. */
export function osloDay(instant: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date(instant));
}

function planCouncil(random: Random, council: Council, members: Municipality[], count: number, today: string, now: number): PlannedCouncil {
  const createdDay = plusDays(today, -YEARS * 365 - random.int(0, 30));
  const createdAt = osloInstant(createdDay, 10 * 60);
  const weights = Object.fromEntries(members.map((m) => [m.number, String(m.population)]));
  const planned: PlannedCouncil = {
    id: randomUUID(),
    slug: council.slug,
    name: council.name,
    createdAt,
    createdDay,
    members,
    secretariat: secretariatOf(council.slug),
    costKey: { id: randomUUID(), key: COST_KEY, weights },
    agreementId: randomUUID(),
    versions: [],
    schedules: [],
    rounds: [],
  };
  onboard(random, planned);

  const open = Math.min(count - 1, random.int(2, 4));
  const closed = count - open;
  // Closed rounds were launched from a month after onboarding until four months ago: all settled by now.
  const lastLaunch = daysFrom(createdDay, today) - 120;
  const launchOffsets = Array.from({ length: closed }, () => random.int(30, lastLaunch)).sort((a, b) => a - b);
  const effectiveDates = new Set(planned.schedules.map((s) => s.effectiveFrom));
  let totalOre = [...planned.schedules[0].fees.values()].reduce((a, b) => a + b, 0n);
  const rounds: PlannedRound[] = [];
  for (let k = 0; k < count; k++) {
    const isOpen = k >= closed;
    const launchDay = isOpen ? plusDays(today, -random.int(3, 40)) : weekdayOnOrBefore(plusDays(createdDay, launchOffsets[k]));
    const kind = random.chance(0.7) || (isOpen && rounds.some((r) => r.status === 'open' && r.kind === 'agreement')) ? 'fees' : 'agreement';
    if (kind === 'fees') totalOre = nextTotal(random, totalOre);
    rounds.push(planRound(random, planned, { launchDay, kind, isOpen, totalOre, effectiveDates, today, now }));
  }
  planned.rounds = rounds.sort((a, b) => a.launchedAt - b.launchedAt);
  allocateFees(planned);
  return planned;
}

// The council as it was recorded when it started using the product: members, key, fees, agreement.
function onboard(random: Random, council: PlannedCouncil): void {
  const year = Number(council.createdDay.slice(0, 4));
  const total = Money.fromOre(BigInt(council.members.reduce((sum, m) => sum + m.population, 0)) * 800n);
  const lines = allocate({ total, weights: council.costKey.weights, members: council.members.map((m) => m.number) });
  council.schedules.push({
    id: randomUUID(),
    effectiveFrom: `${year}-01-01`,
    inForceFrom: `${year}-01-01`,
    source: 'onboarding',
    reason: 'Medlemsavgiften vedtatt før rådet tok i bruk Vedtaksrunde',
    roundId: null,
    createdAt: council.createdAt + 4 * 60_000,
    fees: new Map(lines.map((line) => [line.municipalityNumber, line.newFee.ore])),
  });
  const adoptedOn = plusDays(`${year - 1}-01-01`, -random.int(20, 90));
  council.versions.push({
    id: randomUUID(),
    number: 1,
    title: `Samarbeidsavtale for ${council.name}`,
    effectiveFrom: `${year - 1}-01-01`,
    createdAt: council.createdAt + 5 * 60_000,
    createdBy: council.secretariat,
    adoption: 'onboarding',
    adoptedOn,
    inForceFrom: `${year - 1}-01-01`,
    adoptionReason: 'Vedtatt i alle kommunestyrene før rådet tok i bruk Vedtaksrunde',
  });
}

function nextTotal(random: Random, totalOre: bigint): bigint {
  const kroner = Number(totalOre / 100n) * (1 + (random.next() * 3 - 1) / 100);
  return BigInt(Math.max(100_000, Math.round(kroner))) * 100n;
}

interface RoundContext {
  launchDay: string;
  kind: 'fees' | 'agreement';
  isOpen: boolean;
  totalOre: bigint;
  effectiveDates: Set<string>;
  today: string;
  now: number;
}

type Fate = 'open' | 'approved' | 'rejected' | 'withdrawn' | 'expired';

function planRound(random: Random, council: PlannedCouncil, context: RoundContext): PlannedRound {
  const { launchDay, kind, isOpen, today } = context;
  const launchedAt = osloInstant(launchDay, 9 * 60 + random.int(0, 300)) + random.int(0, 59_999);
  const deadline = isOpen ? plusDays(today, random.int(5, 45)) : weekdayOnOrBefore(plusDays(launchDay, random.int(28, 56)));
  const fate: Fate = isOpen ? 'open' : pickFate(random);
  const round: PlannedRound = {
    id: randomUUID(),
    council,
    kind,
    title: '',
    launchedAt,
    launchDay,
    deadline,
    reminderDaysBefore: random.chance(0.85) ? DEFAULT_REMINDERS : [random.int(10, 21), random.int(2, 5)],
    // Only a round that ran out could have been launched to expire by itself (or one still open).
    expiresAutomatically: fate === 'expired' ? random.chance(0.5) : fate === 'open' && random.chance(0.1),
    isPublic: random.chance(0.25),
    status: 'open',
    statusReason: null,
    closedAt: null,
    closing: null,
    fees: null,
    version: null,
    members: council.members.map((m) => ({ number: m.number, name: m.name, registrations: [], overdue: false })),
    outcome: null,
    inForceFrom: null,
    schedule: null,
    overdue: null,
  };
  if (kind === 'fees') {
    let effectiveFrom = plusDays(launchDay, 60 + random.int(0, 60));
    while (context.effectiveDates.has(effectiveFrom)) effectiveFrom = plusDays(effectiveFrom, 1);
    context.effectiveDates.add(effectiveFrom);
    round.fees = { totalOre: context.totalOre, effectiveFrom, roundTo: random.chance(0.2) ? 'krone' : 'ore', lines: [] };
    round.title = `Medlemsavgift fra ${effectiveFrom}: NOK ${Money.fromOre(context.totalOre).toNok()}`;
  } else {
    const version: PlannedVersion = {
      id: randomUUID(),
      number: council.versions.length + 1,
      title: `Samarbeidsavtale for ${council.name}, revisjon ${launchDay.slice(0, 4)}-${council.versions.length + 1}`,
      effectiveFrom: plusDays(launchDay, 90 + random.int(0, 90)),
      createdAt: launchedAt - random.int(1, 5) * 86_400_000,
      createdBy: council.secretariat,
      adoption: null,
      adoptedOn: null,
      inForceFrom: null,
      adoptionReason: null,
    };
    council.versions.push(version);
    round.version = version;
    round.title = `Samarbeidsavtale: ${version.title}`;
  }
  decideMembers(random, round, fate, context);
  return round;
}

function pickFate(random: Random): Fate {
  const roll = random.next();
  return roll < 0.8 ? 'approved' : roll < 0.89 ? 'rejected' : roll < 0.95 ? 'withdrawn' : 'expired';
}

/** What each member's kommunestyre did, and so how the round ended. */
function decideMembers(random: Random, round: PlannedRound, fate: Fate, context: RoundContext): void {
  const span = daysFrom(round.launchDay, round.deadline);
  const meetingDay = (late: boolean) =>
    weekdayOnOrBefore(late ? plusDays(round.deadline, random.int(3, 21)) : plusDays(round.launchDay, random.int(Math.min(4, span), span)));
  switch (fate) {
    case 'approved': {
      const late = random.chance(0.1) ? new Set(random.shuffled(round.members).slice(0, random.int(1, 2))) : new Set<PlannedMember>();
      for (const member of round.members) decide(random, round, member, meetingDay(late.has(member)), 'adopted');
      settle(round, 'approved', lastFinal(round));
      break;
    }
    case 'rejected': {
      const order = random.shuffled(round.members);
      const veto = order[random.int(0, order.length - 1)];
      decide(random, round, veto, meetingDay(false), random.chance(0.7) ? 'rejected' : 'adopted_with_amendments');
      const vetoAt = final(veto)!.at;
      // Those whose kommunestyre met after the veto still register it, or some of them do.
      for (const member of order) {
        const day = meetingDay(false);
        if (member !== veto && (osloInstant(day, 0) < vetoAt || random.chance(0.5))) decide(random, round, member, day, 'adopted');
      }
      settle(round, 'rejected', veto);
      break;
    }
    case 'withdrawn': {
      const at = osloInstant(weekdayOnOrBefore(plusDays(round.launchDay, random.int(Math.min(7, span), span))), 11 * 60) + random.int(0, 59_999);
      for (const member of round.members) decide(random, round, member, meetingDay(false), 'adopted', at);
      leaveOneUndecided(round);
      round.status = 'withdrawn';
      round.statusReason = 'Saken trekkes for ny behandling i representantskapet';
      round.closedAt = at;
      round.closing = { type: 'withdrawn', at };
      break;
    }
    case 'expired': {
      const end = deadlineEndMs(round.deadline);
      for (const member of round.members) if (random.chance(0.5)) decide(random, round, member, meetingDay(false), 'adopted', end);
      leaveOneUndecided(round);
      markOverdue(round);
      const automatic = round.expiresAutomatically;
      const at = automatic ? round.overdue!.at : osloInstant(plusDays(round.deadline, random.int(1, 10)), 10 * 60);
      round.status = 'expired';
      round.statusReason = automatic ? 'Fristen gikk ut' : 'Fristen er ute uten at alle kommunestyrene har behandlet saken';
      round.closedAt = at;
      round.closing = { type: automatic ? 'expired-automatically' : 'expired-by-secretariat', at };
      break;
    }
    case 'open':
      decideOpen(random, round, context);
      break;
  }
  if (fate === 'approved' || fate === 'rejected') correctSome(random, round, context.now);
}

/**
 * One member's way to its decision at a meeting: sometimes first scheduled, sometimes first
 * postponed at an earlier meeting. Registrations from `until` on never happen (the round closed).
 */
function decide(random: Random, round: PlannedRound, member: PlannedMember, meeting: string, status: FinalDecision, until = Infinity): void {
  const clerk = clerkOf(member.number);
  const town = round.council.members.find((m) => m.number === member.number)!.town;
  const body = town ? 'bystyre' : 'kommunestyre';
  const caseNumber = `${meeting.slice(0, 4)}/${random.int(100, 9999)}`;
  const protocolRef = `https://innsyn.${member.number}.kommune.no/moter/${meeting}/sak/${caseNumber.replace('/', '-')}`;
  const earliest = plusDays(round.launchDay, 1);
  const steps: Array<{ day: string; state: MemberDecisionState; transition: string }> = [];
  const roomBefore = daysFrom(earliest, meeting);
  if (roomBefore >= 8 && random.chance(0.05)) {
    const first = weekdayOnOrBefore(plusDays(earliest, random.int(0, roomBefore - 8)));
    steps.push({
      day: plusDays(first, random.int(0, 1)),
      state: { status: 'postponed', meetingDate: first, nextMeetingDate: meeting, body, caseNumber, protocolRef: `${protocolRef}-utsatt` },
      transition: 'postpone',
    });
  } else if (roomBefore >= 2 && random.chance(0.3)) {
    const note = random.chance(0.3) ? 'Formannskapet innstiller på å vedta.' : undefined;
    steps.push({
      day: plusDays(earliest, random.int(0, roomBefore - 1)),
      state: withoutAbsent({ status: 'scheduled', meetingDate: meeting, body: random.chance(0.5) ? body : undefined, note }),
      transition: 'schedule',
    });
  }
  const votes = random.chance(0.5) ? votesOf(random, town) : undefined;
  steps.push({
    day: plusDays(meeting, random.int(0, 3)),
    state: withoutAbsent({ status, meetingDate: meeting, body, caseNumber, protocolRef, votes }),
    transition: status === 'adopted' ? 'adopt' : status === 'rejected' ? 'reject' : 'adopt_with_amendments',
  });
  for (const step of steps) {
    const at = osloInstant(step.day, 9 * 60 + random.int(0, 420)) + random.int(0, 59_999);
    if (at >= until) break;
    register(member, { at, state: step.state, transition: step.transition, reason: null, by: clerk });
  }
}

function register(member: PlannedMember, step: Pick<Registration, 'at' | 'state' | 'transition' | 'reason' | 'by'>): void {
  const registrations = member.registrations;
  const before = registrations.length > 0 ? registrations[registrations.length - 1].state : PENDING;
  registrations.push({
    at: step.at,
    revision: registrations.length + 1,
    state: step.state,
    before,
    transition: step.transition,
    reason: step.reason,
    by: step.by,
    sequence: 0,
  });
}

// The open rounds of today: some members adopted, some have a meeting set, some postponed, the rest pending.
function decideOpen(random: Random, round: PlannedRound, context: RoundContext): void {
  const yesterday = plusDays(context.today, -1);
  const room = daysFrom(round.launchDay, yesterday);
  for (const member of round.members) {
    const roll = random.next();
    if (roll < 0.35 && room >= 2) {
      const meeting = weekdayOnOrBefore(plusDays(round.launchDay, random.int(2, room)));
      decide(random, round, member, meeting, 'adopted', osloInstant(context.today, 0));
    } else if (roll < 0.5) {
      const meeting = plusDays(context.today, random.int(1, Math.max(2, daysFrom(context.today, round.deadline))));
      const day = plusDays(round.launchDay, random.int(1, Math.max(1, room)));
      register(member, {
        at: Math.min(osloInstant(day, 10 * 60 + random.int(0, 300)), context.now - 60_000),
        state: { status: 'scheduled', meetingDate: weekdayOnOrBefore(meeting) > context.today ? weekdayOnOrBefore(meeting) : meeting },
        transition: 'schedule',
        reason: null,
        by: clerkOf(member.number),
      });
    }
  }
  if (round.members.every((member) => final(member)?.state.status === 'adopted')) leaveOneUndecided(round);
}

function leaveOneUndecided(round: PlannedRound): void {
  if (round.members.some((member) => !final(member))) return;
  const member = round.members[round.members.length - 1];
  member.registrations = member.registrations.filter((r) => r.state.status !== 'adopted');
}

/** The member's decision (adopted, rejected, adopted with amendments), if it made one. */
export function final(member: PlannedMember): Registration | undefined {
  for (const registration of member.registrations) {
    if (FINAL.has(registration.state.status) && registration.transition !== 'correct_references') return registration;
  }
  return undefined;
}

const FINAL: ReadonlySet<string> = new Set(['adopted', 'rejected', 'adopted_with_amendments']);

function lastFinal(round: PlannedRound): PlannedMember {
  return round.members.reduce((latest, member) => (final(member)!.at > final(latest)!.at ? member : latest));
}

/** The state of a member at an instant: its last registration before then. */
export function stateAt(member: PlannedMember, instant: number): MemberDecisionState {
  let state = PENDING;
  for (const registration of member.registrations) if (registration.at <= instant) state = registration.state;
  return state;
}

// The deadline job: a second after the deadline ends, whoever has not decided is overdue.
function markOverdue(round: PlannedRound): void {
  const at = deadlineEndMs(round.deadline) + 1000;
  const undecided = round.members.filter((member) => !final(member) || final(member)!.at > at);
  if (undecided.length === 0) return;
  round.overdue = { at, members: undecided.map((m) => m.number) };
  for (const member of undecided) member.overdue = !final(member);
}

function settle(round: PlannedRound, status: 'approved' | 'rejected', decisive: PlannedMember): void {
  const decision = final(decisive)!;
  if (deadlineEndMs(round.deadline) + 1000 < decision.at) markOverdue(round);
  round.status = status;
  round.closedAt = decision.at;
  round.outcome = { status, decisive: decisive.number, decisiveRevision: decision.revision, settledAt: decision.at };
  if (status !== 'approved') return;
  const lastAdoption = round.members.map((m) => final(m)!.state.meetingDate!).reduce((a, b) => (b > a ? b : a));
  if (round.version) {
    const from = round.version.effectiveFrom > lastAdoption ? round.version.effectiveFrom : lastAdoption;
    Object.assign(round.version, { adoption: 'round', adoptedOn: lastAdoption, inForceFrom: from, adoptionReason: `Vedtatt i godkjenningsrunde ${round.id}` });
    round.inForceFrom = from;
  } else {
    const effectiveFrom = round.fees!.effectiveFrom;
    round.inForceFrom = effectiveFrom > lastAdoption ? effectiveFrom : lastAdoption;
  }
}

// Now and then a clerk or the secretariat mends a protocol reference after the round settled.
function correctSome(random: Random, round: PlannedRound, now: number): void {
  for (const member of round.members) {
    const decision = final(member);
    if (!decision || !random.chance(0.03)) continue;
    const at = round.closedAt! + random.int(1, 30) * 86_400_000 + random.int(0, 3_600_000);
    if (at >= now) continue;
    const bySecretariat = random.chance(0.5);
    register(member, {
      at,
      state: { ...member.registrations.at(-1)!.state, protocolRef: `${decision.state.protocolRef}-rettet` },
      transition: 'correct_references',
      reason: 'Lenken til protokollen var feil',
      by: bySecretariat ? round.council.secretariat : clerkOf(member.number),
    });
  }
}

/**
 * The fee rounds' allocations against the schedule in force when each was launched, and the
 * schedules approved rounds brought into force: in launch order, each round seeing the schedules
 * settled before it.
 */
function allocateFees(council: PlannedCouncil): void {
  const members = council.members.map((m) => m.number);
  for (const round of council.rounds) {
    if (!round.fees) continue;
    const current = scheduleInForce(council.schedules.filter((s) => s.createdAt < round.launchedAt), round.launchDay);
    const currentFees = Object.fromEntries([...(current?.fees ?? new Map<string, bigint>())].map(([nr, ore]) => [nr, Money.fromOre(ore)]));
    const lines = allocate({ total: Money.fromOre(round.fees.totalOre), weights: council.costKey.weights, members, currentFees, roundTo: round.fees.roundTo });
    round.fees.lines = lines.map((line) => ({
      municipalityNumber: line.municipalityNumber,
      weight: council.costKey.weights[line.municipalityNumber],
      currentOre: line.currentFee.ore,
      newOre: line.newFee.ore,
      changeOre: line.change.ore,
    }));
    if (round.status === 'approved') {
      round.schedule = {
        id: randomUUID(),
        effectiveFrom: round.fees.effectiveFrom,
        inForceFrom: round.inForceFrom!,
        source: 'round',
        reason: `Vedtatt i godkjenningsrunde ${round.id}`,
        roundId: round.id,
        createdAt: round.closedAt!,
        fees: new Map(round.fees.lines.map((line) => [line.municipalityNumber, line.newOre])),
      };
      council.schedules.push(round.schedule);
    }
  }
}

/** As feeScheduleInForce reads it: the latest in force on the day; of one day's, the last recorded. */
function scheduleInForce(schedules: PlannedSchedule[], day: string): PlannedSchedule | undefined {
  let found: PlannedSchedule | undefined;
  for (const schedule of schedules) {
    if (schedule.inForceFrom > day) continue;
    if (!found || schedule.inForceFrom > found.inForceFrom || (schedule.inForceFrom === found.inForceFrom && schedule.createdAt > found.createdAt)) found = schedule;
  }
  return found;
}

/** Every registration in the country gets its sequence in the order they were made. */
function numberRegistrations(councils: PlannedCouncil[]): void {
  const all: Registration[] = [];
  for (const council of councils) for (const round of council.rounds) for (const member of round.members) for (const r of member.registrations) all.push(r);
  all.sort((a, b) => a.at - b.at);
  for (let index = 0; index < all.length; index++) all[index].sequence = index + 1;
}

function votesOf(random: Random, town: boolean): { for: number; against: number; blank: number } {
  const seats = town ? random.int(39, 67) : random.pick([15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35]);
  const against = random.chance(0.6) ? 0 : random.int(1, Math.floor(seats / 4));
  const blank = random.chance(0.8) ? 0 : random.int(1, 2);
  return { for: seats - against - blank, against, blank };
}

function withoutAbsent(state: { [K in keyof MemberDecisionState]?: MemberDecisionState[K] | undefined }): MemberDecisionState {
  return Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined)) as unknown as MemberDecisionState;
}
