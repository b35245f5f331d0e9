import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { CouncilEntity } from './council.entity';
import { MunicipalityEntity } from './municipality.entity';

/** A fordelingsnøkkel: named weights per member. */
@Entity('cost_key')
@Unique('uq_cost_key_council_key', ['councilId', 'key'])
@Check('ck_cost_key_key', `"key" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
export class CostKeyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_cost_key' })
  id!: string;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId!: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_cost_key_council' })
  council?: CouncilEntity;

  @Column({ type: 'text' })
  key!: string;

  @OneToMany(() => CostKeyWeightEntity, (weight) => weight.costKey, { cascade: true })
  weights?: CostKeyWeightEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One member's weight in a cost key, kept as an exact decimal. */
@Entity('cost_key_weight')
@Check('ck_cost_key_weight_non_negative', `"weight" >= 0`)
export class CostKeyWeightEntity {
  @PrimaryColumn({ name: 'cost_key_id', type: 'uuid', primaryKeyConstraintName: 'pk_cost_key_weight' })
  costKeyId!: string;

  @ManyToOne(() => CostKeyEntity, (key) => key.weights, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cost_key_id', foreignKeyConstraintName: 'fk_cost_key_weight_cost_key' })
  costKey?: CostKeyEntity;

  @PrimaryColumn({ name: 'municipality_number', type: 'char', length: 4, primaryKeyConstraintName: 'pk_cost_key_weight' })
  municipalityNumber!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_number', foreignKeyConstraintName: 'fk_cost_key_weight_municipality' })
  municipality?: MunicipalityEntity;

  /** Exact decimal as text from the driver; never a float. */
  @Column({ type: 'numeric', precision: 30, scale: 10 })
  weight!: string;
}
