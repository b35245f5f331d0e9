/** A change in one of a council's rounds, as the live feed sends it: an entry of the audit trail. */
export interface LiveEvent {
  /** The event's id in the audit trail; increases with every change of the council. */
  id: string;
  type: string;
  at: string;
  roundId: string;
  actor: string;
  data: Record<string, unknown>;
}
