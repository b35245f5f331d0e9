import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { oreTransformer } from '../ore.transformer';
import { CouncilEntity } from './council.entity';
import { MunicipalityEntity } from './municipality.entity';
import { RoundEntity } from './round.entity';

/** A medlemsavgift schedule: an amount per member per year, in force from a date. */
@Entity('fee_schedule')
@Unique('uq_fee_schedule_council_effective', ['councilId', 'effectiveFrom'])
// The schedule a round brought into force, found by its round.
@Index('ix_fee_schedule_round', ['roundId'])
@Check('ck_fee_schedule_source', `"source" IN ('onboarding', 'round')`)
@Check('ck_fee_schedule_in_force', `"in_force_from" >= "effective_from"`)
@Check('ck_fee_schedule_round', `("source" = 'round') = ("round_id" IS NOT NULL)`)
export class FeeScheduleEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_fee_schedule' })
  id!: string;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId!: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_fee_schedule_council' })
  council?: CouncilEntity;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  /** The effective date, or the day of the last adoption when that came later. */
  @Column({ name: 'in_force_from', type: 'date' })
  inForceFrom!: string;

  /** Recorded at onboarding, or the outcome of an approval round. */
  @Column({ type: 'text' })
  source!: 'onboarding' | 'round';

  @Column({ type: 'text' })
  reason!: string;

  /** The approval round that adopted it, when it came from one. */
  @Column({ name: 'round_id', type: 'uuid', nullable: true })
  roundId!: string | null;

  @ManyToOne(() => RoundEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_fee_schedule_round' })
  round?: RoundEntity;

  @OneToMany(() => FeeScheduleLineEntity, (line) => line.schedule, { cascade: true })
  lines?: FeeScheduleLineEntity[];

  // The database's time, not the Clock: it orders schedules by when they were written, which a clock standing still cannot.
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity('fee_schedule_line')
@Check('ck_fee_schedule_line_amount', `"amount_ore" >= 0`)
export class FeeScheduleLineEntity {
  @PrimaryColumn({ name: 'fee_schedule_id', type: 'uuid', primaryKeyConstraintName: 'pk_fee_schedule_line' })
  feeScheduleId!: string;

  @ManyToOne(() => FeeScheduleEntity, (schedule) => schedule.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fee_schedule_id', foreignKeyConstraintName: 'fk_fee_schedule_line_schedule' })
  schedule?: FeeScheduleEntity;

  @PrimaryColumn({ name: 'municipality_number', type: 'char', length: 4, primaryKeyConstraintName: 'pk_fee_schedule_line' })
  municipalityNumber!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_number', foreignKeyConstraintName: 'fk_fee_schedule_line_municipality' })
  municipality?: MunicipalityEntity;

  @Column({ name: 'amount_ore', type: 'bigint', transformer: oreTransformer })
  amountOre!: bigint;
}
