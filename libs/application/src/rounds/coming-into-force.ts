import { EntityManager } from 'typeorm';
import { inForceFrom } from '@app/domain';
import { Actor } from '@app/identity';
import { AgreementVersionEntity, FeeScheduleEntity, RoundAllocationLineEntity, RoundEntity, RoundMemberEntity } from '@app/persistence';
import { appendEvent } from '../audit/event-log';

/**
 * An approved round's subject comes into force: the agreement version, or the allocation as the
 * new fee schedule, from its effective date — or from the day of the last adoption, if later.
 * Returns that day.
 */
export async function bringIntoForce(
  manager: EntityManager,
  actor: Actor,
  round: RoundEntity,
  members: RoundMemberEntity[],
  now: Date,
): Promise<string> {
  const lastAdoption = members.map((m) => m.meetingDate!).reduce((a, b) => (b > a ? b : a));
  if (round.subjectType === 'agreement') {
    const version = await manager.getRepository(AgreementVersionEntity).findOneByOrFail({ id: round.agreementVersionId! });
    const from = inForceFrom({ effectiveFrom: version.effectiveFrom, approvedOn: lastAdoption });
    await manager
      .getRepository(AgreementVersionEntity)
      .update({ id: version.id }, { adoption: 'round', adoptedOn: lastAdoption, inForceFrom: from, adoptionReason: `Vedtatt i godkjenningsrunde ${round.id}` });
    await appendEvent(manager, {
      type: 'agreement_version.in_force',
      actor: actor.subject,
      councilId: round.councilId,
      roundId: round.id,
      at: now,
      data: { versionId: version.id, effectiveFrom: version.effectiveFrom, adoptedOn: lastAdoption, inForceFrom: from },
    });
    return from;
  }
  const lines = await manager.getRepository(RoundAllocationLineEntity).findBy({ roundId: round.id });
  const from = inForceFrom({ effectiveFrom: round.feeEffectiveFrom!, approvedOn: lastAdoption });
  const schedule = await manager.getRepository(FeeScheduleEntity).save({
    councilId: round.councilId,
    effectiveFrom: round.feeEffectiveFrom!,
    inForceFrom: from,
    source: 'round' as const,
    roundId: round.id,
    reason: `Vedtatt i godkjenningsrunde ${round.id}`,
    lines: lines.map((line) => ({ municipalityNumber: line.municipalityNumber, amountOre: line.newFeeOre })),
  });
  await appendEvent(manager, {
    type: 'fee_schedule.in_force',
    actor: actor.subject,
    councilId: round.councilId,
    roundId: round.id,
    at: now,
    data: { feeScheduleId: schedule.id, effectiveFrom: round.feeEffectiveFrom, inForceFrom: from },
  });
  return from;
}
