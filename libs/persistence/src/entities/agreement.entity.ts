import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { CouncilEntity } from './council.entity';

/** A council's samarbeidsavtale; its text lives in versions. */
@Entity('agreement')
@Unique('uq_agreement_council', ['councilId'])
export class AgreementEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_agreement' })
  id!: string;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId!: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_agreement_council' })
  council?: CouncilEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One section of an agreement's text. */
export interface AgreementSection {
  ref: string;
  heading: string;
  text: string;
}

/** A version of the samarbeidsavtale: its text, when it is meant to take effect, and where it meets § 18-4. */
@Entity('agreement_version')
@Unique('uq_agreement_version_number', ['agreementId', 'number'])
@Index('ix_agreement_version_in_force', ['agreementId', 'inForceFrom'])
@Check('ck_agreement_version_adoption', `("adoption" IS NULL AND "in_force_from" IS NULL AND "adopted_on" IS NULL)
   OR ("adoption" IN ('round', 'onboarding') AND "in_force_from" IS NOT NULL AND "adopted_on" IS NOT NULL)`)
export class AgreementVersionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_agreement_version' })
  id!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => AgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'fk_agreement_version_agreement' })
  agreement?: AgreementEntity;

  /** 1, 2, 3 … within the agreement. */
  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'jsonb' })
  sections!: AgreementSection[];

  /** Where the text answers each letter a–h of kommuneloven § 18-4. */
  @Column({ name: 'minimum_content', type: 'jsonb' })
  minimumContent!: Record<string, string>;

  /** How it was adopted: by a round here, or before the council used the product. */
  @Column({ type: 'text', nullable: true })
  adoption!: 'round' | 'onboarding' | null;

  @Column({ name: 'adopted_on', type: 'date', nullable: true })
  adoptedOn!: string | null;

  @Column({ name: 'in_force_from', type: 'date', nullable: true })
  inForceFrom!: string | null;

  @Column({ name: 'adoption_reason', type: 'text', nullable: true })
  adoptionReason!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
