import { Injectable } from '@nestjs/common';
import { todayInOslo } from '@app/domain';
import { DataSource } from 'typeorm';
import { Actor } from '@app/identity';
import { CouncilAccess } from '../../access/council-access';
import { findCouncilMembers } from '../queries/council-members.query';
import { findCostKeyNames } from '../queries/cost-key.query';
import { CouncilView } from '../views/council.view';
import { Clock } from '../../time/clock';
import { withdrawalRuleOf } from '../membership-changes/membership-changes.handler';

/** One council with its members and cost keys, for whoever may see it (404 for anyone else). */
@Injectable()
export class GetCouncilHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, slug: string): Promise<CouncilView> {
    const manager = this.dataSource.manager;
    const { council } = await CouncilAccess.load(manager, actor, slug, todayInOslo(this.clock.now()));
    return {
      slug: council.slug,
      name: council.name,
      members: await findCouncilMembers(manager, council.id),
      costKeys: await findCostKeyNames(manager, council.id),
      withdrawalRule: withdrawalRuleOf(council),
    };
  }
}
