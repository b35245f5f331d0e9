import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

@Entity('municipality')
@Check('ck_municipality_number', `"number" ~ '^[0-9]{4}$'`)
@Check('ck_municipality_language', `"language" IN ('nb', 'nn', 'en')`)
export class MunicipalityEntity {
  /** The official four-digit kommunenummer. */
  @PrimaryColumn({ type: 'char', length: 4, primaryKeyConstraintName: 'pk_municipality' })
  number!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The written standard its notices use: bokmål, nynorsk or English. */
  @Column({ type: 'text', default: 'nb' })
  language!: 'nb' | 'nn' | 'en';

  /** The last day it existed, when it merged into another; its number and name stay for the history. */
  @Column({ name: 'ceased_on', type: 'date', nullable: true })
  ceasedOn!: string | null;

  /** The municipality it merged into. */
  @Column({ name: 'succeeded_by', type: 'char', length: 4, nullable: true })
  succeededBy!: string | null;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'succeeded_by', foreignKeyConstraintName: 'fk_municipality_successor' })
  successor?: MunicipalityEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
