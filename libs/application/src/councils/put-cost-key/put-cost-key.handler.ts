import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertValidCostKey, CostKeyWeights, todayInOslo } from '@app/domain';
import { Actor } from '@app/identity';
import { CostKeyEntity, CostKeyWeightEntity } from '@app/persistence';
import { CouncilAccess } from '../../access/council-access';
import { ApplicationError } from '../../application-error';
import { appendEvent } from '../../audit/event-log';
import { Clock } from '../../time/clock';
import { findCurrentMemberNumbers } from '../queries/council-members.query';
import { findCostKey } from '../queries/cost-key.query';
import { lockCouncilForWrite } from '../queries/council-write.lock';
import { CostKeyView } from '../views/cost-key.view';

/** A cost key by name, with one exact weight per current member ("67", "3320454", "12.5"). */
export interface PutCostKeyCommand {
  slug: string;
  key: string;
  weights: CostKeyWeights;
}

/** The key after the change, and whether it was new. */
export interface PutCostKeyResult {
  created: boolean;
  costKey: CostKeyView;
}

const COST_KEY_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
// The column is numeric(30, 10): twenty digits before the dot and ten after.
const STORABLE_WEIGHT = /^-?\d{1,20}(\.\d{1,10})?$/;

/** Creates or replaces a council's cost key, checked against its current members. */
@Injectable()
export class PutCostKeyHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, command: PutCostKeyCommand): Promise<PutCostKeyResult> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const access = await CouncilAccess.load(manager, actor, command.slug, todayInOslo(now));
      access.requireSecretariat('change cost keys');
      if (!COST_KEY_NAME.test(command.key)) {
        throw ApplicationError.invalid(
          'COST_KEY.INVALID_NAME',
          `"${command.key}" is not a cost key name; use lower-case letters and digits joined by dashes, such as "fees-2022".`,
          { field: 'key' },
        );
      }
      const councilId = access.council.id;
      await lockCouncilForWrite(manager, councilId);
      assertValidCostKey(command.weights, await findCurrentMemberNumbers(manager, councilId, todayInOslo(now)));
      const tooPrecise = Object.entries(command.weights).filter(([, weight]) => !STORABLE_WEIGHT.test(weight));
      if (tooPrecise.length > 0) {
        const numbers = tooPrecise.map(([number]) => number);
        throw ApplicationError.invalid(
          'COST_KEY.WEIGHT_TOO_PRECISE',
          `The weights of ${numbers.join(', ')} have more than 20 digits before the dot or 10 after it; scale the key down.`,
          { field: 'weights', municipalityNumbers: numbers },
        );
      }

      const before = await findCostKey(manager, councilId, command.key);
      const keys = manager.getRepository(CostKeyEntity);
      let costKey = await keys.findOne({ where: { councilId, key: command.key } });
      if (costKey) {
        await manager.getRepository(CostKeyWeightEntity).delete({ costKeyId: costKey.id });
        costKey.updatedAt = now;
        costKey = await keys.save(costKey);
      } else {
        costKey = await keys.save(keys.create({ councilId, key: command.key, createdAt: now, updatedAt: now }));
      }
      const costKeyId = costKey.id;
      await manager
        .getRepository(CostKeyWeightEntity)
        .insert(Object.entries(command.weights).map(([municipalityNumber, weight]) => ({ costKeyId, municipalityNumber, weight })));

      const after = (await findCostKey(manager, councilId, command.key)) as CostKeyView;
      await appendEvent(manager, {
        type: 'cost_key.upserted',
        actor: actor.subject,
        councilId,
        at: now,
        data: { key: command.key, before: before?.weights ?? null, after: after.weights },
      });
      return { created: !before, costKey: after };
    });
  }
}
