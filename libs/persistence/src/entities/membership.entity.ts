import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CouncilEntity } from './council.entity';
import { MunicipalityEntity } from './municipality.entity';

@Entity('membership')
@Index('uq_membership_current', ['councilId', 'municipalityNumber'], { unique: true, where: '"left_on" IS NULL' })
@Check('ck_membership_representatives', `"representatives" >= 0`)
@Check('ck_membership_period', `"left_on" IS NULL OR "left_on" >= "joined_on"`)
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

  /** Seats in representantskapet. */
  @Column({ type: 'integer' })
  representatives!: number;
}
