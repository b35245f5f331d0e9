import { EntityManager } from 'typeorm';
import { CalendarDate } from '@app/domain';
import { Actor, FeedScope } from '@app/identity';
import { CouncilEntity, MembershipEntity, MunicipalityEntity } from '@app/persistence';
import { CouncilAccess } from '../access/council-access';
import { ApplicationError } from '../application-error';
import { NOT_ENDED_ON } from '../councils/queries/membership-dates';

/** What a feed follows, as stored: the council's id, or the municipality's number, and the name it goes by. */
export interface FeedSubject {
  name: string;
  councilId: string | null;
  municipalityNumber: string | null;
}

/**
 * Who may follow a feed, as the API answers them: a council's feed whoever may see the council (404
 * otherwise); a municipality's feed its clerks, the secretariat and leaders of a council it is a
 * member of, and the admin (403 otherwise).
 */
export async function authorizeFeed(manager: EntityManager, actor: Actor, scope: FeedScope, today: CalendarDate): Promise<FeedSubject> {
  if (scope.type === 'council') {
    const { council } = await CouncilAccess.load(manager, actor, scope.council, today);
    return { name: council.name, councilId: council.id, municipalityNumber: null };
  }
  const number = scope.municipality;
  const municipality = await manager.getRepository(MunicipalityEntity).findOneBy({ number });
  if (!municipality) {
    throw ApplicationError.notFound('MUNICIPALITY.NOT_FOUND', `There is no municipality ${number}.`, { municipalityNumber: number });
  }
  const subject = { name: municipality.name, councilId: null, municipalityNumber: number };
  if (actor.isAdmin() || actor.isClerkOf(number)) return subject;
  const staffOf = [...actor.councilsAsSecretariat(), ...actor.councilsAsLeader()];
  const ofItsCouncils = staffOf.length
    ? await manager
        .getRepository(MembershipEntity)
        .createQueryBuilder('m')
        .innerJoin(CouncilEntity, 'c', 'c.id = m.council_id')
        .where(`m.municipality_number = :number AND ${NOT_ENDED_ON('m', ':today')} AND c.slug IN (:...staffOf)`, { number, staffOf, today })
        .getExists()
    : false;
  if (!ofItsCouncils) {
    throw ApplicationError.forbidden(
      'ACCESS.MUNICIPALITY_CALENDAR',
      `Only the clerks of ${number}, the secretariat and leaders of its councils and the admin may follow its calendar.`,
      { municipalityNumber: number },
    );
  }
  return subject;
}

/** The feed's path under PUBLIC_BASE_URL. */
export function feedPath(scope: FeedScope): string {
  return scope.type === 'council' ? `/api/councils/${scope.council}/calendar.ics` : `/api/municipalities/${scope.municipality}/calendar.ics`;
}

export function sameScope(a: FeedScope, b: FeedScope): boolean {
  return a.type === 'council' ? b.type === 'council' && a.council === b.council : b.type === 'municipality' && a.municipality === b.municipality;
}
