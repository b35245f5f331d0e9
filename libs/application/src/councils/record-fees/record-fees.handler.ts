import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarDate, Money, parseCalendarDate, todayInOslo } from '@app/domain';
import { Actor } from '@app/identity';
import { FeeScheduleEntity, FeeScheduleLineEntity, RoundEntity } from '@app/persistence';
import { CouncilAccess } from '../../access/council-access';
import { ApplicationError } from '../../application-error';
import { appendEvent } from '../../audit/event-log';
import { Clock } from '../../time/clock';
import { findCurrentMemberNumbers } from '../queries/council-members.query';
import { lockCouncilForWrite } from '../queries/council-write.lock';
import { loadFeeScheduleView } from '../queries/fee-schedule-in-force.query';
import { FeeScheduleView } from '../views/fee-schedule.view';

/** A fee schedule adopted before the council used the product: one amount per current member, and why it is recorded. */
export interface RecordFeesCommand {
  slug: string;
  effectiveFrom: string;
  fees: Array<{ municipalityNumber: string; amount: string }>;
  reason: string;
}

/** The schedule as stored, and whether this call stored it (false: the same schedule was already there). */
export interface RecordFeesResult {
  created: boolean;
  schedule: FeeScheduleView;
}

/**
 * Records the medlemsavgift in force when the council started using the product (onboarding).
 * Schedules are history: the same one again changes nothing, a different one for the same date is refused.
 * New fees are decided in fee rounds, where every member's kommunestyre votes: once the council has
 * launched one, onboarding records only schedules already in force, and never on a date a round proposes.
 */
@Injectable()
export class RecordFeesHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, command: RecordFeesCommand): Promise<RecordFeesResult> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const access = await CouncilAccess.load(manager, actor, command.slug, todayInOslo(now));
      access.requireSecretariat('record fee schedules');
      const effectiveFrom = parseCalendarDate(command.effectiveFrom, 'effectiveFrom');
      const reason = requireReason(command.reason);
      const councilId = access.council.id;
      await lockCouncilForWrite(manager, councilId);
      const amounts = coveringExactly(command.fees, await findCurrentMemberNumbers(manager, councilId, todayInOslo(now)));

      const schedules = manager.getRepository(FeeScheduleEntity);
      const existing = await schedules.findOne({ where: { councilId, effectiveFrom } });
      if (existing) return { created: false, schedule: await this.sameAsStored(manager, existing, amounts) };
      await refuseWhatOnlyARoundDecides(manager, councilId, effectiveFrom, todayInOslo(now));

      const schedule = await schedules.save({
        councilId,
        effectiveFrom,
        inForceFrom: effectiveFrom,
        source: 'onboarding' as const,
        reason,
        roundId: null,
      });
      await manager
        .getRepository(FeeScheduleLineEntity)
        .insert([...amounts].map(([municipalityNumber, amount]) => ({ feeScheduleId: schedule.id, municipalityNumber, amountOre: amount.ore })));
      const view = await loadFeeScheduleView(manager, schedule);
      await appendEvent(manager, {
        type: 'fee_schedule.recorded',
        actor: actor.subject,
        councilId,
        at: now,
        data: { effectiveFrom, inForceFrom: view.inForceFrom, source: 'onboarding', reason, fees: view.fees, total: view.total },
      });
      return { created: true, schedule: view };
    });
  }

  // A retry of the same recording answers as the first did; anything else would rewrite history.
  private async sameAsStored(manager: EntityManager, stored: FeeScheduleEntity, amounts: Map<string, Money>): Promise<FeeScheduleView> {
    const view = await loadFeeScheduleView(manager, stored);
    const same =
      stored.source === 'onboarding' &&
      view.fees.length === amounts.size &&
      view.fees.every((fee) => amounts.get(fee.municipalityNumber)?.equals(Money.fromNok(fee.amount)));
    if (!same) {
      const round = stored.roundId ? await manager.getRepository(RoundEntity).findOneBy({ id: stored.roundId }) : null;
      throw ApplicationError.conflict(
        'FEES.SCHEDULE_EXISTS',
        `A different fee schedule effective from ${stored.effectiveFrom} is already recorded` +
          (round ? ` (approved in round "${round.title}", ${round.id})` : '') +
          '; schedules are history and are not replaced. Later changes go through an approval round.',
        { effectiveFrom: stored.effectiveFrom, source: stored.source, ...(round ? { roundId: round.id, title: round.title } : {}) },
      );
    }
    return view;
  }
}

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw ApplicationError.invalid('FEES.REASON_REQUIRED', 'Say why the schedule is recorded (reason).', { field: 'reason' });
  return trimmed;
}

/** Reads the amounts, one per current member: no one twice, no one left out, no one who is not a member. */
function coveringExactly(fees: RecordFeesCommand['fees'], members: readonly string[]): Map<string, Money> {
  const amounts = new Map<string, Money>();
  const twice = new Set<string>();
  for (const fee of fees) {
    if (amounts.has(fee.municipalityNumber)) twice.add(fee.municipalityNumber);
    amounts.set(fee.municipalityNumber, Money.fromNok(fee.amount));
  }
  const current = new Set(members);
  const refusals: Array<[string, string[], (list: string) => string]> = [
    ['FEES.DUPLICATE_MEMBER', [...twice], (list) => `The schedule lists ${list} more than once; give one amount per member.`],
    [
      'FEES.NOT_A_MEMBER',
      [...amounts.keys()].filter((number) => !current.has(number)),
      (list) => `The schedule has amounts for ${list}, which are not current members; it covers exactly the current members.`,
    ],
    [
      'FEES.MEMBER_MISSING',
      members.filter((number) => !amounts.has(number)),
      (list) => `The schedule has no amount for ${list}; it covers exactly the current members (give "0.00" for one that paid nothing).`,
    ],
  ];
  for (const [code, numbers, message] of refusals) {
    if (numbers.length > 0) throw ApplicationError.invalid(code, message(numbers.join(', ')), { field: 'fees', municipalityNumbers: numbers });
  }
  return amounts;
}

/**
 * The unanimity rule must not be sidestepped: a date an open round proposes is that round's to
 * settle; a schedule approved in a round is not preceded by a later onboarding record; and once the
 * council has launched a fee round, only dates already past (Europe/Oslo) are history to record.
 * A fee round, not an agreement round, ends onboarding: only it says anything about the fees.
 */
async function refuseWhatOnlyARoundDecides(manager: EntityManager, councilId: string, effectiveFrom: CalendarDate, today: CalendarDate): Promise<void> {
  const rounds = manager.getRepository(RoundEntity);
  const proposing = await rounds.findOneBy({ councilId, subjectType: 'fees', feeEffectiveFrom: effectiveFrom, status: 'open' });
  if (proposing) {
    throw ApplicationError.conflict(
      'FEES.DATE_PROPOSED_BY_ROUND',
      `Round "${proposing.title}" (${proposing.id}) is open and proposes fees from ${effectiveFrom}; what is in force from that date ` +
        `is for its members' kommunestyrer to decide. Wait for its outcome, or record the schedule from another date.`,
      { field: 'effectiveFrom', roundId: proposing.id, title: proposing.title },
    );
  }
  await refuseIfRoundsCameFirst(manager, councilId, effectiveFrom);
  if (effectiveFrom < today) return;
  const first = await rounds.findOne({ where: { councilId, subjectType: 'fees' }, order: { launchedAt: 'ASC', id: 'ASC' } });
  if (first) {
    throw ApplicationError.conflict(
      'FEES.CHANGE_NEEDS_ROUND',
      `A schedule from ${effectiveFrom} is not history (today is ${today}), and the council decides its fees in approval rounds ` +
        `since it launched round "${first.title}" (${first.id}); launch a fee round, so that every member's kommunestyre decides.`,
      { field: 'effectiveFrom', roundId: first.id, title: first.title, today },
    );
  }
}

// Onboarding records what was adopted before the product; once a round has set the fees, later ones go through rounds.
async function refuseIfRoundsCameFirst(manager: EntityManager, councilId: string, inForceFrom: string): Promise<void> {
  const fromRound = await manager
    .getRepository(FeeScheduleEntity)
    .createQueryBuilder('s')
    .innerJoinAndSelect('s.round', 'r')
    .where(`s.council_id = :councilId AND s.source = 'round' AND s.in_force_from <= :inForceFrom`, { councilId, inForceFrom })
    .orderBy('s.in_force_from', 'DESC')
    .getOne();
  if (fromRound) {
    const round = fromRound.round!;
    throw ApplicationError.conflict(
      'FEES.AFTER_ROUND',
      `A schedule approved in round "${round.title}" (${round.id}) is in force from ${fromRound.inForceFrom}; a schedule adopted ` +
        `before the council used this system cannot come into force later than that. Launch a fee round instead.`,
      { field: 'effectiveFrom', roundId: round.id, title: round.title },
    );
  }
}
