import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@app/identity';
import { CouncilAccess } from '../../access/council-access';
import { findCouncilMembers } from '../queries/council-members.query';
import { findCostKeyNames } from '../queries/cost-key.query';
import { CouncilView } from '../views/council.view';

/** One council with its members and cost keys, for whoever may see it (404 for anyone else). */
@Injectable()
export class GetCouncilHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(actor: Actor, slug: string): Promise<CouncilView> {
    const manager = this.dataSource.manager;
    const { council } = await CouncilAccess.load(manager, actor, slug);
    return {
      slug: council.slug,
      name: council.name,
      members: await findCouncilMembers(manager, council.id),
      costKeys: await findCostKeyNames(manager, council.id),
    };
  }
}
