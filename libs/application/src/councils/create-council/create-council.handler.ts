import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_WITHDRAWAL_RULE } from '@app/domain';
import { Actor } from '@app/identity';
import { CouncilEntity } from '@app/persistence';
import { ApplicationError } from '../../application-error';
import { appendEvent } from '../../audit/event-log';
import { Clock } from '../../time/clock';
import { CouncilView } from '../views/council.view';

/** A new council: its slug (used in every address) and its name. */
export interface CreateCouncilCommand {
  slug: string;
  name: string;
}

/** Creates a council, without members yet; only the operator (admin) may. */
@Injectable()
export class CreateCouncilHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, command: CreateCouncilCommand): Promise<CouncilView> {
    if (!actor.isAdmin()) throw ApplicationError.forbidden('ACCESS.ADMIN_ONLY', 'Only an admin may create councils.');
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      // ON CONFLICT DO NOTHING: two requests for the same slug at once give one 201 and one 409, never a 500.
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(CouncilEntity)
        .values({ slug: command.slug, name: command.name, createdAt: now })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (!id) {
        throw ApplicationError.conflict('COUNCIL.SLUG_TAKEN', `There is already a council with the slug "${command.slug}".`, {
          field: 'slug',
          slug: command.slug,
        });
      }
      await appendEvent(manager, {
        type: 'council.created',
        actor: actor.subject,
        councilId: id,
        at: now,
        data: { after: { slug: command.slug, name: command.name } },
      });
      return { slug: command.slug, name: command.name, members: [], costKeys: [], withdrawalRule: { ...DEFAULT_WITHDRAWAL_RULE } };
    });
  }
}
