import { Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { Actor } from '@app/identity';
import { CouncilEntity } from '@app/persistence';
import { CouncilSummaryView } from '../views/council.view';

/**
 * The councils the caller may see, by name: all for the admin; for others the councils they are
 * secretariat or leader of, and those their municipality is a current member of (as CouncilAccess.canSee).
 */
@Injectable()
export class ListCouncilsHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(actor: Actor): Promise<CouncilSummaryView[]> {
    const query = this.dataSource.getRepository(CouncilEntity).createQueryBuilder('c').orderBy('c.name', 'ASC').addOrderBy('c.slug', 'ASC');
    if (!actor.isAdmin()) {
      const slugs = [...actor.councilsAsSecretariat(), ...actor.councilsAsLeader()];
      const municipalities = actor.clerkMunicipalities();
      if (slugs.length === 0 && municipalities.length === 0) return [];
      query.where(
        new Brackets((where) => {
          where.where('c.slug = ANY(:slugs)', { slugs });
          where.orWhere(
            `EXISTS (SELECT 1 FROM membership m WHERE m.council_id = c.id AND m.left_on IS NULL
             AND m.municipality_number = ANY(:municipalities))`,
            { municipalities },
          );
        }),
      );
    }
    const councils = await query.getMany();
    return councils.map((council) => ({ slug: council.slug, name: council.name }));
  }
}
