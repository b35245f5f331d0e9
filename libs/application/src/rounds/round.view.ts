import { EntityManager } from 'typeorm';
import { Money, daysBetween, forecastRound, isOverdue, todayInOslo } from '@app/domain';
import {
  AgreementVersionEntity,
  CouncilEntity,
  MemberDecisionRevisionEntity,
  RoundAllocationLineEntity,
  RoundEntity,
  RoundMemberEntity,
  RoundOutcomeEntity,
} from '@app/persistence';

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
    overdue: round.status === 'open' && (member.overdue || isOverdue(member.status, round.deadline, now)),
    decision:
      member.revision === 0
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
          },
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

export function outcomeView(outcome: RoundOutcomeEntity | null): OutcomeView | null {
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
  const round = await manager.getRepository(RoundEntity).findOneByOrFail({ id: roundId });
  // One connection runs one query at a time inside a transaction: these go one after another.
  const council = await manager.getRepository(CouncilEntity).findOneByOrFail({ id: round.councilId });
  const members = await manager.getRepository(RoundMemberEntity).find({ where: { roundId }, order: { municipalityNumber: 'ASC' } });
  const outcome = await manager.getRepository(RoundOutcomeEntity).findOneBy({ roundId });
  const allocation = await manager.getRepository(RoundAllocationLineEntity).find({ where: { roundId }, order: { municipalityNumber: 'ASC' } });
  const version = round.agreementVersionId ? await manager.getRepository(AgreementVersionEntity).findOneBy({ id: round.agreementVersionId }) : null;
  const memberViews = members.map((member) => memberView(round, member, now));
  const progress = { pending: 0, scheduled: 0, adopted: 0, rejected: 0, adopted_with_amendments: 0, postponed: 0, total: members.length, overdue: 0 };
  for (const member of memberViews) {
    progress[member.status] += 1;
    if (member.overdue) progress.overdue += 1;
  }
  const forecast = forecastOfMembers(members, round.deadline);
  return {
    id: round.id,
    council: council.slug,
    title: round.title,
    status: round.status,
    statusReason: round.statusReason,
    subject:
      round.subjectType === 'agreement'
        ? { type: 'agreement', versionId: round.agreementVersionId!, versionTitle: version?.title ?? '', effectiveFrom: version?.effectiveFrom ?? '' }
        : { type: 'fees', total: nok(round.feeTotalOre!), costKey: round.costKey!, effectiveFrom: round.feeEffectiveFrom!, roundTo: round.roundTo! },
    decisionRule: round.decisionRule,
    deadline: round.deadline,
    daysToDeadline: daysToDeadline(round.deadline, now),
    reminderDaysBefore: round.reminderDaysBefore,
    public: round.isPublic,
    launchedAt: round.launchedAt.toISOString(),
    launchedBy: round.launchedBy,
    progress,
    forecast: { date: forecast.forecast, pastDeadline: forecast.pastDeadline, unscheduled: forecast.unscheduled },
    members: memberViews,
    outcome: outcomeView(outcome),
    allocation:
      round.subjectType === 'fees'
        ? allocation.map((line) => ({
            municipalityNumber: line.municipalityNumber,
            weight: plainDecimal(line.weight),
            currentFee: nok(line.currentFeeOre),
            newFee: nok(line.newFeeOre),
            change: nok(line.changeOre),
          }))
        : null,
  };
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
