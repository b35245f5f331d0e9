import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ElectorateAmendment, StandingOn, amendElectorate, isMemberOn, todayInOslo } from '@app/domain';
import { Actor } from '@app/identity';
import {
  MemberDecisionRevisionEntity,
  MembershipEntity,
  MunicipalityEntity,
  RoundAllocationLineEntity,
  RoundElectorateChangeEntity,
  RoundEntity,
  RoundMemberEntity,
} from '@app/persistence';
import { ApplicationError } from '../../application-error';
import { appendEvent } from '../../audit/event-log';
import { memberReminderJobIds, memberReminderJobs } from '../../jobs/round-schedule';
import { cancelJobs, enqueueJobs } from '../../outbox/outbox';
import { Clock } from '../../time/clock';
import { RoundAccess } from '../round-access';
import { RoundView, loadRoundView } from '../round.view';
import { outcomeOf, settleRound } from '../settle-round';

/**
 * Brings an open round's electorate up to date after members left or merged, with the secretariat's
 * reason, in one transaction under the round's lock: who left is taken out (its decision kept in the
 * record), a successor takes its predecessors' place (adopted when every predecessor had adopted,
 * otherwise it decides anew), a fee round's shares of merged members go to their successor. The round
 * then settles on the amended electorate if its outcome is now certain, exactly once, with an event
 * that says why.
 */
@Injectable()
export class AmendElectorateHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, roundId: string, reason: string): Promise<RoundView> {
    const now = this.clock.now();
    const today = todayInOslo(now);
    return this.dataSource.transaction(async (manager) => {
      const access = await RoundAccess.load(manager, actor, roundId, { lock: true });
      access.requireSecretariat('amend the electorate of a round');
      const round = access.round;
      if (round.status !== 'open') {
        throw ApplicationError.conflict('ROUND.NOT_OPEN', `The round is ${round.status}; only an open round's electorate can be amended.`, { status: round.status });
      }
      const members = await manager.getRepository(RoundMemberEntity).find({ where: { roundId: round.id }, order: { municipalityNumber: 'ASC' } });
      const standing = await standingOn(manager, round.councilId, members, today);
      const amendment = amendElectorate(members, (number) => standing.get(number) ?? { kind: 'left' });
      if (round.subjectType === 'fees' && amendment.removed.some((r) => r.successor === null)) {
        const left = amendment.removed.filter((r) => r.successor === null).map((r) => r.municipalityNumber);
        throw ApplicationError.conflict(
          'ROUND.ELECTORATE_CHANGES_FEES',
          `${left.join(', ')} left the council: its share of the fees has nobody to go to. Withdraw this round and launch it again with the cost key updated.`,
          { municipalityNumbers: left },
        );
      }
      const names = await namesOf(manager, amendment);
      const byNumber = new Map(members.map((m) => [m.municipalityNumber, m]));
      const change = (municipalityNumber: string, kind: RoundElectorateChangeEntity['change'], status: string, successor: string | null) => ({
        roundId: round.id,
        municipalityNumber,
        name: byNumber.get(municipalityNumber)?.name ?? names.get(municipalityNumber) ?? municipalityNumber,
        change: kind,
        status,
        successor,
        reason,
        amendedBy: actor.subject,
        amendedAt: now,
      });
      const changes = [
        ...amendment.removed.map((r) => change(r.municipalityNumber, 'removed', r.status, r.successor)),
        ...amendment.added.map((a) => change(a.municipalityNumber, 'added', a.status, null)),
        ...amendment.decidesAnew.map((n) => change(n, 'decides_anew', byNumber.get(n)!.status, null)),
      ];
      // The change is recorded before the member row goes: the electorate's guard lets a member leave only so.
      await manager.getRepository(RoundElectorateChangeEntity).insert(changes);

      const removed = amendment.removed.map((r) => byNumber.get(r.municipalityNumber)!);
      await cancelJobs(manager, removed.flatMap((member) => memberReminderJobIds(round, member)), now);
      await manager.getRepository(RoundMemberEntity).delete({ roundId: round.id, municipalityNumber: In(removed.map((m) => m.municipalityNumber)) });

      const remaining = members.filter((m) => !removed.includes(m));
      for (const number of amendment.decidesAnew) {
        const member = byNumber.get(number)!;
        await cancelJobs(manager, memberReminderJobIds(round, member), now);
        Object.assign(member, {
          status: 'pending',
          meetingDate: null,
          nextMeetingDate: null,
          body: null,
          caseNumber: null,
          protocolRef: null,
          votes: null,
          note: null,
          decidedSequence: null,
          overdue: false,
          revision: member.revision + 1,
          updatedAt: now,
        });
        await this.revise(manager, actor, round, member, 'decide_anew', reason, now);
        await manager.getRepository(RoundMemberEntity).save(member);
      }
      for (const [number, weight] of Object.entries(amendment.weights)) {
        const member = byNumber.get(number)!;
        member.weight = weight;
        await manager.getRepository(RoundMemberEntity).update({ roundId: round.id, municipalityNumber: number }, { weight });
      }
      for (const added of amendment.added) {
        const predecessors = added.predecessors.map((n) => byNumber.get(n)!);
        const lastMeeting = predecessors.map((p) => p.meetingDate).filter((d): d is string => d !== null).sort().at(-1) ?? null;
        const member = manager.getRepository(RoundMemberEntity).create({
          roundId: round.id,
          municipalityNumber: added.municipalityNumber,
          name: names.get(added.municipalityNumber) ?? added.municipalityNumber,
          status: added.status,
          revision: 1,
          overdue: false,
          meetingDate: added.status === 'adopted' ? lastMeeting : null,
          nextMeetingDate: null,
          body: null,
          caseNumber: null,
          protocolRef: null,
          votes: null,
          note: added.status === 'adopted' ? `Vedtatt av ${predecessors.map((p) => p.name).join(', ')} før sammenslåingen` : null,
          decidedSequence: null,
          updatedAt: now,
          weight: added.weight,
        });
        await manager.getRepository(RoundMemberEntity).insert(member);
        const sequence = await this.revise(manager, actor, round, member, added.status === 'adopted' ? 'succeed_adopted' : 'succeed', reason, now);
        if (added.status === 'adopted') {
          member.decidedSequence = sequence;
          await manager.getRepository(RoundMemberEntity).update({ roundId: round.id, municipalityNumber: member.municipalityNumber }, { decidedSequence: sequence });
        }
        remaining.push(member);
        if (round.subjectType === 'fees') await mergeAllocation(manager, round.id, added.municipalityNumber, added.predecessors);
      }
      if (round.subjectType === 'fees') {
        for (const [successor, merged] of continuingSuccessors(amendment)) await mergeAllocation(manager, round.id, successor, [successor, ...merged]);
      }
      const reminded = remaining.filter((m) => amendment.decidesAnew.includes(m.municipalityNumber) || amendment.added.some((a) => a.municipalityNumber === m.municipalityNumber));
      await enqueueJobs(manager, reminded.flatMap((m) => memberReminderJobs(round, m, now)));

      const electorate = remaining.map((m) => m.municipalityNumber).sort();
      await appendEvent(manager, {
        type: 'round.electorate_amended',
        actor: actor.subject,
        councilId: round.councilId,
        roundId: round.id,
        at: now,
        data: {
          reason,
          before: { electorate: members.map((m) => m.municipalityNumber) },
          after: { electorate },
          removed: amendment.removed,
          added: amendment.added,
          decidesAnew: amendment.decidesAnew,
        },
      });
      if (outcomeOf(round, remaining)) {
        await settleRound(manager, actor, round, remaining, now, { cause: 'electorate_amended', reason, electorate });
      }
      return loadRoundView(manager, round.id, now);
    });
  }

  private async revise(manager: EntityManager, actor: Actor, round: RoundEntity, member: RoundMemberEntity, transition: string, reason: string, now: Date): Promise<string> {
    const inserted = await manager.getRepository(MemberDecisionRevisionEntity).insert({
      roundId: round.id,
      municipalityNumber: member.municipalityNumber,
      revision: member.revision,
      status: member.status,
      transition,
      meetingDate: member.meetingDate,
      nextMeetingDate: null,
      body: null,
      caseNumber: null,
      protocolRef: null,
      votes: null,
      note: member.note,
      reason,
      registeredBy: actor.subject,
      registeredAt: now,
    });
    return String((inserted.generatedMaps[0] as { sequence: string }).sequence);
  }
}

/** Where each member of the round stands in the council today: a member, gone, or merged into a successor. */
async function standingOn(manager: EntityManager, councilId: string, members: readonly RoundMemberEntity[], today: string): Promise<Map<string, StandingOn>> {
  const memberships = await manager.getRepository(MembershipEntity).find({
    where: { councilId, municipalityNumber: In(members.map((m) => m.municipalityNumber)) },
    order: { joinedOn: 'ASC' },
  });
  const standing = new Map<string, StandingOn>();
  for (const membership of memberships) {
    const number = membership.municipalityNumber;
    if (standing.get(number)?.kind === 'member') continue;
    if (isMemberOn(membership, today)) standing.set(number, { kind: 'member' });
    else if (membership.leftOn !== null && membership.leftOn < today) {
      standing.set(number, membership.ending === 'merger' && membership.succeededBy ? { kind: 'merged', successor: membership.succeededBy } : { kind: 'left' });
    } else standing.set(number, { kind: 'member' }); // joins again later, or a future start: the launch already counted it
  }
  return standing;
}

async function namesOf(manager: EntityManager, amendment: ElectorateAmendment): Promise<Map<string, string>> {
  const numbers = amendment.added.map((a) => a.municipalityNumber);
  if (numbers.length === 0) return new Map();
  const rows = await manager.getRepository(MunicipalityEntity).findBy({ number: In(numbers) });
  return new Map(rows.map((row) => [row.number, row.name]));
}

/** Successors that kept their number, with the predecessors that merged into them. */
function continuingSuccessors(amendment: ElectorateAmendment): Map<string, string[]> {
  const added = new Set(amendment.added.map((a) => a.municipalityNumber));
  const bySuccessor = new Map<string, string[]>();
  for (const removed of amendment.removed) {
    if (removed.successor === null || added.has(removed.successor)) continue;
    bySuccessor.set(removed.successor, [...(bySuccessor.get(removed.successor) ?? []), removed.municipalityNumber]);
  }
  return bySuccessor;
}

/** A fee round's shares of the predecessors become the successor's: the total the members vote on stays the same. */
async function mergeAllocation(manager: EntityManager, roundId: string, successor: string, predecessors: readonly string[]): Promise<void> {
  const repository = manager.getRepository(RoundAllocationLineEntity);
  const lines = await repository.findBy({ roundId, municipalityNumber: In([...predecessors]) });
  if (lines.length === 0) return;
  const sum = (pick: (line: RoundAllocationLineEntity) => bigint) => lines.reduce((total, line) => total + pick(line), 0n);
  await repository.delete({ roundId, municipalityNumber: In(lines.map((line) => line.municipalityNumber)) });
  await manager.query(
    `INSERT INTO round_allocation_line (round_id, municipality_number, weight, current_fee_ore, new_fee_ore, change_ore)
     VALUES ($1, $2, (SELECT sum(w) FROM unnest($3::numeric[]) w), $4, $5, $6)`,
    [roundId, successor, lines.map((line) => line.weight), sum((l) => BigInt(l.currentFeeOre)).toString(), sum((l) => BigInt(l.newFeeOre)).toString(), sum((l) => BigInt(l.changeOre)).toString()],
  );
}
