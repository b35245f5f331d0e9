import { EntityManager, In } from 'typeorm';
import { allocate, AllocationLine, CalendarDate, DomainError, Money, RoundTo } from '@app/domain';
import { MunicipalityEntity } from '@app/persistence';
import { ApplicationError } from '../../application-error';
import { findCostKey } from '../queries/cost-key.query';
import { feeScheduleInForce } from '../../fee-schedules/fee-schedule-in-force';
import { CostKeyView } from '../views/cost-key.view';

/** What to share: a total over a council's named cost key, for its current members, against the fees in force on a day. */
export interface AllocationRequest {
  councilId: string;
  members: readonly string[];
  total: Money;
  costKey: string;
  roundTo: RoundTo;
  on: CalendarDate;
}

/** The allocation with what it was computed from: the key's weights and the schedule in force (if any). */
export interface CostKeyAllocation {
  costKey: CostKeyView;
  currentSchedule: { effectiveFrom: CalendarDate; inForceFrom: CalendarDate } | undefined;
  lines: AllocationLine[];
}

/**
 * Shares a total over a cost key against the fees in force: the preview and the launch of a fee
 * round compute it here, so that what the secretariat previewed is what the members vote on.
 */
export async function allocateByCostKey(manager: EntityManager, request: AllocationRequest): Promise<CostKeyAllocation> {
  const costKey = await findCostKey(manager, request.councilId, request.costKey);
  if (!costKey) {
    throw ApplicationError.invalid('COST_KEY.NOT_FOUND', `There is no cost key "${request.costKey}" in this council.`, {
      field: 'costKey',
      costKey: request.costKey,
    });
  }
  const current = await feeScheduleInForce(manager, request.councilId, request.on);
  const currentSchedule = current && { effectiveFrom: current.effectiveFrom, inForceFrom: current.inForceFrom };
  const currentFees = Object.fromEntries(current?.fees ?? []);
  await addPredecessorsFees(manager, request.members, currentFees);
  try {
    const lines = allocate({
      total: request.total,
      weights: costKey.weights,
      members: request.members,
      currentFees,
      roundTo: request.roundTo,
    });
    return { costKey, currentSchedule, lines };
  } catch (error) {
    // The key was valid when saved; members have joined or left since.
    if (error instanceof DomainError && (error.code === 'ALLOCATION.MEMBER_MISSING' || error.code === 'ALLOCATION.NOT_A_MEMBER')) {
      throw ApplicationError.invalid(
        'COST_KEY.OUT_OF_DATE',
        `The cost key "${request.costKey}" no longer matches the current members: ${error.message} Update the key first.`,
        { field: 'costKey', costKey: request.costKey, municipalityNumbers: error.details?.municipalityNumbers },
      );
    }
    throw error;
  }
}

/**
 * A successor of a merger has no fee in a schedule from before it: what its predecessors paid is its fee in
 * force (Orkland's is Orkdal's and Agdenes'), so the new fee is compared with what the same people paid.
 */
async function addPredecessorsFees(manager: EntityManager, members: readonly string[], currentFees: Record<string, Money>): Promise<void> {
  const without = members.filter((member) => currentFees[member] === undefined);
  if (without.length === 0) return;
  const predecessors = await manager.getRepository(MunicipalityEntity).find({ where: { succeededBy: In(without) }, select: { number: true, succeededBy: true } });
  for (const predecessor of predecessors) {
    const fee = currentFees[predecessor.number];
    if (fee === undefined || predecessor.succeededBy === null) continue;
    const successor = predecessor.succeededBy;
    currentFees[successor] = (currentFees[successor] ?? Money.ZERO).plus(fee);
  }
}
