import { EntityManager } from 'typeorm';

/**
 * Holds the council row until the transaction ends, so that two changes to one council's members,
 * keys, fees or agreement (say, two versions numbered at once) run one after the other. NO KEY
 * UPDATE leaves rows that merely point at the council (rounds, events) free to be written meanwhile.
 */
export async function lockCouncilForWrite(manager: EntityManager, councilId: string): Promise<void> {
  await manager.query('SELECT id FROM council WHERE id = $1 FOR NO KEY UPDATE', [councilId]);
}
