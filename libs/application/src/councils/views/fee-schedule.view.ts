import { Money } from '@app/domain';
import { FeeScheduleEntity } from '@app/persistence';

/** One member's yearly fee in a schedule. */
export interface FeeLineView {
  municipalityNumber: string;
  name: string;
  amount: string;
}

/** A medlemsavgift schedule: when it was meant to and did come into force, where it came from, the fees and their sum. */
export interface FeeScheduleView {
  effectiveFrom: string;
  inForceFrom: string;
  source: 'onboarding' | 'round';
  roundId: string | null;
  reason: string;
  fees: FeeLineView[];
  total: string;
}

/** A stored line with the municipality's name beside it. */
export interface NamedFeeLine {
  municipalityNumber: string;
  name: string;
  amountOre: bigint;
}

/** The one mapping from a stored schedule to the API's view; the total is computed, never stored. */
export function toFeeScheduleView(
  schedule: Pick<FeeScheduleEntity, 'effectiveFrom' | 'inForceFrom' | 'source' | 'roundId' | 'reason'>,
  lines: readonly NamedFeeLine[],
): FeeScheduleView {
  const amounts = [...lines]
    .sort((a, b) => a.municipalityNumber.localeCompare(b.municipalityNumber))
    .map((line) => ({ municipalityNumber: line.municipalityNumber, name: line.name, amount: Money.fromOre(line.amountOre) }));
  return {
    effectiveFrom: schedule.effectiveFrom,
    inForceFrom: schedule.inForceFrom,
    source: schedule.source,
    roundId: schedule.roundId,
    reason: schedule.reason,
    fees: amounts.map((line) => ({ ...line, amount: line.amount.toNok() })),
    total: Money.sum(amounts.map((line) => line.amount)).toNok(),
  };
}
