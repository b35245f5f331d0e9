import { EntityManager } from 'typeorm';
import { CalendarDate, Money, inForceOn } from '@app/domain';
import { FeeScheduleEntity } from '@app/persistence';

/** A fee schedule as the rules see it: when it applies and each member's amount. */
export interface FeeScheduleInForce {
  id: string;
  effectiveFrom: CalendarDate;
  inForceFrom: CalendarDate;
  fees: Map<string, Money>;
}

/** The medlemsavgift schedule in force in a council on a date, whether recorded at onboarding or adopted by a round. */
export async function feeScheduleInForce(manager: EntityManager, councilId: string, on: CalendarDate): Promise<FeeScheduleInForce | undefined> {
  // Ordered, because among schedules coming into force the same day the later recorded one wins.
  const schedules = await manager
    .getRepository(FeeScheduleEntity)
    .find({ where: { councilId }, relations: { lines: true }, order: { createdAt: 'ASC', id: 'ASC' } });
  // in_force_from already holds "the effective date, or the day of the last adoption if later".
  const found = inForceOn(
    schedules.map((schedule) => ({ item: schedule, effectiveFrom: schedule.effectiveFrom, approvedOn: schedule.inForceFrom })),
    on,
  );
  if (!found) return undefined;
  const schedule = found.item;
  return {
    id: schedule.id,
    effectiveFrom: schedule.effectiveFrom,
    inForceFrom: found.inForceFrom,
    fees: new Map((schedule.lines ?? []).map((line) => [line.municipalityNumber, Money.fromOre(line.amountOre)])),
  };
}
