import { EntityManager } from 'typeorm';
import { MembershipEntity, MunicipalityEntity } from '@app/persistence';
import { CalendarDate } from '@app/domain';
import { MemberView, toMemberView } from '../views/council.view';
import { MEMBER_ON, NOT_ENDED_ON } from './membership-dates';

/** Every membership of a council, current ones first, then by kommunenummer. */
export async function findCouncilMembers(manager: EntityManager, councilId: string): Promise<MemberView[]> {
  const rows = await manager
    .getRepository(MembershipEntity)
    .createQueryBuilder('m')
    .innerJoinAndMapOne('m.municipality', MunicipalityEntity, 'mu', 'mu.number = m.municipality_number')
    .where('m.council_id = :councilId', { councilId })
    .orderBy('m.left_on', 'DESC', 'NULLS FIRST')
    .addOrderBy('m.municipality_number', 'ASC')
    .addOrderBy('m.joined_on', 'ASC')
    .getMany();
  return rows.map((row) => toMemberView(row, row.municipality as MunicipalityEntity));
}

/** The membership of one municipality in a council that has not ended by the day (a member, or one to join), if any. */
export async function findCurrentMembership(
  manager: EntityManager,
  councilId: string,
  municipalityNumber: string,
  today: CalendarDate,
): Promise<MembershipEntity | null> {
  return manager.getRepository(MembershipEntity).createQueryBuilder('m')
    .where(`m.council_id = :councilId AND m.municipality_number = :municipalityNumber AND ${NOT_ENDED_ON('m', ':today')}`, {
      councilId,
      municipalityNumber,
      today,
    })
    .orderBy('m.joined_on', 'DESC')
    .getOne();
}

/** The kommunenummer of a council's members on a day, lowest first; read again after the council is locked. */
export async function findCurrentMemberNumbers(manager: EntityManager, councilId: string, on: CalendarDate): Promise<string[]> {
  const rows = await manager
    .getRepository(MembershipEntity)
    .createQueryBuilder('m')
    .select('m.municipality_number', 'number')
    .where(`m.council_id = :councilId AND ${MEMBER_ON('m', ':on')}`, { councilId, on })
    .orderBy('m.municipality_number', 'ASC')
    .getRawMany<{ number: string }>();
  return rows.map((row) => row.number);
}
