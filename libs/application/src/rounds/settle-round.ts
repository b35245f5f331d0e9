import { EntityManager } from 'typeorm';
import { RoundOutcome, decideOutcome, isFinalDecision, startOfDayInOslo, transitionRound } from '@app/domain';
import { Actor } from '@app/identity';
import { JOB_NAMES, jobIds } from '@app/jobs';
import { RoundEntity, RoundMemberEntity, RoundOutcomeEntity } from '@app/persistence';
import { openRoundJobIds } from '../jobs/round-schedule';
import { enqueueJobs } from '../outbox/outbox';
import { bringIntoForce } from './coming-into-force';
import { writeSettlement } from './register-decision/registration-rows';

export type Settled = Extract<RoundOutcome, { status: 'approved' | 'rejected' }>;

/** The round's outcome by its decision rule over the members' decisions, or null while it is open. */
export function outcomeOf(round: RoundEntity, members: readonly RoundMemberEntity[]): Settled | null {
  const result: RoundOutcome = decideOutcome({
    rule: round.decisionRule,
    electorate: members.map((m) => m.municipalityNumber),
    decisions: members
      .filter((m) => isFinalDecision(m.status) && m.decidedSequence !== null)
      .map((m) => ({ municipalityNumber: m.municipalityNumber, status: m.status, sequence: Number(m.decidedSequence) })),
    // Frozen at launch for a majority by weight; the rule reads them only then.
    weights: Object.fromEntries(members.filter((m) => m.weight != null).map((m) => [m.municipalityNumber, m.weight!])),
  });
  return result.status === 'open' ? null : result;
}

/**
 * Settles an open round whose outcome is certain, under the round's lock: the outcome (its primary key
 * makes it once), the event, the jobs it no longer needs and the one that tells the people, and an approved
 * subject brought into force. `cause` says in the event why it settled now when it was not a registration.
 */
export async function settleRound(
  manager: EntityManager,
  actor: Actor,
  round: RoundEntity,
  members: RoundMemberEntity[],
  now: Date,
  cause?: Record<string, unknown>,
): Promise<RoundOutcomeEntity> {
  const result = outcomeOf(round, members)!;
  const change = transitionRound(
    { status: round.status, deadline: round.deadline, expiresAutomatically: round.expiresAutomatically },
    { type: 'settle', outcome: result.status },
    { now },
  );
  const decisive = members.find((m) => m.municipalityNumber === result.decisive)!;
  round.status = change.state.status;
  round.closedAt = now;
  const outcome = Object.assign(new RoundOutcomeEntity(), {
    roundId: round.id,
    status: result.status,
    decisiveMunicipalityNumber: decisive.municipalityNumber,
    decisiveRevision: decisive.revision,
    settledAt: now,
  });
  const settledJob = { roundId: round.id };
  await writeSettlement(manager, {
    round,
    outcome,
    event: {
      type: 'round.settled',
      actor: actor.subject,
      councilId: round.councilId,
      roundId: round.id,
      at: now,
      data: { before: { status: 'open' }, after: { status: result.status }, decisiveMunicipalityNumber: decisive.municipalityNumber, ...cause },
    },
    // Nothing is pending any more: no reminders, no deadline. The outcome is told to the people.
    jobs: { cancel: openRoundJobIds(round, members), add: [{ name: JOB_NAMES.settled, payload: settledJob, jobId: jobIds.settled(settledJob), runAt: now }] },
    now,
  });
  if (result.status === 'approved') {
    const inForceFrom = await bringIntoForce(manager, actor, round, members, now);
    await enqueueJobs(manager, [{ name: JOB_NAMES.inForce, payload: settledJob, jobId: jobIds.inForce(settledJob), runAt: startOfDayInOslo(inForceFrom) }]);
  }
  return outcome;
}
