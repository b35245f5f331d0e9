import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Money, RoundTo, todayInOslo } from '@app/domain';
import { Actor } from '@app/identity';
import { CouncilAccess } from '../../access/council-access';
import { Clock } from '../../time/clock';
import { findCouncilMembers, findCurrentMemberNumbers } from '../queries/council-members.query';
import { allocateByCostKey } from './allocate-by-cost-key';

/** A total to share over a named cost key, in øre (default) or whole kroner. */
export interface PreviewAllocationCommand {
  slug: string;
  total: string;
  costKey: string;
  roundTo?: RoundTo;
}

/** One member's line of a preview: its weight, its fee today, the new fee and the change. */
export interface AllocationPreviewLineView {
  municipalityNumber: string;
  name: string;
  weight: string;
  currentFee: string;
  newFee: string;
  change: string;
}

/** What a total over a key would mean for each member, against the fees in force today. */
export interface AllocationPreviewView {
  total: string;
  costKey: string;
  roundTo: RoundTo;
  /** The day (Oslo) whose fees in force the change is measured against. */
  currentFeesOn: string;
  /** The schedule in force that day, or null when there is none (every current fee is then 0.00). */
  currentSchedule: { effectiveFrom: string; inForceFrom: string } | null;
  members: AllocationPreviewLineView[];
}

/** Computes an allocation without saving anything, for the secretariat and the leaders to weigh a proposal. */
@Injectable()
export class PreviewAllocationHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, command: PreviewAllocationCommand): Promise<AllocationPreviewView> {
    const manager = this.dataSource.manager;
    const access = await CouncilAccess.load(manager, actor, command.slug, todayInOslo(this.clock.now()));
    access.requireSecretariatOrLeader('preview allocations');
    const total = Money.fromNok(command.total);
    const roundTo = command.roundTo ?? 'ore';
    const on = todayInOslo(this.clock.now());
    const councilId = access.council.id;
    const names = new Map((await findCouncilMembers(manager, councilId)).map((member) => [member.municipalityNumber, member.name]));
    const members = await findCurrentMemberNumbers(manager, councilId, on);
    const { costKey, currentSchedule, lines } = await allocateByCostKey(manager, {
      councilId,
      members,
      total,
      costKey: command.costKey,
      roundTo,
      on,
    });
    return {
      total: total.toNok(),
      costKey: costKey.key,
      roundTo,
      currentFeesOn: on,
      currentSchedule: currentSchedule ?? null,
      members: lines.map((line) => ({
        municipalityNumber: line.municipalityNumber,
        name: names.get(line.municipalityNumber) ?? line.municipalityNumber,
        weight: costKey.weights[line.municipalityNumber],
        currentFee: line.currentFee.toNok(),
        newFee: line.newFee.toNok(),
        change: line.change.toNok(),
      })),
    };
  }
}
