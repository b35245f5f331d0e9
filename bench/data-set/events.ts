import { createHash } from 'node:crypto';
import { chainedContent } from '@app/application';
import { Money, UNANIMITY } from '@app/domain';
import { PlannedCouncil, PlannedRound } from './history';
import { ADMIN } from './people';

/** An event of the audit trail as appendEvent would have written it, before it has its place in the chain. */
export interface PlannedEvent {
  type: string;
  actor: string;
  councilId: string;
  roundId: string | null;
  at: number;
  data: Record<string, unknown>;
}

/** An event with its id and its link: what the event table holds. */
export interface ChainedEvent extends PlannedEvent {
  id: string;
  prevHash: string | null;
  hash: string;
}

/** Where a chain ends: the row of event_chain_head. */
export interface ChainHead {
  chain: string;
  eventId: string;
  prevHash: string | null;
  hash: string;
}

/** Every event a council's history wrote, in the order it wrote them (ties keep this order). */
export function councilEvents(council: PlannedCouncil): PlannedEvent[] {
  const events: PlannedEvent[] = [...onboardingEvents(council)];
  for (const round of council.rounds) events.push(...roundEvents(round));
  return events;
}

function onboardingEvents(council: PlannedCouncil): PlannedEvent[] {
  const at = council.createdAt;
  const by = council.secretariat;
  const event = (type: string, actor: string, offset: number, data: Record<string, unknown>): PlannedEvent => ({
    type,
    actor,
    councilId: council.id,
    roundId: null,
    at: at + offset,
    data,
  });
  const [schedule] = council.schedules;
  const [version] = council.versions;
  const fees = council.members.map((m) => ({ municipalityNumber: m.number, name: m.name, amount: Money.fromOre(schedule.fees.get(m.number)!).toNok() }));
  return [
    event('council.created', ADMIN, 0, { after: { slug: council.slug, name: council.name } }),
    ...council.members.map((m, index) =>
      event('member.upserted', by, 60_000 + index * 1000, {
        municipalityNumber: m.number,
        before: null,
        after: { municipalityNumber: m.number, name: m.name, joinedOn: council.createdDay, leftOn: null, representatives: 2 },
      }),
    ),
    event('cost_key.upserted', by, 3 * 60_000, { key: council.costKey.key, before: null, after: council.costKey.weights }),
    event('fee_schedule.recorded', by, 4 * 60_000, {
      effectiveFrom: schedule.effectiveFrom,
      inForceFrom: schedule.inForceFrom,
      source: 'onboarding',
      reason: schedule.reason,
      fees,
      total: Money.sum(fees.map((fee) => Money.fromNok(fee.amount))).toNok(),
    }),
    event('agreement_version.created', by, 5 * 60_000, {
      versionId: version.id,
      number: 1,
      title: version.title,
      effectiveFrom: version.effectiveFrom,
      missingMinimumContent: [],
    }),
    event('agreement_version.adopted_before', by, 6 * 60_000, {
      versionId: version.id,
      number: 1,
      reason: version.adoptionReason,
      before: { adoption: null, adoptedOn: null, inForceFrom: null },
      after: { adoption: 'onboarding', adoptedOn: version.adoptedOn, inForceFrom: version.inForceFrom },
    }),
  ];
}

/** A round's events in the order its transactions wrote them; sorting by instant keeps this order for ties. */
export function roundEvents(round: PlannedRound): PlannedEvent[] {
  const council = round.council;
  const events: PlannedEvent[] = [];
  const event = (type: string, actor: string, at: number, data: Record<string, unknown>) =>
    events.push({ type, actor, councilId: council.id, roundId: type === 'agreement_version.created' ? null : round.id, at, data });
  const version = round.version;
  if (version) {
    event('agreement_version.created', version.createdBy, version.createdAt, {
      versionId: version.id,
      number: version.number,
      title: version.title,
      effectiveFrom: version.effectiveFrom,
      missingMinimumContent: [],
    });
  }
  event('round.launched', council.secretariat, round.launchedAt, {
    after: {
      title: round.title,
      subject: version
        ? { type: 'agreement', versionId: version.id, title: version.title, effectiveFrom: version.effectiveFrom }
        : { type: 'fees', total: Money.fromOre(round.fees!.totalOre).toNok(), costKey: council.costKey.key, effectiveFrom: round.fees!.effectiveFrom, roundTo: round.fees!.roundTo },
      deadline: round.deadline,
      reminderDaysBefore: round.reminderDaysBefore,
      decisionRule: UNANIMITY,
      electorate: round.members.map((m) => m.number),
      allocation: (round.fees?.lines ?? []).map((line) => ({ municipalityNumber: line.municipalityNumber, newFee: Money.fromOre(line.newOre).toNok() })),
    },
  });
  const registrations = round.members.flatMap((member) => member.registrations.map((registration) => ({ member, registration })));
  registrations.sort((a, b) => a.registration.at - b.registration.at);
  const settledAt = round.outcome?.settledAt;
  for (const { member, registration } of registrations) {
    const corrected = registration.transition === 'correct' || registration.transition === 'correct_references';
    event(corrected ? 'decision.corrected' : 'decision.registered', registration.by, registration.at, {
      municipalityNumber: member.number,
      transition: registration.transition,
      revision: registration.revision,
      reason: registration.reason,
      before: registration.before,
      after: registration.state,
    });
    if (registration.at === settledAt && member.number === round.outcome!.decisive) settlementEvents(round, registration.by, event);
  }
  // Before the closing: an expiry by the deadline job shares the overdue marking's instant and transaction.
  if (round.overdue) event('round.overdue', 'system', round.overdue.at, { deadline: round.deadline, overdue: round.overdue.members });
  const closing = round.closing;
  if (closing?.type === 'withdrawn') {
    event('round.withdrawn', council.secretariat, closing.at, {
      before: { status: 'open', deadline: round.deadline },
      after: { status: 'withdrawn', deadline: round.deadline },
      reason: round.statusReason,
    });
  } else if (closing?.type === 'expired-by-secretariat') {
    event('round.expired', council.secretariat, closing.at, {
      before: { status: 'open', deadline: round.deadline },
      after: { status: 'expired', deadline: round.deadline },
      reason: round.statusReason,
    });
  } else if (closing?.type === 'expired-automatically') {
    event('round.expired', 'system', closing.at, { before: { status: 'open' }, after: { status: 'expired' }, by: 'automatic' });
  }
  return events;
}

type Emit = (type: string, actor: string, at: number, data: Record<string, unknown>) => void;

// What the settling registration's transaction appends after its decision: the outcome, and what came into force.
function settlementEvents(round: PlannedRound, actor: string, event: Emit): void {
  const outcome = round.outcome!;
  event('round.settled', actor, outcome.settledAt, {
    before: { status: 'open' },
    after: { status: outcome.status },
    decisiveMunicipalityNumber: outcome.decisive,
  });
  if (outcome.status !== 'approved') return;
  if (round.version) {
    event('agreement_version.in_force', actor, outcome.settledAt, {
      versionId: round.version.id,
      effectiveFrom: round.version.effectiveFrom,
      adoptedOn: round.version.adoptedOn,
      inForceFrom: round.version.inForceFrom,
    });
  } else {
    event('fee_schedule.in_force', actor, outcome.settledAt, {
      feeScheduleId: round.schedule!.id,
      effectiveFrom: round.fees!.effectiveFrom,
      inForceFrom: round.inForceFrom,
    });
  }
}

/**
 * Links events to the previous one of their council's chain by hash, exactly as appendEvent does:
 * sha256 of the previous hash, a newline and the canonical content. Events are linked in the
 * order of their ids, one at a time, so a bulk insert can hash the next chunk while the last is written.
 */
export class EventChain {
  private readonly last = new Map<string, ChainHead>();

  /** Chains that already have events: their head's hash. */
  constructor(private readonly existing: ReadonlyMap<string, string> = new Map()) {}

  link(event: PlannedEvent, id: string): ChainedEvent {
    const prevHash = this.last.get(event.councilId)?.hash ?? this.existing.get(event.councilId) ?? null;
    // The data holds strings, numbers, null, arrays and plain objects only: it is what jsonb gives back.
    const content = chainedContent({ ...event, at: new Date(event.at) });
    const hash = createHash('sha256').update(`${prevHash ?? ''}\n${content}`).digest('hex');
    this.last.set(event.councilId, { chain: event.councilId, eventId: id, prevHash, hash });
    return { ...event, id, prevHash, hash };
  }

  /** Where each chain extended so far ends now. */
  heads(): ChainHead[] {
    return [...this.last.values()];
  }
}

/** The events of every council in the order they happened; those of one instant keep the order they were written in (a stable sort). */
export function inOrder(perCouncil: PlannedEvent[][]): PlannedEvent[] {
  return perCouncil.flat().sort((a, b) => a.at - b.at);
}
