import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_REMINDER_DAYS_BEFORE,
  DomainError,
  Money,
  UNANIMITY,
  assertCompleteMinimumContent,
  launchRound,
  parseCalendarDate,
  planReminders,
  todayInOslo,
} from '@app/domain';
import { Actor } from '@app/identity';
import {
  AgreementEntity,
  AgreementVersionEntity,
  FeeScheduleEntity,
  MembershipEntity,
  RoundAllocationLineEntity,
  RoundEntity,
  RoundMemberEntity,
} from '@app/persistence';
import { CouncilAccess } from '../../access/council-access';
import { ApplicationError } from '../../application-error';
import { appendEvent } from '../../audit/event-log';
import { allocateByCostKey } from '../../councils/preview-allocation/allocate-by-cost-key';
import { lockCouncilForWrite } from '../../councils/queries/council-write.lock';
import { MEMBER_ON } from '../../councils/queries/membership-dates';
import { openRoundJobs } from '../../jobs/round-schedule';
import { enqueueJobs } from '../../outbox/outbox';
import { Clock } from '../../time/clock';
import { RoundView, loadRoundView } from '../round.view';
import { launchDecisionRule } from './launch-decision-rule';

/** What the secretariat sends out for approval. */
export type LaunchSubject =
  | { type: 'agreement'; versionId: string }
  | { type: 'fees'; total: string; costKey: string; effectiveFrom: string; roundTo?: 'ore' | 'krone' };

export interface LaunchRoundCommand {
  councilSlug: string;
  subject: LaunchSubject;
  /** `{ kind: 'unanimity' }` when not given; a qualified majority only where the subject allows it. */
  decisionRule?: Record<string, unknown>;
  deadline: string;
  reminderDaysBefore?: number[];
  title?: string;
  expiresAutomatically?: boolean;
  /** Shown on the council's public status page. */
  isPublic?: boolean;
}

/**
 * Launches an approval round: checks the subject (§ 18-4 for an agreement, a key covering the
 * members for fees), freezes the electorate and the allocation, and writes it all with its event
 * in one transaction.
 */
@Injectable()
export class LaunchRoundHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, command: LaunchRoundCommand): Promise<RoundView> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const access = await CouncilAccess.load(manager, actor, command.councilSlug, todayInOslo(now));
      access.requireSecretariat('launch approval rounds');
      const council = access.council;

      const memberships = await manager
        .getRepository(MembershipEntity)
        .createQueryBuilder('m')
        .innerJoinAndSelect('m.municipality', 'municipality')
        // The members on the day of the launch: not those yet to join, nor those whose membership has ended.
        .where(`m.council_id = :id AND ${MEMBER_ON('m', ':today')}`, { id: council.id, today: todayInOslo(now) })
        .orderBy('m.municipality_number')
        .getMany();
      const electorate = memberships.map((m) => m.municipalityNumber);
      const state = launchRound({ deadline: command.deadline, electorate, now, expiresAutomatically: command.expiresAutomatically });
      const reminderDaysBefore = [...new Set(command.reminderDaysBefore ?? DEFAULT_REMINDER_DAYS_BEFORE)].sort((a, b) => b - a);
      planReminders(state.deadline, { daysBefore: reminderDaysBefore }); // validates the plan

      const round = manager.getRepository(RoundEntity).create({
        councilId: council.id,
        decisionRule: UNANIMITY,
        deadline: state.deadline,
        reminderDaysBefore,
        expiresAutomatically: state.expiresAutomatically,
        isPublic: command.isPublic ?? false,
        status: 'open',
        launchedBy: actor.subject,
        launchedAt: now,
        agreementVersionId: null,
        feeTotalOre: null,
        costKey: null,
        feeEffectiveFrom: null,
        roundTo: null,
      });
      let allocation: RoundAllocationLineEntity[] = [];
      let subjectData: Record<string, unknown>;
      let decided: ReturnType<typeof launchDecisionRule>;
      if (command.subject.type === 'agreement') {
        const version = await this.agreementVersion(manager, council.id, command.subject.versionId);
        round.subjectType = 'agreement';
        round.agreementVersionId = version.id;
        round.title = command.title ?? `Samarbeidsavtale: ${version.title}`;
        subjectData = { type: 'agreement', versionId: version.id, title: version.title, effectiveFrom: version.effectiveFrom };
        decided = launchDecisionRule(command.decisionRule, { type: 'agreement' }, electorate);
      } else {
        const subject = command.subject;
        const total = Money.fromNok(subject.total);
        const effectiveFrom = parseCalendarDate(subject.effectiveFrom, 'subject.effectiveFrom');
        const roundTo = subject.roundTo ?? 'ore';
        await this.refuseSecondScheduleFrom(manager, council.id, effectiveFrom);
        // The same computation as the preview: what the secretariat previewed is what the members vote on.
        const { costKey: key, lines } = await allocateByCostKey(manager, {
          councilId: council.id,
          members: electorate,
          total,
          costKey: subject.costKey,
          roundTo,
          on: todayInOslo(now),
        }).catch((error: unknown) => {
          // The preview's fields are inside `subject` in a launch: name them as the caller wrote them.
          const field = error instanceof ApplicationError || error instanceof DomainError ? error.details?.field : undefined;
          throw field === 'costKey' || field === 'total' ? naming(`subject.${field}`, error) : error;
        });
        const weights: Record<string, string> = key.weights;
        round.subjectType = 'fees';
        round.feeTotalOre = total.ore;
        round.costKey = key.key;
        round.feeEffectiveFrom = effectiveFrom;
        round.roundTo = roundTo;
        round.title = command.title ?? `Medlemsavgift fra ${effectiveFrom}: NOK ${total.toNok()}`;
        allocation = lines.map((line) =>
          manager.getRepository(RoundAllocationLineEntity).create({
            municipalityNumber: line.municipalityNumber,
            weight: weights[line.municipalityNumber],
            currentFeeOre: line.currentFee.ore,
            newFeeOre: line.newFee.ore,
            changeOre: line.change.ore,
          }),
        );
        subjectData = { type: 'fees', total: total.toNok(), costKey: key.key, effectiveFrom, roundTo };
        const raisesAnyFee = lines.some((line) => line.change.ore > 0n);
        decided = launchDecisionRule(command.decisionRule, { type: 'fees', raisesAnyFee, costKey: key.key, weights }, electorate);
      }

      round.decisionRule = decided.rule;
      const saved = await manager.getRepository(RoundEntity).save(round);
      await manager.getRepository(RoundMemberEntity).insert(
        memberships.map((m) => ({
          roundId: saved.id,
          municipalityNumber: m.municipalityNumber,
          name: m.municipality!.name,
          weight: decided.weights?.[m.municipalityNumber] ?? null,
        })),
      );
      if (allocation.length > 0) {
        await manager.getRepository(RoundAllocationLineEntity).insert(allocation.map((line) => ({ ...line, roundId: saved.id })));
      }
      const members = await manager.getRepository(RoundMemberEntity).findBy({ roundId: saved.id });
      await enqueueJobs(manager, openRoundJobs(saved, members, now));
      await appendEvent(manager, {
        type: 'round.launched',
        actor: actor.subject,
        councilId: council.id,
        roundId: saved.id,
        at: now,
        data: {
          after: {
            title: saved.title,
            subject: subjectData,
            deadline: saved.deadline,
            reminderDaysBefore,
            decisionRule: decided.rule,
            electorate,
            allocation: allocation.map((line) => ({
              municipalityNumber: line.municipalityNumber,
              newFee: Money.fromOre(line.newFeeOre).toNok(),
            })),
          },
        },
      });
      return loadRoundView(manager, saved.id, now);
    });
  }

  private async agreementVersion(manager: EntityManager, councilId: string, versionId: string): Promise<AgreementVersionEntity> {
    const version = await manager
      .getRepository(AgreementVersionEntity)
      .createQueryBuilder('v')
      .innerJoin(AgreementEntity, 'a', 'a.id = v.agreement_id')
      .where('a.council_id = :councilId AND v.id = :versionId', { councilId, versionId })
      .getOne();
    if (!version) {
      throw ApplicationError.invalid('AGREEMENT_VERSION.NOT_FOUND', `The council has no agreement version ${versionId}.`, {
        field: 'subject.versionId',
      });
    }
    try {
      assertCompleteMinimumContent(version.minimumContent);
    } catch (error) {
      throw naming('subject.versionId', error);
    }
    if (version.inForceFrom) {
      throw ApplicationError.conflict('AGREEMENT_VERSION.ALREADY_ADOPTED', `The version "${version.title}" is already adopted.`, {
        field: 'subject.versionId',
      });
    }
    const open = await manager.getRepository(RoundEntity).findOneBy({ agreementVersionId: version.id, status: 'open' });
    if (open) {
      throw ApplicationError.conflict('ROUND.ALREADY_OPEN_FOR_SUBJECT', `The version "${version.title}" is already out for approval in round ${open.id}.`, {
        roundId: open.id,
      });
    }
    return version;
  }

  // A council has one fee schedule per effective date; two could not both come into force. The
  // council's write lock orders this check with the recording of onboarding schedules, so neither
  // can slip in beside the other.
  private async refuseSecondScheduleFrom(manager: EntityManager, councilId: string, effectiveFrom: string): Promise<void> {
    await lockCouncilForWrite(manager, councilId);
    const schedule = await manager.getRepository(FeeScheduleEntity).findOne({ where: { councilId, effectiveFrom }, relations: { round: true } });
    if (schedule) {
      const round = schedule.round;
      throw ApplicationError.conflict(
        'FEES.EFFECTIVE_DATE_TAKEN',
        `A fee schedule from ${effectiveFrom} is already recorded` +
          (round ? ` (approved in round "${round.title}", ${round.id})` : ' (at onboarding)') +
          '; choose another effective date.',
        { field: 'subject.effectiveFrom', feeScheduleId: schedule.id, source: schedule.source, ...(round ? { roundId: round.id, title: round.title } : {}) },
      );
    }
    const open = await manager.getRepository(RoundEntity).findOneBy({ councilId, feeEffectiveFrom: effectiveFrom, status: 'open' });
    if (open) {
      throw ApplicationError.conflict('FEES.EFFECTIVE_DATE_TAKEN', `Round "${open.title}" (${open.id}) already proposes fees from ${effectiveFrom}.`, {
        field: 'subject.effectiveFrom',
        roundId: open.id,
        title: open.title,
      });
    }
  }
}

/** The same refusal, naming the field of the launch request that is at fault. */
function naming(field: string, error: unknown): unknown {
  if (error instanceof DomainError) return new DomainError(error.code, error.message, { ...error.details, field });
  if (error instanceof ApplicationError) return new ApplicationError(error.kind, error.code, error.message, { ...error.details, field });
  return error;
}
