import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
