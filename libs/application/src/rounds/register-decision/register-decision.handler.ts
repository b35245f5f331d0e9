import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  MemberDecisionState,
  Registration,
  isFinalDecision,
  todayInOslo,
  transitionMemberDecision,
} from '@app/domain';
import { Actor } from '@app/identity';
import { JOB_NAMES, jobIds } from '@app/jobs';
import { IdempotencyRecordEntity, OneTripTransaction, RoundEntity, RoundMemberEntity, RoundOutcomeEntity } from '@app/persistence';
import { ApplicationError } from '../../application-error';
import { memberReminderJobs } from '../../jobs/round-schedule';
import { OutboxJob } from '../../outbox/outbox';
import { Clock } from '../../time/clock';
import { RoundAccess } from '../round-access';
import { outcomeOf, settleRound } from '../settle-round';
import { RegistrationWrite, lockRoundForRegistration, writeRegistration } from './registration-rows';
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
    // Made only when thrown: an error takes its stack trace when it is made.
    const notFound = () => ApplicationError.notFound('ROUND.NOT_FOUND', `There is no round ${command.roundId} that you can see.`, { roundId: command.roundId });
    if (!UUID.test(command.roundId)) throw notFound();
    // BEGIN travels with the lock and the read, COMMIT with the write of a registration that leaves
    // the round open: two round trips. What is rare (a refusal, a replay, settling) may take more.
    return OneTripTransaction.run(this.dataSource, async (transaction) => {
      const locked = await lockRoundForRegistration(transaction, command.roundId, { actor: actor.subject, key: command.idempotencyKey ?? null });
      const access = locked && RoundAccess.of(actor, locked.round, locked.councilSlug, locked.members.map((m) => m.municipalityNumber));
      if (!locked || !access) throw notFound();
      const requestHash = hashRequest(command);
      if (command.idempotencyKey && locked.earlier) return replay(locked.earlier, requestHash);

      const { round, members } = locked;
      const member = members.find((m) => m.municipalityNumber === command.municipalityNumber);
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

      const answer = (outcome: RoundOutcomeEntity | null): RegisterDecisionResult => ({
        status: 200,
        etag: memberEtag(round.id, member),
        body: {
          member: memberView(round, member, now),
          transition: change.transition,
          round: { id: round.id, status: round.status, outcome: outcomeView(outcome) },
        },
      });
      const kept = (result: RegisterDecisionResult): KeptAnswer | null =>
        command.idempotencyKey
          ? { actor: actor.subject, key: command.idempotencyKey, requestHash, responseStatus: result.status, responseBody: result.body, responseEtag: result.etag }
          : null;
      const keep = async (result: RegisterDecisionResult) => {
        const record = kept(result);
        if (record) await (await transaction.manager()).getRepository(IdempotencyRecordEntity).insert({ ...record, responseBody: record.responseBody as object });
        return result;
      };
      if (change.transition === 'unchanged') return keep(answer(locked.outcome));

      const before = stateOf(member);
      const remindersBefore = memberReminderJobs(round, member, now);
      const decided = isFinalDecision(change.state.status);
      // A correction of references keeps the decision's place in the order; a new decision takes a new one.
      const decidedSequence = !decided ? null : change.transition === 'correct_references' ? 'keep' : 'new';
      applyState(member, change.state, now);
      const reminders = round.status === 'open' ? reminderChanges(remindersBefore, memberReminderJobs(round, member, now)) : { cancel: [], add: [] };
      const jobs = { cancel: reminders.cancel, add: [...reminders.add, ...(round.status === 'open' ? meetingPlannedJobs(round, change.transition, member, now) : [])] };
      // The new decision's place is its revision's sequence, drawn under the round's lock: after every
      // decision of this round already written, which is all the rule needs to know to settle.
      if (decidedSequence === 'new') member.decidedSequence = String(Number.MAX_SAFE_INTEGER);
      const settles = round.status === 'open' && outcomeOf(round, members) !== null;
      const corrected = change.transition === 'correct' || change.transition === 'correct_references';
      // An answer that leaves the round open is known before anything is written: it is kept in the same statement.
      const unsettled = settles ? null : answer(locked.outcome);
      const registration: RegistrationWrite = {
        member,
        decidedSequence,
        transition: change.transition,
        reason: command.registration.reason?.trim() || null,
        registeredBy: actor.subject,
        now,
        event: {
          type: corrected ? 'decision.corrected' : 'decision.registered',
          actor: actor.subject,
          councilId: round.councilId,
          roundId: round.id,
          at: now,
          data: {
            municipalityNumber: member.municipalityNumber,
            transition: change.transition,
            revision: member.revision,
            reason: command.registration.reason ?? null,
            before,
            after: change.state,
          },
        },
        jobs,
        idempotency: unsettled && kept(unsettled),
      };
      // A registration that leaves the round open is the last write: COMMIT goes with it.
      const written = await writeRegistration(transaction, registration, { commit: unsettled !== null });
      if (decidedSequence === 'new') member.decidedSequence = written.sequence;
      if (unsettled) return unsettled;
      return keep(answer(await settleRound(await transaction.manager(), actor, round, members, now)));
    });
  }
}

type KeptAnswer = NonNullable<RegistrationWrite['idempotency']>;

/** The member's row as the state machine leaves it, one revision on. */
function applyState(member: RoundMemberEntity, state: MemberDecisionState, now: Date): void {
  const decided = isFinalDecision(state.status);
  Object.assign(member, {
    status: state.status,
    meetingDate: state.meetingDate ?? null,
    nextMeetingDate: state.nextMeetingDate ?? null,
    body: state.body ?? null,
    caseNumber: state.caseNumber ?? null,
    protocolRef: state.protocolRef ?? null,
    votes: state.votes ? { ...state.votes } : null,
    note: state.note ?? null,
    revision: member.revision + 1,
    updatedAt: now,
    overdue: decided ? false : member.overdue,
  });
  if (!decided) member.decidedSequence = null;
}

/** A member that decided gets no more reminders; a postponed one's follow its next meeting. */
function reminderChanges(before: OutboxJob[], after: OutboxJob[]): { cancel: string[]; add: OutboxJob[] } {
  const kept = new Set(after.map((job) => job.jobId));
  const had = new Set(before.map((job) => job.jobId));
  return { cancel: [...had].filter((id) => !kept.has(id)), add: after.filter((job) => !had.has(job.jobId)) };
}

/**
 * A postponement, or a meeting planned after the deadline, is told to the secretariat by the
 * worker: the registration only adds the job to what it writes anyway, in the same statement.
 */
function meetingPlannedJobs(round: RoundEntity, transition: string, member: RoundMemberEntity, now: Date): OutboxJob[] {
  const planned = member.status === 'scheduled' ? member.meetingDate : member.status === 'postponed' ? member.nextMeetingDate : null;
  if (transition !== 'postpone' && !(planned && planned > round.deadline)) return [];
  const payload = { roundId: round.id, municipalityNumber: member.municipalityNumber, revision: member.revision };
  return [{ name: JOB_NAMES.meetingPlanned, payload, jobId: jobIds.meetingPlanned(payload), runAt: now }];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
