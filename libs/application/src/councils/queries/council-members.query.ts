import { EntityManager } from 'typeorm';
import { MembershipEntity, MunicipalityEntity } from '@app/persistence';
import { MemberView, toMemberView } from '../views/council.view';

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

/** The current membership of one municipality in a council, if it is a member now. */
export async function findCurrentMembership(
  manager: EntityManager,
  councilId: string,
  municipalityNumber: string,
): Promise<MembershipEntity | null> {
  return manager.getRepository(MembershipEntity).createQueryBuilder('m')
    .where('m.council_id = :councilId AND m.municipality_number = :municipalityNumber AND m.left_on IS NULL', {
      councilId,
      municipalityNumber,
    })
    .getOne();
}

/** The kommunenummer of a council's current members, lowest first; read again after the council is locked. */
export async function findCurrentMemberNumbers(manager: EntityManager, councilId: string): Promise<string[]> {
  const rows = await manager
    .getRepository(MembershipEntity)
    .createQueryBuilder('m')
    .select('m.municipality_number', 'number')
    .where('m.council_id = :councilId AND m.left_on IS NULL', { councilId })
    .orderBy('m.municipality_number', 'ASC')
    .getRawMany<{ number: string }>();
  return rows.map((row) => row.number);
}
