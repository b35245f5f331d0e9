import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The audit trail: who did what, when, with the state before and after. Append-only: triggers
 * in the migrations refuse UPDATE, DELETE and TRUNCATE. Written in the same transaction as the change.
 */
@Entity('event')
@Index('ix_event_round', ['roundId', 'id'])
@Index('ix_event_council', ['councilId', 'id'])
@Index('ix_event_global_chain', ['id'], { where: '"council_id" IS NULL' })
export class EventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_event' })
  id!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'council_id', type: 'uuid', nullable: true })
  councilId!: string | null;

  @Column({ name: 'round_id', type: 'uuid', nullable: true })
  roundId!: string | null;

  /** The token's subject, or `system` for the worker. */
  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  // Set by the writer from the Clock, with no default to fall back on: the hash covers this exact instant.
  @Column({ type: 'timestamptz' })
  at!: Date;

  /** The hash of the council's previous event (null for its first): the link `GET /api/audit/verify` walks. */
  @Column({ name: 'prev_hash', type: 'char', length: 64, nullable: true })
  prevHash!: string | null;

  /** sha256 of the previous hash and this event's content; any later change to either breaks the chain. */
  @Column({ type: 'char', length: 64 })
  hash!: string;
}

/** A remembered response to a request sent with an Idempotency-Key, so a retry gets the same answer. */
@Entity('idempotency_record')
export class IdempotencyRecordEntity {
  @Column({ type: 'text', primary: true, primaryKeyConstraintName: 'pk_idempotency_record' })
  actor!: string;

  @Column({ type: 'text', primary: true, primaryKeyConstraintName: 'pk_idempotency_record' })
  key!: string;

  /** Method, path and body digest: the same key with another request is refused. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ name: 'response_status', type: 'integer' })
  responseStatus!: number;

  @Column({ name: 'response_body', type: 'jsonb' })
  responseBody!: unknown;

  @Column({ name: 'response_etag', type: 'text', nullable: true })
  responseEtag!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
