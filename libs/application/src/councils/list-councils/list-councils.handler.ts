import { Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { todayInOslo } from '@app/domain';
import { Actor } from '@app/identity';
import { CouncilEntity } from '@app/persistence';
import { Page, PageRequest, cursorKeyOf, pageOf } from '../../paging/page';
import { PageCursor } from '../../paging/page-cursor';
import { CouncilSummaryView } from '../views/council.view';
import { Clock } from '../../time/clock';
import { NOT_ENDED_ON } from '../queries/membership-dates';

/** The council list's position: the name and the slug, alphabetically. */
export const COUNCIL_LIST_CURSOR = new PageCursor('councils', ['text', 'text'] as const);

/**
 * A page of the councils the caller may see, by name: all for the admin; for others the councils
 * they are secretariat or leader of, and those their municipality is a current member of (as
 * CouncilAccess.canSee). One query a page; the table holds one row per council in the country.
 */
@Injectable()
export class ListCouncilsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, page: PageRequest): Promise<Page<CouncilSummaryView>> {
    const after = cursorKeyOf(COUNCIL_LIST_CURSOR, page);
    const query = this.dataSource
      .getRepository(CouncilEntity)
      .createQueryBuilder('c')
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.slug', 'ASC')
      .limit(page.limit + 1)
      // One statement for every page: the first passes no cursor.
      .where('(CAST(:afterName AS text) IS NULL OR (c.name, c.slug) > (CAST(:afterName AS text), CAST(:afterSlug AS text)))', {
        afterName: after?.[0] ?? null,
        afterSlug: after?.[1] ?? null,
      });
    if (!actor.isAdmin()) {
      const slugs = [...actor.councilsAsSecretariat(), ...actor.councilsAsLeader()];
      const municipalities = actor.clerkMunicipalities();
      if (slugs.length === 0 && municipalities.length === 0) return { items: [], next: null };
      query.andWhere(
        new Brackets((where) => {
          where.where('c.slug = ANY(:slugs)', { slugs });
          where.orWhere(
            `EXISTS (SELECT 1 FROM membership m WHERE m.council_id = c.id AND ${NOT_ENDED_ON('m', ':today')}
             AND m.municipality_number = ANY(:municipalities))`,
            { municipalities, today: todayInOslo(this.clock.now()) },
          );
        }),
      );
    }
    const { items, next } = pageOf(await query.getMany(), page.limit, COUNCIL_LIST_CURSOR, (council) => [council.name, council.slug]);
    return { items: items.map((council) => ({ slug: council.slug, name: council.name })), next };
  }
}
