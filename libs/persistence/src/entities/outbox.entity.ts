import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The transactional outbox: a job (or a job's removal) written in the same transaction as the
 * change that causes it, and moved to BullMQ by the relay. Redis may be down when the change is
 * made; the row waits here until it is not.
 */
@Entity('outbox')
@Index('ix_outbox_pending', ['id'], { where: '"relayed_at" IS NULL' })
@Check('ck_outbox_operation', `"operation" IN ('add', 'remove')`)
export class OutboxEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_outbox' })
  id!: string;

  @Column({ type: 'text' })
  operation!: 'add' | 'remove';

  @Column({ name: 'job_name', type: 'text' })
  jobName!: string;

  /** Deterministic, so that relaying the same row twice adds one job. */
  @Column({ name: 'job_id', type: 'text' })
  jobId!: string;

  /** Ids only: the handler reloads the state. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, string>;

  @Column({ name: 'run_at', type: 'timestamptz' })
  runAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true })
  relayedAt!: Date | null;
}
