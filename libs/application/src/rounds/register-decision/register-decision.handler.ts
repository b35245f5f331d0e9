import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  MemberDecisionState,
  Registration,
  RoundOutcome,
  decideOutcome,
  isFinalDecision,
  startOfDayInOslo,
  todayInOslo,
  transitionMemberDecision,
  transitionRound,
} from '@app/domain';
import { Actor } from '@app/identity';
import { JOB_NAMES, jobIds } from '@app/jobs';
import { IdempotencyRecordEntity, MemberDecisionRevisionEntity, RoundEntity, RoundMemberEntity, RoundOutcomeEntity } from '@app/persistence';
import { ApplicationError } from '../../application-error';
import { appendEvent } from '../../audit/event-log';
import { memberReminderJobs, openRoundJobIds } from '../../jobs/round-schedule';
import { OutboxJob, cancelJobs, enqueueJobs } from '../../outbox/outbox';
import { Clock } from '../../time/clock';
import { bringIntoForce } from '../coming-into-force';
import { RoundAccess } from '../round-access';
import { OutcomeView, RoundMemberView, memberEtag, memberView, outcomeView } from '../round.view';

export interface RegisterDecisionCommand {
  roundId: string;
  municipalityNumber: string;
  registration: Registration;
  /** The member decision's ETag the caller last saw; a stale one is refused (412). */
  ifMatch?: string;
  /** A retry with the same key and body gets the first answer again, without a second revision. */
  idempotencyKey?: string;
}

/** The answer to a registration: the member's decision and where the round now stands. */
export interface RegisterDecisionResult {
  status: 200;
  etag: string;
  body: {
    member: RoundMemberView;
    transition: string;
    round: { id: string; status: RoundEntity['status']; outcome: OutcomeView | null };
  };
}

/**
 * Registers what a kommunestyre decided, in one transaction: lock the round, check who may,
 * apply the domain's state machine, keep the revision and the event, settle the round with its
 * decision rule (exactly once: the row lock and the outcome's primary key see to that), and bring
 * an approved subject into force.
 */
@Injectable()
export class RegisterDecisionHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, command: RegisterDecisionCommand): Promise<RegisterDecisionResult> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const access = await RoundAccess.load(manager, actor, command.roundId, { lock: true });
      const requestHash = hashRequest(command);
      if (command.idempotencyKey) {
        const earlier = await manager.getRepository(IdempotencyRecordEntity).findOneBy({ actor: actor.subject, key: command.idempotencyKey });
        if (earlier) return replay(earlier, requestHash);
      }

      const round = access.round;
      const members = manager.getRepository(RoundMemberEntity);
      const member = await members.findOneBy({ roundId: round.id, municipalityNumber: command.municipalityNumber });
      const actingAsClerk = actor.isClerkOf(command.municipalityNumber);
      if (!member) {
        throw ApplicationError.notFound(
          'DECISION.NOT_IN_ELECTORATE',
          `${command.municipalityNumber} is not a member of this round (the members were frozen at launch).`,
          { municipalityNumber: command.municipalityNumber },
        );
      }
      if (!actingAsClerk && !access.isSecretariat()) {
        throw ApplicationError.forbidden(
          'ACCESS.CLERK_ONLY',
          `Only the clerk of ${command.municipalityNumber} ${member.name} registers its kommunestyre's decision.`,
        );
      }
      const etag = memberEtag(round.id, member);
      if (command.ifMatch && !etagMatches(command.ifMatch, etag)) {
        throw new ApplicationError(
          'precondition_failed',
          'DECISION.STALE',
          `The decision of ${member.name} has changed since you read it (now revision ${member.revision}); read it again and retry.`,
          { currentEtag: etag },
        );
      }

      const change = transitionMemberDecision(stateOf(member), command.registration, { today: todayInOslo(now), roundStatus: round.status });
      // § 18-4 gives the decision to the kommunestyre; the secretariat only mends the references.
      if (!actingAsClerk && !['correct_references', 'unchanged'].includes(change.transition)) {
        throw ApplicationError.forbidden(
          'ACCESS.SECRETARIAT_CORRECTS_REFERENCES_ONLY',
          `Only the clerk of ${member.name} registers or changes its decision; the secretariat may correct the case number, protocol reference and note, with a reason.`,
        );
      }

      let outcome: RoundOutcomeEntity | null = await manager.getRepository(RoundOutcomeEntity).findOneBy({ roundId: round.id });
      if (change.transition !== 'unchanged') {
        const before = stateOf(member);
        const remindersBefore = memberReminderJobs(round, member, now);
        const revision = await this.writeRevision(manager, actor, member, change.state, change.transition, command.registration.reason, now);
        const corrected = change.transition === 'correct' || change.transition === 'correct_references';
        await appendEvent(manager, {
          type: corrected ? 'decision.corrected' : 'decision.registered',
          actor: actor.subject,
          councilId: round.councilId,
          roundId: round.id,
          at: now,
          data: {
            municipalityNumber: member.municipalityNumber,
            transition: change.transition,
            revision: revision.revision,
            reason: command.registration.reason ?? null,
            before,
            after: change.state,
          },
        });
        await this.rescheduleReminders(manager, round, remindersBefore, memberReminderJobs(round, member, now), now);
        if (round.status === 'open') outcome = await this.settle(manager, actor, round, now);
      }

      const result: RegisterDecisionResult = {
        status: 200,
        etag: memberEtag(round.id, member),
        body: {
          member: memberView(round, member, now),
          transition: change.transition,
          round: { id: round.id, status: round.status, outcome: outcomeView(outcome) },
        },
      };
      if (command.idempotencyKey) {
        await manager.getRepository(IdempotencyRecordEntity).insert({
          actor: actor.subject,
          key: command.idempotencyKey,
          requestHash,
          responseStatus: result.status,
          responseBody: result.body,
          responseEtag: result.etag,
        });
      }
      return result;
    });
  }

  private async writeRevision(
    manager: EntityManager,
    actor: Actor,
    member: RoundMemberEntity,
    state: MemberDecisionState,
    transition: string,
    reason: string | undefined,
    now: Date,
  ): Promise<MemberDecisionRevisionEntity> {
    const number = member.revision + 1;
    const fields = {
      status: state.status,
      meetingDate: state.meetingDate ?? null,
      nextMeetingDate: state.nextMeetingDate ?? null,
      body: state.body ?? null,
      caseNumber: state.caseNumber ?? null,
      protocolRef: state.protocolRef ?? null,
      votes: state.votes ? { ...state.votes } : null,
      note: state.note ?? null,
    };
    const revision = await manager.getRepository(MemberDecisionRevisionEntity).save({
      roundId: member.roundId,
      municipalityNumber: member.municipalityNumber,
      revision: number,
      transition,
      reason: reason?.trim() || null,
      registeredBy: actor.subject,
      registeredAt: now,
      ...fields,
    });
    const decided = isFinalDecision(state.status);
    // A correction of references keeps the decision's place in the order; a new decision takes a new one.
    const decidedSequence = !decided ? null : transition === 'correct_references' ? member.decidedSequence : revision.sequence;
    Object.assign(member, fields, { revision: number, decidedSequence, updatedAt: now, overdue: decided ? false : member.overdue });
    await manager.getRepository(RoundMemberEntity).update(
      { roundId: member.roundId, municipalityNumber: member.municipalityNumber },
      { ...fields, revision: number, decidedSequence, updatedAt: now, overdue: member.overdue },
    );
    return revision;
  }

  // A member that decided gets no more reminders; a postponed one's follow its next meeting.
  private async rescheduleReminders(manager: EntityManager, round: RoundEntity, before: OutboxJob[], after: OutboxJob[], now: Date) {
    if (round.status !== 'open') return;
    const kept = new Set(after.map((job) => job.jobId));
    const had = new Set(before.map((job) => job.jobId));
    await cancelJobs(manager, [...had].filter((id) => !kept.has(id)), now);
    await enqueueJobs(manager, after.filter((job) => !had.has(job.jobId)));
  }

  private async settle(manager: EntityManager, actor: Actor, round: RoundEntity, now: Date): Promise<RoundOutcomeEntity | null> {
    const members = await manager.getRepository(RoundMemberEntity).findBy({ roundId: round.id });
    const result: RoundOutcome = decideOutcome({
      rule: round.decisionRule,
      electorate: members.map((m) => m.municipalityNumber),
      decisions: members
        .filter((m) => isFinalDecision(m.status) && m.decidedSequence !== null)
        .map((m) => ({ municipalityNumber: m.municipalityNumber, status: m.status, sequence: Number(m.decidedSequence) })),
    });
    if (result.status === 'open') return null;

    const change = transitionRound(
      { status: round.status, deadline: round.deadline, expiresAutomatically: round.expiresAutomatically },
      { type: 'settle', outcome: result.status },
      { now },
    );
    const decisive = members.find((m) => m.municipalityNumber === result.decisive)!;
    await manager.getRepository(RoundEntity).update({ id: round.id }, { status: change.state.status, closedAt: now });
    round.status = change.state.status;
    round.closedAt = now;
    // The primary key on round_id is the last guard: a second outcome for a round cannot be written.
    const outcome = await manager.getRepository(RoundOutcomeEntity).save({
      roundId: round.id,
      status: result.status,
      decisiveMunicipalityNumber: decisive.municipalityNumber,
      decisiveRevision: decisive.revision,
      settledAt: now,
    });
    await appendEvent(manager, {
      type: 'round.settled',
      actor: actor.subject,
      councilId: round.councilId,
      roundId: round.id,
      at: now,
      data: { before: { status: 'open' }, after: { status: result.status }, decisiveMunicipalityNumber: decisive.municipalityNumber },
    });
    // Nothing is pending any more: no reminders, no deadline. The outcome is told to the people.
    await cancelJobs(manager, openRoundJobIds(round, members), now);
    const settledJob = { roundId: round.id };
    const jobs: OutboxJob[] = [{ name: JOB_NAMES.settled, payload: settledJob, jobId: jobIds.settled(settledJob), runAt: now }];
    if (result.status === 'approved') {
      const inForceFrom = await bringIntoForce(manager, actor, round, members, now);
      jobs.push({ name: JOB_NAMES.inForce, payload: settledJob, jobId: jobIds.inForce(settledJob), runAt: startOfDayInOslo(inForceFrom) });
    }
    await enqueueJobs(manager, jobs);
    return outcome;
  }
}

function stateOf(member: RoundMemberEntity): MemberDecisionState {
  const state: Record<string, unknown> = { status: member.status };
  for (const key of ['meetingDate', 'nextMeetingDate', 'body', 'caseNumber', 'protocolRef', 'votes', 'note'] as const) {
    if (member[key] !== null && member[key] !== undefined) state[key] = member[key];
  }
  return state as unknown as MemberDecisionState;
}

function hashRequest(command: RegisterDecisionCommand): string {
  const canonical = JSON.stringify([command.roundId, command.municipalityNumber, sortKeys(command.registration)]);
  return createHash('sha256').update(canonical).digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

function replay(earlier: IdempotencyRecordEntity, requestHash: string): RegisterDecisionResult {
  if (earlier.requestHash !== requestHash) {
    throw ApplicationError.invalid(
      'IDEMPOTENCY.KEY_REUSED',
      'This Idempotency-Key was used for another request; send a new key for a new registration.',
      { field: 'Idempotency-Key' },
    );
  }
  return { status: 200, etag: earlier.responseEtag ?? '', body: earlier.responseBody as RegisterDecisionResult['body'] };
}

function etagMatches(ifMatch: string, etag: string): boolean {
  return ifMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
