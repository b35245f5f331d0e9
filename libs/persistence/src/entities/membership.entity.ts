import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CouncilEntity } from './council.entity';
import { MunicipalityEntity } from './municipality.entity';

@Entity('membership')
@Index('uq_membership_current', ['councilId', 'municipalityNumber'], { unique: true, where: '"left_on" IS NULL' })
@Check('ck_membership_representatives', `"representatives" >= 0`)
@Check('ck_membership_period', `"left_on" IS NULL OR "left_on" >= "joined_on"`)
@Check('ck_membership_ending', `"ending" IS NULL OR "ending" IN ('left', 'withdrawal', 'merger')`)
@Check('ck_membership_successor', `"succeeded_by" IS NULL OR ("ending" = 'merger' AND "left_on" IS NOT NULL)`)
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_membership' })
  id!: string;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId!: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_membership_council' })
  council?: CouncilEntity;

  @Column({ name: 'municipality_number', type: 'char', length: 4 })
  municipalityNumber!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_number', foreignKeyConstraintName: 'fk_membership_municipality' })
  municipality?: MunicipalityEntity;

  @Column({ name: 'joined_on', type: 'date' })
  joinedOn!: string;

  @Column({ name: 'left_on', type: 'date', nullable: true })
  leftOn!: string | null;

  /** How it ended: it left, its notice of withdrawal took effect, or it merged into `succeededBy`; null while open-ended. */
  @Column({ type: 'text', nullable: true })
  ending!: 'left' | 'withdrawal' | 'merger' | null;

  /** The day a notice of withdrawal was given; `leftOn` is then the day it takes effect under the agreement. */
  @Column({ name: 'notice_given_on', type: 'date', nullable: true })
  noticeGivenOn!: string | null;

  /** The municipality that took its place in a merger. */
  @Column({ name: 'succeeded_by', type: 'char', length: 4, nullable: true })
  succeededBy!: string | null;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'succeeded_by', foreignKeyConstraintName: 'fk_membership_successor' })
  successor?: MunicipalityEntity;

  /** The secretariat's reason, as it recorded the end. */
  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason!: string | null;

  /** Seats in representantskapet. */
  @Column({ type: 'integer' })
  representatives!: number;
}
