import { EntityManager } from 'typeorm';
import { EventEntity } from '@app/persistence';

/** The event types the audit trail knows; API.md promises the first six. */
export type EventType =
  | 'round.launched'
  | 'decision.registered'
  | 'decision.corrected'
  | 'round.settled'
  | 'round.extended'
  | 'round.withdrawn'
  | 'round.expired'
  | 'round.overdue'
  | 'council.created'
  | 'member.upserted'
  | 'cost_key.upserted'
  | 'agreement_version.created'
  | 'agreement_version.adopted_before'
  | 'agreement_version.in_force'
  | 'fee_schedule.recorded'
  | 'fee_schedule.in_force';

/** One entry of the audit trail: who did what, with the state before and after where there is one. */
export interface NewEvent {
  type: EventType;
  actor: string;
  councilId: string | null;
  roundId?: string | null;
  data: Record<string, unknown>;
}

/** Appends to the audit trail inside the caller's transaction, so the event and the change land together. */
export async function appendEvent(manager: EntityManager, event: NewEvent): Promise<EventEntity> {
  return manager.getRepository(EventEntity).save({
    type: event.type,
    actor: event.actor,
    councilId: event.councilId,
    roundId: event.roundId ?? null,
    data: event.data,
  });
}
