import { Injectable } from '@nestjs/common';
import { todayInOslo } from '@app/domain';
import { DataSource } from 'typeorm';
import { Actor } from '@app/identity';
import { CouncilAccess } from '../../access/council-access';
import { ApplicationError } from '../../application-error';
import { findCostKey } from '../queries/cost-key.query';
import { CostKeyView } from '../views/cost-key.view';
import { Clock } from '../../time/clock';

/** A council's cost key with its weights, for whoever may see the council. */
@Injectable()
export class GetCostKeyHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, slug: string, key: string): Promise<CostKeyView> {
    const manager = this.dataSource.manager;
    const { council } = await CouncilAccess.load(manager, actor, slug, todayInOslo(this.clock.now()));
    const costKey = await findCostKey(manager, council.id, key);
    if (!costKey) throw ApplicationError.notFound('COST_KEY.NOT_FOUND', `${slug} has no cost key "${key}".`, { key });
    return costKey;
  }
}
