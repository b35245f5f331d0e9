import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { daysBetween, isPastDeadline, isUndecided, todayInOslo, transitionRound } from '@app/domain';
import { JobPayloads, JobResult, jobIds } from '@app/jobs';
import { CouncilEntity, RoundEntity, RoundMemberEntity, RoundOutcomeEntity } from '@app/persistence';
import { appendEvent } from '../audit/event-log';
import { NoticeContent, NoticeRequest } from '../notices/notice';
import { Notifier } from '../notices/notifier';
import { Recipient, clerksOf, staffOf } from '../notices/recipients';
import { cancelJobs } from '../outbox/outbox';
import { Clock } from '../time/clock';
import { memberReminderDates } from './round-schedule';

/**
 * What happens to a round because time passed: reminders, overdue and escalation at the
 * deadline, the notices of the outcome and of coming into force. Every handler reloads the state
 * and does nothing when there is nothing to do, so a job that runs twice, late or after a
 * restart does no harm; the notices' unique keys make sure nobody is told twice.
 */
@Injectable()
export class RoundJobsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
  ) {}

  /** Reminds the clerks of a member that has not decided; a reminder superseded by a later due one is skipped. */
  async reminder({ roundId, municipalityNumber, date }: JobPayloads['round.reminder']): Promise<JobResult> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const round = await manager.getRepository(RoundEntity).findOneBy({ id: roundId });
      const member = await manager.getRepository(RoundMemberEntity).findOneBy({ roundId, municipalityNumber });
      if (!round || !member || round.status !== 'open' || !isUndecided(member.status)) return 'skipped';
      const today = todayInOslo(now);
      const planned = memberReminderDates(round, member);
      // Reminders missed while the system was down are caught up once, on the latest day due.
      const latestDue = planned.filter((day) => day <= today).pop();
      if (!planned.includes(date) || (latestDue !== undefined && latestDue !== date)) return 'skipped';
      const council = await manager.getRepository(CouncilEntity).findOneByOrFail({ id: round.councilId });
      const content: NoticeContent = {
        kind: 'reminder',
        roundTitle: round.title,
        councilName: council.name,
        municipalityName: member.name,
        deadline: round.deadline,
        daysLeft: daysBetween(today, round.deadline),
      };
      const requests = (await clerksOf(manager, municipalityNumber)).map((clerk) =>
        notice(`reminder/${roundId}/${municipalityNumber}/${date}/${clerk.userId}`, clerk, round, content),
      );
      return (await this.notifier.notify(manager, requests)).length > 0 ? 'done' : 'skipped';
    });
  }

  /**
   * At the deadline: the undecided members are overdue (marked once), their clerks are told, and
   * the secretariat and the leaders get an escalation naming them; a round launched with an
   * expiry closes.
   */
  async deadline({ roundId, deadline }: JobPayloads['round.deadline']): Promise<JobResult> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const round = await manager.getRepository(RoundEntity).createQueryBuilder('r').setLock('pessimistic_write').where('r.id = :roundId', { roundId }).getOne();
      if (!round || round.status !== 'open' || round.deadline !== deadline || !isPastDeadline(deadline, now)) return 'skipped';
      const members = await manager.getRepository(RoundMemberEntity).find({ where: { roundId }, order: { municipalityNumber: 'ASC' } });
      const overdue = members.filter((member) => isUndecided(member.status));
      const newlyOverdue = overdue.filter((member) => !member.overdue);
      if (newlyOverdue.length > 0) {
        await manager
          .getRepository(RoundMemberEntity)
          .createQueryBuilder()
          .update()
          .set({ overdue: true })
          .where('round_id = :roundId AND municipality_number IN (:...numbers)', { roundId, numbers: newlyOverdue.map((m) => m.municipalityNumber) })
          .execute();
        await appendEvent(manager, {
          type: 'round.overdue',
          actor: 'system',
          councilId: round.councilId,
          roundId,
          at: now,
          data: { deadline, overdue: newlyOverdue.map((m) => m.municipalityNumber) },
        });
      }
      const council = await manager.getRepository(CouncilEntity).findOneByOrFail({ id: round.councilId });
      const requests: NoticeRequest[] = [];
      for (const member of overdue) {
        const content: NoticeContent = { kind: 'overdue', roundTitle: round.title, councilName: council.name, municipalityName: member.name, deadline };
        for (const clerk of await clerksOf(manager, member.municipalityNumber)) {
          requests.push(notice(`overdue/${roundId}/${member.municipalityNumber}/${deadline}/${clerk.userId}`, clerk, round, content));
        }
      }
      if (overdue.length > 0) {
        const content: NoticeContent = {
          kind: 'escalation',
          roundTitle: round.title,
          councilName: council.name,
          deadline,
          overdueMembers: overdue.map((m) => `${m.name} (${m.municipalityNumber})`),
        };
        for (const person of await staffOf(manager, round.councilId)) {
          requests.push(notice(`escalation/${roundId}/${deadline}/${person.userId}`, person, round, content));
        }
      }
      await this.notifier.notify(manager, requests);
      if (round.expiresAutomatically) await this.expire(manager, round, members, now);
      return newlyOverdue.length > 0 || round.expiresAutomatically ? 'done' : 'skipped';
    });
  }

  /** Tells the secretariat and the leaders how the round ended; on a veto, every clerk of the round too. */
  async settled({ roundId }: JobPayloads['round.settled']): Promise<JobResult> {
    return this.dataSource.transaction(async (manager) => {
      const round = await manager.getRepository(RoundEntity).findOneBy({ id: roundId });
      const outcome = await manager.getRepository(RoundOutcomeEntity).findOneBy({ roundId });
      if (!round || !outcome) return 'skipped';
      const council = await manager.getRepository(CouncilEntity).findOneByOrFail({ id: round.councilId });
      const members = await manager.getRepository(RoundMemberEntity).find({ where: { roundId }, order: { municipalityNumber: 'ASC' } });
      const decisive = members.find((m) => m.municipalityNumber === outcome.decisiveMunicipalityNumber);
      const requests: NoticeRequest[] = [];
      const settled: NoticeContent = {
        kind: 'settled',
        roundTitle: round.title,
        councilName: council.name,
        outcome: outcome.status,
        decisiveMunicipalityName: decisive?.name ?? outcome.decisiveMunicipalityNumber,
      };
      for (const person of await staffOf(manager, round.councilId)) requests.push(notice(`settled/${roundId}/${person.userId}`, person, round, settled));
      if (outcome.status === 'rejected') {
        const veto: NoticeContent = { kind: 'veto', roundTitle: round.title, councilName: council.name, vetoMunicipalityName: settled.decisiveMunicipalityName };
        for (const member of members) {
          for (const clerk of await clerksOf(manager, member.municipalityNumber)) requests.push(notice(`veto/${roundId}/${clerk.userId}`, clerk, round, veto));
        }
      }
      return (await this.notifier.notify(manager, requests)).length > 0 ? 'done' : 'skipped';
    });
  }

  /** On the day an approved subject comes into force, the council's people are told. */
  async inForce({ roundId }: JobPayloads['round.in-force']): Promise<JobResult> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const round = await manager.getRepository(RoundEntity).findOneBy({ id: roundId });
      if (!round || round.status !== 'approved') return 'skipped';
      const inForceFrom = await inForceDate(manager, round);
      if (!inForceFrom || inForceFrom > todayInOslo(now)) return 'skipped';
      const council = await manager.getRepository(CouncilEntity).findOneByOrFail({ id: round.councilId });
      const content: NoticeContent = { kind: 'in_force', roundTitle: round.title, councilName: council.name, inForceFrom };
      const members = await manager.getRepository(RoundMemberEntity).findBy({ roundId });
      const people: Recipient[] = [...(await staffOf(manager, round.councilId))];
      for (const member of members) people.push(...(await clerksOf(manager, member.municipalityNumber)));
      const unique = [...new Map(people.map((person) => [person.userId, person])).values()];
      const created = await this.notifier.notify(manager, unique.map((person) => notice(`in-force/${roundId}/${person.userId}`, person, round, content)));
      return created.length > 0 ? 'done' : 'skipped';
    });
  }

  private async expire(manager: EntityManager, round: RoundEntity, members: RoundMemberEntity[], now: Date): Promise<void> {
    const change = transitionRound(
      { status: round.status, deadline: round.deadline, expiresAutomatically: round.expiresAutomatically },
      { type: 'expire', by: 'automatic' },
      { now },
    );
    await manager.getRepository(RoundEntity).update({ id: round.id }, { status: change.state.status, closedAt: now, statusReason: 'Fristen gikk ut' });
    await appendEvent(manager, {
      type: 'round.expired',
      actor: 'system',
      councilId: round.councilId,
      roundId: round.id,
      at: now,
      data: { before: { status: 'open' }, after: { status: 'expired' }, by: 'automatic' },
    });
    const reminders = members.flatMap((member) =>
      memberReminderDates(round, member).map((date) => jobIds.reminder({ roundId: round.id, municipalityNumber: member.municipalityNumber, date })),
    );
    await cancelJobs(manager, reminders, now);
  }
}

/** The day an approved round's subject came (or comes) into force. */
export async function inForceDate(manager: EntityManager, round: RoundEntity): Promise<string | null> {
  const [row] = await manager.query(
    round.subjectType === 'fees'
      ? `SELECT in_force_from::text AS date FROM fee_schedule WHERE round_id = $1`
      : `SELECT in_force_from::text AS date FROM agreement_version WHERE id = $1`,
    [round.subjectType === 'fees' ? round.id : round.agreementVersionId],
  );
  return row?.date ?? null;
}

function notice(key: string, recipient: Recipient, round: RoundEntity, content: NoticeContent): NoticeRequest {
  return {
    key,
    userId: recipient.userId,
    municipalityNumber: recipient.municipalityNumber,
    councilId: round.councilId,
    roundId: round.id,
    content,
    link: `/app/rounds/${round.id}`,
  };
}
