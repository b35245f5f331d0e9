import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Money, forecastRound, todayInOslo } from '@app/domain';
import { Actor } from '@app/identity';
import { RoundMemberEntity } from '@app/persistence';
import { CouncilAccess } from '../../access/council-access';
import { RoundView, SubjectView, groupByRound } from '../../rounds/round.view';
import { Clock } from '../../time/clock';
import { DeadlinesAt } from '../deadlines-at';
import { RoundRow, subjectOf } from '../round-rows.query';
import { AllocationLineRow, OpenRoundMemberRow, readCouncilDashboardRows } from './council-dashboard.query';

/** How many settled rounds the dashboard looks back on. */
export const RECENTLY_SETTLED_LIMIT = 10;

/** A cell of the members × rounds matrix: one council member in one round. */
export interface DashboardCellView {
  municipalityNumber: string;
  /** null when the municipality is not in the round's electorate (it joined the council after the launch). */
  status: RoundMemberEntity['status'] | null;
  overdue: boolean;
  meetingDate: string | null;
  nextMeetingDate: string | null;
}

/** A member's line of a fee round: what it pays now, what it would pay, and the difference. */
export interface FeeItemView {
  municipalityNumber: string;
  name: string;
  currentFee: string;
  newFee: string;
  change: string;
}

/** The fee table of a fee round, with its sum row. */
export interface FeeTableView {
  items: FeeItemView[];
  sum: { currentFee: string; newFee: string; change: string };
}

/** An open round as the council's people follow it. */
export interface DashboardRoundView {
  id: string;
  title: string;
  subject: SubjectView;
  /** How the round is decided, frozen at launch. */
  decisionRule: RoundRow['decisionRule'];
  deadline: string;
  daysToDeadline: number;
  progress: RoundView['progress'];
  /** Kommunenummer of the members overdue, lowest first. */
  overdue: string[];
  forecast: RoundView['forecast'];
  cells: DashboardCellView[];
  fees: FeeTableView | null;
}

/** A round settled by its outcome, approved or rejected. */
export interface SettledRoundView {
  id: string;
  title: string;
  status: 'approved' | 'rejected';
  settledAt: string;
  decisiveMunicipalityNumber: string;
}

/** `GET /api/councils/{slug}/dashboard` */
export interface CouncilDashboardView {
  council: { slug: string; name: string };
  asOf: string;
  members: Array<{ municipalityNumber: string; name: string }>;
  openRounds: DashboardRoundView[];
  recentlySettled: SettledRoundView[];
}

/**
 * The council's dashboard for its secretariat and leaders: every open round with its progress,
 * the overdue members and the forecast, as a members × rounds matrix, and the rounds settled last.
 * One snapshot and one round trip, however many rounds there are.
 */
@Injectable()
export class CouncilDashboardHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async read(actor: Actor, councilSlug: string): Promise<CouncilDashboardView> {
    const now = this.clock.now();
    const rows = await readCouncilDashboardRows(this.dataSource, councilSlug, RECENTLY_SETTLED_LIMIT, todayInOslo(now));
    const access = CouncilAccess.fromRows(actor, councilSlug, rows.access);
    // A clerk sees the council, but what other members have not yet decided is for those who follow them all.
    access.requireSecretariatOrLeader('read its dashboard');
    const membersByRound = groupByRound(rows.roundMembers);
    const linesByRound = groupByRound(rows.allocationLines);
    const councilMembers = rows.members.map((member) => member.municipalityNumber);
    const deadlines = new DeadlinesAt(now);
    return {
      council: { slug: access.council.slug, name: access.council.name },
      asOf: now.toISOString(),
      members: rows.members.map((member) => ({ municipalityNumber: member.municipalityNumber, name: member.name })),
      openRounds: rows.openRounds.map((round) =>
        dashboardRound(round, membersByRound.get(round.id) ?? [], linesByRound.get(round.id) ?? [], councilMembers, deadlines),
      ),
      recentlySettled: rows.recentlySettled.map((settled) => ({
        id: settled.id,
        title: settled.title,
        status: settled.status,
        settledAt: settled.settledAt.toISOString(),
        decisiveMunicipalityNumber: settled.decisiveMunicipalityNumber,
      })),
    };
  }
}

function dashboardRound(
  round: RoundRow,
  electorate: readonly OpenRoundMemberRow[],
  lines: readonly AllocationLineRow[],
  councilMembers: readonly string[],
  deadlines: DeadlinesAt,
): DashboardRoundView {
  const cells = new Map<string, { member: OpenRoundMemberRow; overdue: boolean }>();
  const progress = { pending: 0, scheduled: 0, adopted: 0, rejected: 0, adopted_with_amendments: 0, postponed: 0, total: electorate.length, overdue: 0 };
  const overdue: string[] = [];
  for (const member of electorate) {
    const isOverdue = deadlines.isOverdue(member, round.deadline);
    cells.set(member.municipalityNumber, { member, overdue: isOverdue });
    progress[member.status] += 1;
    if (isOverdue) {
      progress.overdue += 1;
      overdue.push(member.municipalityNumber);
    }
  }
  const forecast = forecastRound(
    electorate.map((member) => ({
      municipalityNumber: member.municipalityNumber,
      status: member.status,
      meetingDate: member.meetingDate ?? undefined,
      nextMeetingDate: member.nextMeetingDate ?? undefined,
    })),
    round.deadline,
  );
  return {
    id: round.id,
    title: round.title,
    subject: subjectOf(round),
    decisionRule: round.decisionRule,
    deadline: round.deadline,
    daysToDeadline: deadlines.daysTo(round.deadline),
    progress,
    overdue,
    forecast: { date: forecast.forecast, pastDeadline: forecast.pastDeadline, unscheduled: forecast.unscheduled },
    cells: councilMembers.map((municipalityNumber) => {
      const cell = cells.get(municipalityNumber);
      return {
        municipalityNumber,
        status: cell?.member.status ?? null,
        overdue: cell?.overdue ?? false,
        meetingDate: cell?.member.meetingDate ?? null,
        nextMeetingDate: cell?.member.nextMeetingDate ?? null,
      };
    }),
    fees: round.subjectType === 'fees' ? feeTable(lines) : null,
  };
}

function feeTable(lines: readonly AllocationLineRow[]): FeeTableView {
  const amounts = lines.map((line) => ({
    line,
    currentFee: Money.fromOre(BigInt(line.currentFeeOre)),
    newFee: Money.fromOre(BigInt(line.newFeeOre)),
    change: Money.fromOre(BigInt(line.changeOre), { allowNegative: true }),
  }));
  return {
    items: amounts.map(({ line, currentFee, newFee, change }) => ({
      municipalityNumber: line.municipalityNumber,
      name: line.name,
      currentFee: currentFee.toNok(),
      newFee: newFee.toNok(),
      change: change.toNok(),
    })),
    sum: {
      currentFee: Money.sum(amounts.map((amount) => amount.currentFee)).toNok(),
      newFee: Money.sum(amounts.map((amount) => amount.newFee)).toNok(),
      change: Money.sum(amounts.map((amount) => amount.change)).toNok(),
    },
  };
}
