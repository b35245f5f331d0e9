import { OutboxJob, memberReminderJobs, openRoundJobs } from '@app/application';
import { RoundEntity, RoundMemberEntity } from '@app/persistence';
import { PlannedMember, PlannedRound, stateAt } from './history';

/** An outbox row: a job to add (or remove) in the queue, and when the relay passed it on. */
export interface PlannedOutboxRow {
  operation: 'add' | 'remove';
  jobName: string;
  jobId: string;
  payload: Record<string, unknown>;
  runAt: number;
  createdAt: number;
  relayedAt: number | null;
}

// The relay passes a row on within a second of its commit.
const RELAY_DELAY_MS = 1_000;

/**
 * What the open rounds' transactions wrote to the outbox, as launch-round and register-decision
 * write it: each undecided member's reminders and the deadline at the launch, and at each
 * registration the reminders it cancelled or moved. All of it relayed long since.
 */
export function plannedOutbox(rounds: readonly PlannedRound[]): PlannedOutboxRow[] {
  const rows: PlannedOutboxRow[] = [];
  for (const round of rounds) {
    const entity = roundEntity(round);
    const at = round.launchedAt;
    const launched = openRoundJobs(entity, round.members.map((member) => memberEntity(member, at)), new Date(at));
    rows.push(...launched.map((job) => added(job, at)));
    for (const member of round.members) {
      for (const registration of member.registrations) {
        const now = new Date(registration.at);
        const before = new Set(memberReminderJobs(entity, memberEntity(member, registration.at - 1), now).map((job) => job.jobId));
        const after = memberReminderJobs(entity, memberEntity(member, registration.at), now);
        const kept = new Set(after.map((job) => job.jobId));
        for (const jobId of before) if (!kept.has(jobId)) rows.push(removed(jobId, registration.at));
        for (const job of after) if (!before.has(job.jobId)) rows.push(added(job, registration.at));
      }
    }
  }
  return rows;
}

function added(job: OutboxJob, at: number): PlannedOutboxRow {
  return { operation: 'add', jobName: job.name, jobId: job.jobId, payload: job.payload as unknown as Record<string, unknown>, runAt: job.runAt.getTime(), createdAt: at, relayedAt: at + RELAY_DELAY_MS };
}

function removed(jobId: string, at: number): PlannedOutboxRow {
  return { operation: 'remove', jobName: 'remove', jobId, payload: {}, runAt: at, createdAt: at, relayedAt: at + RELAY_DELAY_MS };
}

// The schedule functions read only these fields of a round and a member.
function roundEntity(round: PlannedRound): RoundEntity {
  return { id: round.id, deadline: round.deadline, reminderDaysBefore: round.reminderDaysBefore } as RoundEntity;
}

function memberEntity(member: PlannedMember, at: number): RoundMemberEntity {
  const state = stateAt(member, at);
  return { municipalityNumber: member.number, status: state.status, nextMeetingDate: state.nextMeetingDate ?? null } as RoundMemberEntity;
}
