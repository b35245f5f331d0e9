import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  CalendarDate,
  addDays,
  assertCanLeave,
  isMunicipalityNumber,
  parseCalendarDate,
  planMerger,
  todayInOslo,
  withdrawalTakesEffect,
} from '@app/domain';
import { Actor } from '@app/identity';
import { CouncilEntity, MembershipEntity, MunicipalityEntity } from '@app/persistence';
import { CouncilAccess } from '../../access/council-access';
import { ApplicationError } from '../../application-error';
import { EventType, appendEvent } from '../../audit/event-log';
import { Clock } from '../../time/clock';
import { lockCouncilForWrite } from '../queries/council-write.lock';
import { registeredMunicipality } from '../queries/municipality-registry';
import { MemberView, WithdrawalRuleView, toMemberView } from '../views/council.view';

/** A notice of withdrawal given by a member's kommunestyre on a day. */
export interface GiveNoticeCommand {
  slug: string;
  municipalityNumber: string;
  noticeGivenOn: string;
  reason?: string;
}

/** A member leaving on a day (its last day as a member), for a reason the secretariat gives. */
export interface LeaveCommand {
  slug: string;
  municipalityNumber: string;
  leftOn: string;
  reason: string;
}

/** A merger: the predecessors end the day before `effectiveFrom`; the successor is a member from that day. */
export interface MergeCommand {
  slug: string;
  predecessors: string[];
  successor: { municipalityNumber: string; name: string };
  effectiveFrom: string;
  /** The successor's seats in representantskapet; the predecessors' together when not given. */
  representatives?: number;
  reason: string;
}

/** What a merger left: the predecessors' memberships as they ended, and the successor's. */
export interface MergerView {
  effectiveFrom: CalendarDate;
  predecessors: MemberView[];
  successor: MemberView;
}

/**
 * Memberships over time, the secretariat's task: a notice of withdrawal (taking effect under the
 * council's own rule), leaving, and mergers. Each in one transaction under the council's write lock,
 * with its event; nothing is deleted, so history reads as it was.
 */
@Injectable()
export class MembershipChangesHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async giveNotice(actor: Actor, command: GiveNoticeCommand): Promise<MemberView> {
    return this.inCouncil(actor, command.slug, 'record a notice of withdrawal', async (manager, council, today) => {
      const noticeGivenOn = parseCalendarDate(command.noticeGivenOn, 'noticeGivenOn');
      if (noticeGivenOn > today) {
        throw ApplicationError.invalid('MEMBERSHIP.NOTICE_IN_FUTURE', `A notice is recorded once given; ${noticeGivenOn} is after today (${today}).`, {
          field: 'noticeGivenOn',
        });
      }
      const membership = await this.ongoing(manager, council.id, command.municipalityNumber, noticeGivenOn);
      const rule = withdrawalRuleOf(council);
      const leftOn = withdrawalTakesEffect(noticeGivenOn, { noticeMonths: rule.noticeMonths, atYearEnd: rule.atYearEnd });
      assertCanLeave(membership, leftOn, 'noticeGivenOn');
      const before = await this.viewOf(manager, membership);
      Object.assign(membership, { leftOn, ending: 'withdrawal', noticeGivenOn, endReason: command.reason?.trim() || null, succeededBy: null });
      const after = await this.save(manager, membership);
      await this.record(manager, actor, council, 'member.withdrawal_noticed', { municipalityNumber: after.municipalityNumber, rule, before, after });
      return after;
    });
  }

  async leave(actor: Actor, command: LeaveCommand): Promise<MemberView> {
    return this.inCouncil(actor, command.slug, 'record that a member leaves', async (manager, council) => {
      const leftOn = parseCalendarDate(command.leftOn, 'leftOn');
      const membership = await this.ongoing(manager, council.id, command.municipalityNumber, leftOn);
      assertCanLeave(membership, leftOn);
      const before = await this.viewOf(manager, membership);
      Object.assign(membership, { leftOn, ending: 'left', endReason: command.reason.trim(), succeededBy: null });
      const after = await this.save(manager, membership);
      await this.record(manager, actor, council, 'member.left', { municipalityNumber: after.municipalityNumber, reason: command.reason.trim(), before, after });
      return after;
    });
  }

  async merge(actor: Actor, command: MergeCommand): Promise<MergerView> {
    return this.inCouncil(actor, command.slug, 'record a merger', async (manager, council) => {
      const effectiveFrom = parseCalendarDate(command.effectiveFrom, 'effectiveFrom');
      const successorNumber = command.successor.municipalityNumber;
      for (const [field, number] of [...command.predecessors.map((n, i) => [`predecessors[${i}]`, n]), ['successor.municipalityNumber', successorNumber]]) {
        if (!isMunicipalityNumber(number)) {
          throw ApplicationError.invalid('MEMBER.INVALID_NUMBER', `"${number}" is not a kommunenummer (four digits).`, { field });
        }
      }
      const endOn = addDays(effectiveFrom, -1);
      const memberships = await Promise.all(command.predecessors.map((number) => this.ongoing(manager, council.id, number, endOn, 'predecessors')));
      const plan = planMerger({ predecessors: memberships, successor: successorNumber, effectiveFrom });
      const { municipality: successor } = await registeredMunicipality(manager, actor, { number: successorNumber, name: command.successor.name }, 'successor.name');
      const before = await Promise.all(memberships.map((m) => this.viewOf(manager, m)));

      const predecessors: MemberView[] = [];
      for (const membership of memberships) {
        if (membership.municipalityNumber === successorNumber) continue;
        assertCanLeave(membership, plan.endOn, 'effectiveFrom');
        Object.assign(membership, { leftOn: plan.endOn, ending: 'merger', succeededBy: successorNumber, endReason: command.reason.trim(), noticeGivenOn: null });
        predecessors.push(await this.save(manager, membership));
        await this.cease(manager, membership.municipalityNumber, plan.endOn, successorNumber);
      }
      let successorMembership: MembershipEntity;
      if (plan.successorContinues) {
        successorMembership = memberships.find((m) => m.municipalityNumber === successorNumber)!;
        if (command.representatives !== undefined) successorMembership.representatives = command.representatives;
      } else {
        const existing = await manager
          .getRepository(MembershipEntity)
          .createQueryBuilder('m')
          .where('m.council_id = :councilId AND m.municipality_number = :number AND (m.left_on IS NULL OR m.left_on >= :effectiveFrom)', {
            councilId: council.id,
            number: successorNumber,
            effectiveFrom,
          })
          .getOne();
        if (existing) {
          throw ApplicationError.conflict(
            'MEMBERSHIP.SUCCESSOR_ALREADY_MEMBER',
            `${successor.name} (${successorNumber}) is already a member from ${existing.joinedOn}; name it among the predecessors if it absorbs the others.`,
            { field: 'successor.municipalityNumber' },
          );
        }
        successorMembership = manager.getRepository(MembershipEntity).create({
          councilId: council.id,
          municipalityNumber: successorNumber,
          joinedOn: plan.successorJoinsOn,
          leftOn: null,
          ending: null,
          noticeGivenOn: null,
          succeededBy: null,
          endReason: null,
          representatives: command.representatives ?? memberships.reduce((sum, m) => sum + m.representatives, 0),
        });
      }
      const successorView = await this.save(manager, successorMembership);
      const view: MergerView = { effectiveFrom, predecessors, successor: successorView };
      await this.record(manager, actor, council, 'member.merged', { reason: command.reason.trim(), before, after: view });
      return view;
    });
  }

  /** The agreement's rule for withdrawing, as the council's secretariat records it; notices given later follow it. */
  async setWithdrawalRule(actor: Actor, slug: string, rule: WithdrawalRuleView): Promise<WithdrawalRuleView> {
    return this.inCouncil(actor, slug, 'record the withdrawal rule', async (manager, council) => {
      withdrawalTakesEffect('2000-01-01', rule); // validates the rule
      const before = withdrawalRuleOf(council);
      await manager.getRepository(CouncilEntity).update({ id: council.id }, { withdrawalNoticeMonths: rule.noticeMonths, withdrawalAtYearEnd: rule.atYearEnd });
      const after = { noticeMonths: rule.noticeMonths, atYearEnd: rule.atYearEnd };
      await this.record(manager, actor, council, 'council.withdrawal_rule_set', { before, after });
      return after;
    });
  }

  private async inCouncil<T>(
    actor: Actor,
    slug: string,
    what: string,
    work: (manager: EntityManager, council: CouncilEntity, today: CalendarDate) => Promise<T>,
  ): Promise<T> {
    const today = todayInOslo(this.clock.now());
    return this.dataSource.transaction(async (manager) => {
      const access = await CouncilAccess.load(manager, actor, slug, today);
      access.requireSecretariat(what);
      await lockCouncilForWrite(manager, access.council.id);
      return work(manager, access.council, today);
    });
  }

  /** The membership covering a day that the change is about; 404 (or 409 for a predecessor) when there is none. */
  private async ongoing(manager: EntityManager, councilId: string, number: string, on: CalendarDate, field?: string): Promise<MembershipEntity> {
    const membership = await manager
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .where('m.council_id = :councilId AND m.municipality_number = :number AND m.joined_on <= :on', { councilId, number, on })
      .orderBy('m.joined_on', 'DESC')
      .getOne();
    if (!membership || (membership.leftOn !== null && membership.leftOn < on)) {
      const message = membership
        ? `${number}'s membership ended on ${membership.leftOn}.`
        : `${number} is not a member of this council on ${on}.`;
      if (field) throw ApplicationError.conflict('MEMBERSHIP.NOT_A_MEMBER', message, { field, municipalityNumber: number });
      throw ApplicationError.notFound('MEMBER.NOT_FOUND', message, { municipalityNumber: number });
    }
    return membership;
  }

  // The municipality itself ceased: recorded once for every council it was in, and the same in each.
  private async cease(manager: EntityManager, number: string, ceasedOn: CalendarDate, successor: string): Promise<void> {
    const repository = manager.getRepository(MunicipalityEntity);
    const municipality = await repository.findOneByOrFail({ number });
    if (municipality.ceasedOn === null) {
      await repository.update({ number }, { ceasedOn, succeededBy: successor });
    } else if (municipality.ceasedOn !== ceasedOn || municipality.succeededBy !== successor) {
      throw ApplicationError.conflict(
        'MUNICIPALITY.ALREADY_MERGED',
        `${municipality.name} (${number}) is recorded as merged into ${municipality.succeededBy} after ${municipality.ceasedOn}; a merger is the same in every council.`,
        { field: 'predecessors', municipalityNumber: number, ceasedOn: municipality.ceasedOn, succeededBy: municipality.succeededBy },
      );
    }
  }

  private async save(manager: EntityManager, membership: MembershipEntity): Promise<MemberView> {
    const saved = await manager.getRepository(MembershipEntity).save(membership);
    return this.viewOf(manager, saved);
  }

  private async viewOf(manager: EntityManager, membership: MembershipEntity): Promise<MemberView> {
    const municipality = await manager.getRepository(MunicipalityEntity).findOneByOrFail({ number: membership.municipalityNumber });
    return toMemberView(membership, municipality);
  }

  private async record(manager: EntityManager, actor: Actor, council: CouncilEntity, type: EventType, data: Record<string, unknown>): Promise<void> {
    await appendEvent(manager, { type, actor: actor.subject, councilId: council.id, at: this.clock.now(), data });
  }
}

/** The council's withdrawal rule as the API shows it. */
export function withdrawalRuleOf(council: Pick<CouncilEntity, 'withdrawalNoticeMonths' | 'withdrawalAtYearEnd'>): WithdrawalRuleView {
  return { noticeMonths: council.withdrawalNoticeMonths, atYearEnd: council.withdrawalAtYearEnd };
}
