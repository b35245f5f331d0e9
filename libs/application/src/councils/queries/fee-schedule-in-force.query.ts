import { EntityManager } from 'typeorm';
import { CalendarDate } from '@app/domain';
import { FeeScheduleEntity, FeeScheduleLineEntity, MunicipalityEntity } from '@app/persistence';
import { feeScheduleInForce } from '../../fee-schedules/fee-schedule-in-force';
import { FeeScheduleView, NamedFeeLine, toFeeScheduleView } from '../views/fee-schedule.view';

/**
 * The fee schedule in force on a date, whether recorded at onboarding or approved in a round, as the
 * API shows it; undefined when none had come into force by then. Which one is in force is decided in
 * one place, feeScheduleInForce, which the launch of a fee round uses too.
 */
export async function findFeeScheduleInForce(
  manager: EntityManager,
  councilId: string,
  on: CalendarDate,
): Promise<FeeScheduleView | undefined> {
  const found = await feeScheduleInForce(manager, councilId, on);
  if (!found) return undefined;
  return loadFeeScheduleView(manager, await manager.getRepository(FeeScheduleEntity).findOneByOrFail({ id: found.id }));
}

/** A stored schedule with its lines and the members' names. */
export async function loadFeeScheduleView(manager: EntityManager, schedule: FeeScheduleEntity): Promise<FeeScheduleView> {
  const lines = await manager
    .getRepository(FeeScheduleLineEntity)
    .createQueryBuilder('l')
    .innerJoin(MunicipalityEntity, 'mu', 'mu.number = l.municipality_number')
    .select('l.municipality_number', 'municipalityNumber')
    .addSelect('mu.name', 'name')
    .addSelect('l.amount_ore', 'amountOre')
    .where('l.fee_schedule_id = :id', { id: schedule.id })
    .getRawMany<{ municipalityNumber: string; name: string; amountOre: string }>();
  const named: NamedFeeLine[] = lines.map((line) => ({ ...line, amountOre: BigInt(line.amountOre) }));
  return toFeeScheduleView(schedule, named);
}
