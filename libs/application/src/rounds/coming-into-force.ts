import { EntityManager } from 'typeorm';
import { Money, inForceFrom } from '@app/domain';
import { Actor } from '@app/identity';
import {
  AgreementVersionEntity,
  FeeScheduleEntity,
  FeeScheduleLineEntity,
  RoundAllocationLineEntity,
  RoundEntity,
  RoundMemberEntity,
} from '@app/persistence';
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
  const fields = {
    councilId: round.councilId,
    effectiveFrom: round.feeEffectiveFrom!,
    inForceFrom: from,
    source: 'round' as const,
    roundId: round.id,
    reason: `Vedtatt i godkjenningsrunde ${round.id}`,
  };
  const amounts = lines.map((line) => ({ municipalityNumber: line.municipalityNumber, amountOre: line.newFeeOre }));
  const taken = await manager.getRepository(FeeScheduleEntity).findOne({ where: { councilId: round.councilId, effectiveFrom: round.feeEffectiveFrom! }, relations: { lines: true } });
  const schedule = taken ? await supersede(manager, taken, fields, amounts) : await manager.getRepository(FeeScheduleEntity).save({ ...fields, lines: amounts });
  await appendEvent(manager, {
    type: 'fee_schedule.in_force',
    actor: actor.subject,
    councilId: round.councilId,
    roundId: round.id,
    at: now,
    data: {
      feeScheduleId: schedule.id,
      effectiveFrom: round.feeEffectiveFrom,
      inForceFrom: from,
      ...(taken ? { superseded: supersededRecord(taken) } : {}),
    },
  });
  return from;
}

/**
 * A schedule may already hold the round's effective date: the launch and onboarding refuse that,
 * but a database may hold one written otherwise. The members' unanimous decision is what is in
 * force from that date, so it takes the date's place (its event keeps what it replaced), and the
 * settling registration goes through instead of failing on the date's uniqueness forever.
 */
async function supersede(
  manager: EntityManager,
  taken: FeeScheduleEntity,
  fields: Omit<FeeScheduleEntity, 'id' | 'createdAt' | 'council' | 'round' | 'lines'>,
  amounts: Array<{ municipalityNumber: string; amountOre: bigint }>,
): Promise<FeeScheduleEntity> {
  await manager.getRepository(FeeScheduleLineEntity).delete({ feeScheduleId: taken.id });
  await manager.getRepository(FeeScheduleEntity).update({ id: taken.id }, fields);
  await manager.getRepository(FeeScheduleLineEntity).insert(amounts.map((line) => ({ ...line, feeScheduleId: taken.id })));
  return { ...taken, ...fields };
}

function supersededRecord(taken: FeeScheduleEntity): Record<string, unknown> {
  return {
    source: taken.source,
    roundId: taken.roundId,
    reason: taken.reason,
    inForceFrom: taken.inForceFrom,
    fees: (taken.lines ?? [])
      .map((line) => ({ municipalityNumber: line.municipalityNumber, amount: Money.fromOre(line.amountOre).toNok() }))
      .sort((a, b) => a.municipalityNumber.localeCompare(b.municipalityNumber)),
  };
}
