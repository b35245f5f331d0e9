import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RoundCommand, daysBetween, isUndecided, todayInOslo, transitionRound } from '@app/domain';
import { Actor } from '@app/identity';
import { CouncilEntity, RoundEntity, RoundMemberEntity } from '@app/persistence';
import { appendEvent } from '../../audit/event-log';
import { noticeTopics } from '../../jobs/notice-topics';
import { openRoundJobIds, openRoundJobs } from '../../jobs/round-schedule';
import { noticesToClerks } from '../../notices/clerk-notices';
import { NoticeContent } from '../../notices/notice';
import { Notifier } from '../../notices/notifier';
import { clerksOfEach } from '../../notices/recipients';
import { cancelJobs, enqueueJobs } from '../../outbox/outbox';
import { Clock } from '../../time/clock';
import { RoundAccess } from '../round-access';
import { RoundView, loadRoundView } from '../round.view';

/** What the secretariat may do to an open round. */
export type SecretariatRoundCommand =
  | { type: 'extend'; deadline: string; reason: string }
  | { type: 'withdraw'; reason: string }
  | { type: 'expire'; reason?: string };

const WHAT: Record<SecretariatRoundCommand['type'], string> = {
  extend: 'extend the deadline of a round',
  withdraw: 'withdraw a round',
  expire: 'close a round after its deadline',
};

/**
 * Extends, withdraws or closes (expires) a round for the secretariat, with the reason and the
 * state before and after in the audit trail, in one transaction under the round's lock. The
 * clerks of the members still to decide are told, with the reason, in the same transaction.
 */
@Injectable()
export class ChangeRoundHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
  ) {}

  async execute(actor: Actor, roundId: string, command: SecretariatRoundCommand): Promise<RoundView> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const access = await RoundAccess.load(manager, actor, roundId, { lock: true });
      access.requireSecretariat(WHAT[command.type]);
      const round = access.round;
      const domainCommand: RoundCommand = command.type === 'expire' ? { type: 'expire', by: 'secretariat' } : command;
      const change = transitionRound(
        { status: round.status, deadline: round.deadline, expiresAutomatically: round.expiresAutomatically },
        domainCommand,
        { now },
      );
      const before = { status: round.status, deadline: round.deadline };
      const after = { status: change.state.status, deadline: change.state.deadline };
      const closing = change.transition !== 'extend';
      await manager.getRepository(RoundEntity).update(
        { id: round.id },
        {
          status: change.state.status,
          deadline: change.state.deadline,
          statusReason: closing ? (command.reason?.trim() ?? null) : round.statusReason,
          closedAt: closing ? now : null,
        },
      );
      // Every pending reminder and the deadline job follow the new deadline, or go with the round.
      const members = await manager.getRepository(RoundMemberEntity).findBy({ roundId: round.id });
      await cancelJobs(manager, openRoundJobIds(round, members), now);
      if (change.transition === 'extend') {
        // A later deadline means nobody is late any more.
        await manager.getRepository(RoundMemberEntity).update({ roundId: round.id }, { overdue: false });
        const moved = { ...round, deadline: change.state.deadline } as RoundEntity;
        await enqueueJobs(manager, openRoundJobs(moved, members, now));
      }
      await appendEvent(manager, {
        type: change.transition === 'extend' ? 'round.extended' : change.transition === 'withdraw' ? 'round.withdrawn' : 'round.expired',
        actor: actor.subject,
        councilId: round.councilId,
        roundId: round.id,
        at: now,
        data: { before, after, reason: command.reason ?? null },
      });
      const council = await manager.getRepository(CouncilEntity).findOneByOrFail({ id: round.councilId });
      const facts = { roundTitle: round.title, councilName: council.name };
      const reason = command.reason?.trim() || null;
      const today = todayInOslo(now);
      // Those who decided have nothing more to do with the round.
      const undecided = members.filter((member) => isUndecided(member.status));
      await this.notifier.notify(
        manager,
        noticesToClerks(await clerksOfEach(manager, undecided.map((member) => member.municipalityNumber)), round, undecided, (member) => {
          const about = { ...facts, municipalityName: member.name };
          if (command.type === 'extend') {
            const deadline = change.state.deadline;
            const content: NoticeContent = { kind: 'extended', ...about, previousDeadline: round.deadline, deadline, daysLeft: daysBetween(today, deadline), reason: reason ?? '' };
            return [noticeTopics.extended(round.id, member.municipalityNumber, deadline), content];
          }
          if (command.type === 'withdraw') return [noticeTopics.withdrawn(round.id, member.municipalityNumber), { kind: 'withdrawn', ...about, reason: reason ?? '' }];
          return [noticeTopics.expired(round.id, member.municipalityNumber), { kind: 'expired', ...about, deadline: round.deadline, reason }];
        }),
      );
      return loadRoundView(manager, round.id, now);
    });
  }
}

