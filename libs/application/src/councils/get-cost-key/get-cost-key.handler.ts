import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@app/identity';
import { CouncilAccess } from '../../access/council-access';
import { ApplicationError } from '../../application-error';
import { findCostKey } from '../queries/cost-key.query';
import { CostKeyView } from '../views/cost-key.view';

/** A council's cost key with its weights, for whoever may see the council. */
@Injectable()
export class GetCostKeyHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(actor: Actor, slug: string, key: string): Promise<CostKeyView> {
    const manager = this.dataSource.manager;
    const { council } = await CouncilAccess.load(manager, actor, slug);
    const costKey = await findCostKey(manager, council.id, key);
    if (!costKey) throw ApplicationError.notFound('COST_KEY.NOT_FOUND', `${slug} has no cost key "${key}".`, { key });
    return costKey;
  }
}
