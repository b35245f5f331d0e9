import { EntityManager } from 'typeorm';
import { AppUserEntity, RoleGrantEntity } from '@app/persistence';

/** A person to notify and the municipality they act for (for the written standard of the text). */
export interface Recipient {
  userId: string;
  municipalityNumber: string | null;
}

/** The clerks of a municipality: who gets its reminders and overdue notices. */
export async function clerksOf(manager: EntityManager, municipalityNumber: string): Promise<Recipient[]> {
  const grants = await manager.getRepository(RoleGrantEntity).find({ where: { role: 'clerk', municipalityNumber }, order: { userId: 'ASC' } });
  return grants.map((grant) => ({ userId: grant.userId, municipalityNumber }));
}

/** The secretariat and the leaders of a council: who gets escalations and outcomes. */
export async function staffOf(manager: EntityManager, councilId: string): Promise<Recipient[]> {
  const grants = await manager
    .getRepository(RoleGrantEntity)
    .createQueryBuilder('g')
    .innerJoin(AppUserEntity, 'u', 'u.id = g.user_id')
    .where(`g.council_id = :councilId AND g.role IN ('secretariat', 'leader')`, { councilId })
    .orderBy('g.user_id')
    .getMany();
  const unique = new Map(grants.map((grant) => [grant.userId, { userId: grant.userId, municipalityNumber: null }]));
  return [...unique.values()];
}
