import { EntityManager } from 'typeorm';
import { CostKeyEntity, CostKeyWeightEntity } from '@app/persistence';
import { CostKeyView, toCostKeyView } from '../views/cost-key.view';

/** A council's cost key by name, with its weights; undefined when the council has none by that name. */
export async function findCostKey(manager: EntityManager, councilId: string, key: string): Promise<CostKeyView | undefined> {
  const costKey = await manager.getRepository(CostKeyEntity).findOne({ where: { councilId, key } });
  if (!costKey) return undefined;
  const weights = await manager.getRepository(CostKeyWeightEntity).find({ where: { costKeyId: costKey.id } });
  return toCostKeyView(costKey.key, weights);
}

/** The names of a council's cost keys, alphabetically. */
export async function findCostKeyNames(manager: EntityManager, councilId: string): Promise<string[]> {
  const keys = await manager.getRepository(CostKeyEntity).find({ where: { councilId }, order: { key: 'ASC' } });
  return keys.map((costKey) => costKey.key);
}
