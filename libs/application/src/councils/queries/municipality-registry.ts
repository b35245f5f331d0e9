import { EntityManager } from 'typeorm';
import { Actor } from '@app/identity';
import { MunicipalityEntity } from '@app/persistence';
import { ApplicationError } from '../../application-error';

/**
 * The municipality of a kommunenummer, registered with the name given when the number is new. The
 * name belongs to the kommunenummer, shared by every council it is in: a secretariat may not rename
 * Trondheim for the other councils by a typo (409, naming `field`); the admin may (after a municipal
 * merger, say). Returns the name it had before.
 */
export async function registeredMunicipality(
  manager: EntityManager,
  actor: Actor,
  { number, name }: { number: string; name: string },
  field: string,
): Promise<{ municipality: MunicipalityEntity; previousName: string }> {
  const repository = manager.getRepository(MunicipalityEntity);
  await repository.createQueryBuilder().insert().values({ number, name }).orIgnore().execute();
  const municipality = await repository.findOneByOrFail({ number });
  const previousName = municipality.name;
  if (previousName === name) return { municipality, previousName };
  if (!actor.isAdmin()) {
    throw ApplicationError.conflict(
      'MUNICIPALITY.NAME_DIFFERS',
      `Municipality ${municipality.number} is registered as "${municipality.name}", a name every council shares; ` +
        `send that name, or ask the operator to rename it.`,
      { field, registeredName: municipality.name },
    );
  }
  municipality.name = name;
  return { municipality: await repository.save(municipality), previousName };
}
