import { EntityManager } from 'typeorm';
import { Money, daysBetween, forecastRound, todayInOslo } from '@app/domain';
import { MemberDecisionRevisionEntity, RoundEntity, RoundMemberEntity, RoundOutcomeEntity } from '@app/persistence';
import { daysToDeadlineFrom, isOverdueAt, isPastDeadlineAt, todayAt } from '../views/deadlines-at';
import { AllocationRow, OutcomeRow, RoundSummaryRow, RoundViewRow, RoundViewRows, readRoundViewRows } from './round-views.query';

/** A member's registered decision as the API shows it. */
export interface DecisionView {
  meetingDate: string | null;
  nextMeetingDate: string | null;
  body: string | null;
  caseNumber: string | null;
  protocolRef: string | null;
  votes: { for: number; against: number; blank: number } | null;
  note: string | null;
  revision: number;
  updatedAt: string | null;
}

/** A member of a round, its status and its decision. */
export interface RoundMemberView {
  municipalityNumber: string;
  name: string;
  status: RoundMemberEntity['status'];
  overdue: boolean;
  decision: DecisionView | null;
}

/** One revision of a member's decision: kept forever, shown to everyone who sees the round. */
export interface RevisionView extends Omit<DecisionView, 'updatedAt'> {
  status: string;
  transition: string;
  reason: string | null;
  registeredBy: string;
  registeredAt: string;
}

/** The outcome once a round is settled. */
export interface OutcomeView {
  status: 'approved' | 'rejected';
  settledAt: string;
  decisiveMunicipalityNumber: string;
}

/** A member's share in a fee round, frozen at launch. */
export interface AllocationLineView {
  municipalityNumber: string;
  weight: string;
  currentFee: string;
  newFee: string;
  change: string;
}

export type SubjectView =
  | { type: 'agreement'; versionId: string; versionTitle: string; effectiveFrom: string }
  | { type: 'fees'; total: string; costKey: string; effectiveFrom: string; roundTo: 'ore' | 'krone' };

/**
 * One change the secretariat made to an open round's electorate after a member left or merged: a member taken
 * out (with its status then), a successor brought in, or one that decides anew.
 */
export interface ElectorateChangeView {
  at: string;
  by: string;
  reason: string;
  change: 'removed' | 'added' | 'decides_anew';
  municipalityNumber: string;
  name: string;
  status: string;
  /** The successor of a member removed by a merger. */
  successor: string | null;
}

/** A round as API.md shapes it. */
export interface RoundView {
  id: string;
  council: string;
  title: string;
  status: RoundEntity['status'];
  statusReason: string | null;
  subject: SubjectView;
  decisionRule: { kind: string };
  deadline: string;
  daysToDeadline: number;
  reminderDaysBefore: number[];
  public: boolean;
  launchedAt: string;
  launchedBy: string;
  progress: Record<RoundMemberEntity['status'], number> & { total: number; overdue: number };
  forecast: { date: string | null; pastDeadline: boolean; unscheduled: string[] };
  members: RoundMemberView[];
  outcome: OutcomeView | null;
  allocation: AllocationLineView[] | null;
  /** Amendments of the electorate since the launch, oldest first; empty for most rounds. */
  electorateChanges: ElectorateChangeView[];
}

/**
 * A round as a council's round list shows it: the round, its progress and its outcome, named and
 * shaped as in RoundView, without its members, allocation or forecast (those are the round's own).
 */
export interface RoundSummaryView extends Pick<
  RoundView,
  'id' | 'council' | 'title' | 'subject' | 'status' | 'statusReason' | 'decisionRule' | 'deadline' | 'public' | 'launchedAt' | 'progress' | 'outcome'
> {
  /** When it was settled, withdrawn or expired; null while open. */
  closedAt: string | null;
}

/** The ETag of a member's decision: changes with every revision, so a stale If-Match is caught. */
export function memberEtag(roundId: string, member: Pick<RoundMemberEntity, 'municipalityNumber' | 'revision'>): string {
  return `"${roundId.slice(0, 8)}-${member.municipalityNumber}-${member.revision}"`;
}


export function memberView(round: Pick<RoundEntity, 'deadline' | 'status'>, member: RoundMemberEntity, now: Date): RoundMemberView {
  return {
    municipalityNumber: member.municipalityNumber,
    name: member.name,
    status: member.status,
    // Overdue only means something while the round waits for decisions.
    overdue: round.status === 'open' && (member.overdue || isOverdueAt(member.status, round.deadline, now)),
    decision: decisionView(member),
  };
}

/** A member's decision as its views show it; null before the first registration. */
export function decisionView(member: RoundMemberEntity): DecisionView | null {
  return member.revision === 0
    ? null
    : {
        meetingDate: member.meetingDate,
        nextMeetingDate: member.nextMeetingDate,
        body: member.body,
        caseNumber: member.caseNumber,
        protocolRef: member.protocolRef,
        votes: member.votes,
        note: member.note,
        revision: member.revision,
        updatedAt: member.updatedAt?.toISOString() ?? null,
      };
}

export function revisionView(revision: MemberDecisionRevisionEntity): RevisionView {
  return {
    revision: revision.revision,
    status: revision.status,
    transition: revision.transition,
    meetingDate: revision.meetingDate,
    nextMeetingDate: revision.nextMeetingDate,
    body: revision.body,
    caseNumber: revision.caseNumber,
    protocolRef: revision.protocolRef,
    votes: revision.votes,
    note: revision.note,
    reason: revision.reason,
    registeredBy: revision.registeredBy,
    registeredAt: revision.registeredAt.toISOString(),
  };
}

export function outcomeView(outcome: Pick<RoundOutcomeEntity, 'status' | 'settledAt' | 'decisiveMunicipalityNumber'> | null): OutcomeView | null {
  return (
    outcome && {
      status: outcome.status,
      settledAt: outcome.settledAt.toISOString(),
      decisiveMunicipalityNumber: outcome.decisiveMunicipalityNumber,
    }
  );
}

const nok = (ore: bigint) => Money.fromOre(ore, { allowNegative: true }).toNok();

/** Reads a whole round for the API: members, outcome, allocation, progress and forecast. */
export async function loadRoundView(manager: EntityManager, roundId: string, now: Date): Promise<RoundView> {
  const [view] = await loadRoundViews(manager, [roundId], now);
  if (!view) throw new Error(`Round ${roundId} is not there to read.`);
  return view;
}

/**
 * Reads whole rounds for the API in the order of `roundIds`, in four queries however many rounds
 * (a page of a list costs what one round costs); ids that name no round are left out.
 */
export async function loadRoundViews(manager: EntityManager, roundIds: readonly string[], now: Date): Promise<RoundView[]> {
  return roundViewsOf(await readRoundViewRows(manager, roundIds), roundIds, now);
}

/** The views of the rounds `roundIds` names, in that order, from their rows (roundViewStatements); ids without a round are left out. */
export function roundViewsOf(rows: RoundViewRows, roundIds: readonly string[], now: Date): RoundView[] {
  return eachRoundOf(rows, roundIds, (round, members, outcome, lines) => roundView(round, members, outcome, lines, now, todayAt(now)));
}

/** Each round of the rows with its members, outcome and allocation, in the order of `roundIds`; ids without a round are left out. */
export function eachRoundOf<T>(
  rows: RoundViewRows,
  roundIds: readonly string[],
  make: (round: RoundViewRow, members: readonly RoundMemberEntity[], outcome: OutcomeRow | null, allocation: readonly AllocationRow[]) => T,
): T[] {
  const byId = new Map(rows.rounds.map((round) => [round.id, round]));
  const membersOf = groupByRound(rows.members);
  const linesOf = groupByRound(rows.allocation);
  const outcomeOf = new Map(rows.outcomes.map((outcome) => [outcome.roundId, outcome]));
  return roundIds.flatMap((id) => {
    const round = byId.get(id);
    return round ? [make(round, membersOf.get(id) ?? [], outcomeOf.get(id) ?? null, linesOf.get(id) ?? [])] : [];
  });
}

/** A round list's item from its summary row (roundSummariesSql): progress counted as RoundView counts it. */
export function roundSummaryOf(row: RoundSummaryRow, now: Date): RoundSummaryView {
  // Overdue only means something while the round waits for decisions, as for each member of a RoundView.
  const overdue = row.status !== 'open' ? 0 : row.markedOverdue + (isPastDeadlineAt(row.deadline, now) ? row.undecidedNotMarked : 0);
  return {
    id: row.id,
    council: row.council,
    title: row.title,
    subject: subjectView(row),
    status: row.status,
    statusReason: row.statusReason,
    decisionRule: row.decisionRule,
    deadline: row.deadline,
    public: row.isPublic,
    launchedAt: row.launchedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    progress: {
      pending: row.pending,
      scheduled: row.scheduled,
      adopted: row.adopted,
      rejected: row.rejected,
      adopted_with_amendments: row.adopted_with_amendments,
      postponed: row.postponed,
      total: row.total,
      overdue,
    },
    outcome: outcomeView(
      row.outcomeStatus && { status: row.outcomeStatus, settledAt: row.settledAt!, decisiveMunicipalityNumber: row.decisiveMunicipalityNumber! },
    ),
  };
}

/** What the round asks the kommunestyrer to decide. */
export function subjectView(round: Pick<RoundViewRow, 'subjectType' | 'versionId' | 'versionTitle' | 'versionEffectiveFrom' | 'feeTotalOre' | 'costKey' | 'feeEffectiveFrom' | 'roundTo'>): SubjectView {
  return round.subjectType === 'agreement'
    ? { type: 'agreement', versionId: round.versionId!, versionTitle: round.versionTitle ?? '', effectiveFrom: round.versionEffectiveFrom ?? '' }
    : { type: 'fees', total: nok(BigInt(round.feeTotalOre!)), costKey: round.costKey!, effectiveFrom: round.feeEffectiveFrom!, roundTo: round.roundTo! };
}

/** A fee round's allocation frozen at launch, by kommunenummer; null for an agreement. */
export function allocationView(round: Pick<RoundViewRow, 'subjectType'>, allocation: readonly AllocationRow[]): AllocationLineView[] | null {
  return round.subjectType === 'fees'
    ? allocation.map((line) => ({
        municipalityNumber: line.municipalityNumber,
        weight: plainDecimal(line.weight),
        currentFee: nok(BigInt(line.currentFeeOre)),
        newFee: nok(BigInt(line.newFeeOre)),
        change: nok(BigInt(line.changeOre)),
      }))
    : null;
}

function roundView(
  round: RoundViewRow,
  members: readonly RoundMemberEntity[],
  outcome: OutcomeRow | null,
  allocation: readonly AllocationRow[],
  now: Date,
  today: string,
): RoundView {
  const memberViews = members.map((member) => memberView(round, member, now));
  const progress = { pending: 0, scheduled: 0, adopted: 0, rejected: 0, adopted_with_amendments: 0, postponed: 0, total: members.length, overdue: 0 };
  for (const member of memberViews) {
    progress[member.status] += 1;
    if (member.overdue) progress.overdue += 1;
  }
  const forecast = forecastOfMembers(members, round.deadline);
  return {
    id: round.id,
    council: round.council,
    title: round.title,
    status: round.status,
    statusReason: round.statusReason,
    subject: subjectView(round),
    decisionRule: round.decisionRule,
    deadline: round.deadline,
    daysToDeadline: daysToDeadlineFrom(today, round.deadline),
    reminderDaysBefore: round.reminderDaysBefore,
    public: round.isPublic,
    launchedAt: round.launchedAt.toISOString(),
    launchedBy: round.launchedBy,
    progress,
    forecast: { date: forecast.forecast, pastDeadline: forecast.pastDeadline, unscheduled: forecast.unscheduled },
    members: memberViews,
    outcome: outcomeView(outcome),
    allocation: allocationView(round, allocation),
    electorateChanges: round.electorateChanges ?? [],
  };
}

/** Rows grouped by the round they belong to, in the order they came. */
export function groupByRound<T extends { roundId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.roundId);
    if (group) group.push(row);
    else groups.set(row.roundId, [row]);
  }
  return groups;
}

/** Calendar days from today in Oslo to the deadline: 0 on the day itself, negative once it has passed. */
export function daysToDeadline(deadline: string, now: Date): number {
  return daysBetween(todayInOslo(now), deadline);
}

/** The domain's forecast of a round from its stored members: the latest planned meeting of the undecided. */
export function forecastOfMembers(members: readonly RoundMemberEntity[], deadline: string) {
  return forecastRound(
    members.map((member) => ({
      municipalityNumber: member.municipalityNumber,
      status: member.status,
      meetingDate: member.meetingDate ?? undefined,
      nextMeetingDate: member.nextMeetingDate ?? undefined,
    })),
    deadline,
  );
}

/** A weight as it was given: the column keeps ten decimals ("67.0000000000"); users wrote "67". */
export function plainDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}
