import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor } from '@app/identity';
import { AppUserEntity, EventEntity, MemberDecisionRevisionEntity, RoundEntity, RoundMemberEntity } from '@app/persistence';
import { CouncilAccess } from '../../access/council-access';
import { ApplicationError } from '../../application-error';
import { Clock } from '../../time/clock';
import { RoundAccess } from '../round-access';
import { RevisionView, RoundMemberView, RoundView, loadRoundView, memberEtag, memberView, revisionView } from '../round.view';

/** An entry of a round's audit trail. */
export interface EventView {
  id: string;
  type: string;
  at: string;
  actor: string;
  data: Record<string, unknown>;
}

/** An entry of the trail with the name of whoever acted, as people read it. */
export interface NamedEventView extends EventView {
  /** The person's name when they have signed in; null for the system and for unknown subjects. */
  actorName: string | null;
}

/** A member's decision with every revision, newest last. */
export interface MemberDecisionView extends RoundMemberView {
  roundId: string;
  etag: string;
  revisions: Array<RevisionView & { registeredByName: string | null }>;
}

/** Reading rounds: a council's list, one round, one member's decision with its history, the audit trail. */
@Injectable()
export class ReadRoundsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The council's rounds the caller may see: staff see all, a clerk those their municipality is in. */
  async list(actor: Actor, councilSlug: string, status?: RoundEntity['status']): Promise<RoundView[]> {
    const now = this.clock.now();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const access = await CouncilAccess.load(manager, actor, councilSlug);
      const query = manager
        .getRepository(RoundEntity)
        .createQueryBuilder('round')
        .select('round.id', 'id')
        .where('round.council_id = :councilId', { councilId: access.council.id })
        .orderBy('round.launched_at', 'DESC');
      if (status) query.andWhere('round.status = :status', { status });
      if (!access.isStaff()) {
        query.andWhere(
          `EXISTS (SELECT 1 FROM round_member rm WHERE rm.round_id = round.id AND rm.municipality_number IN (:...mine))`,
          { mine: actor.clerkMunicipalities().length ? actor.clerkMunicipalities() : ['----'] },
        );
      }
      const ids = await query.getRawMany<{ id: string }>();
      const views: RoundView[] = [];
      for (const { id } of ids) views.push(await loadRoundView(manager, id, now));
      return views;
    });
  }

  async get(actor: Actor, roundId: string): Promise<RoundView> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await RoundAccess.load(manager, actor, roundId);
      return loadRoundView(manager, roundId, this.clock.now());
    });
  }

  async memberDecision(actor: Actor, roundId: string, municipalityNumber: string): Promise<MemberDecisionView> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const { round } = await RoundAccess.load(manager, actor, roundId);
      const member = await manager.getRepository(RoundMemberEntity).findOneBy({ roundId, municipalityNumber });
      if (!member) {
        throw ApplicationError.notFound('DECISION.NOT_IN_ELECTORATE', `${municipalityNumber} is not a member of this round.`, {
          municipalityNumber,
        });
      }
      const revisions = await manager
        .getRepository(MemberDecisionRevisionEntity)
        .find({ where: { roundId, municipalityNumber }, order: { revision: 'ASC' } });
      return {
        roundId,
        ...memberView(round, member, this.clock.now()),
        etag: memberEtag(roundId, member),
        revisions: await withNames(manager, revisions.map(revisionView), (revision) => revision.registeredBy, (revision, registeredByName) => ({
          ...revision,
          registeredByName,
        })),
      };
    });
  }

  async events(actor: Actor, roundId: string): Promise<NamedEventView[]> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await RoundAccess.load(manager, actor, roundId);
      const events = await manager.getRepository(EventEntity).find({ where: { roundId }, order: { id: 'ASC' } });
      const views = events.map((event) => ({ id: event.id, type: event.type, at: event.at.toISOString(), actor: event.actor, data: event.data }));
      return withNames(manager, views, (event) => event.actor, (event, actorName) => ({ ...event, actorName }));
    });
  }
}

/** Adds the names of the people behind subjects, in one query whatever the number of rows. */
async function withNames<T, R>(manager: EntityManager, rows: T[], subjectOf: (row: T) => string, named: (row: T, name: string | null) => R): Promise<R[]> {
  const subjects = [...new Set(rows.map(subjectOf))];
  const people = subjects.length ? await manager.getRepository(AppUserEntity).find({ where: { subject: In(subjects) }, select: { subject: true, name: true } }) : [];
  const names = new Map(people.map((person) => [person.subject, person.name]));
  return rows.map((row) => named(row, names.get(subjectOf(row)) ?? null));
}
