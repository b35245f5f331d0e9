import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('council')
@Unique('uq_council_slug', ['slug'])
@Check('ck_council_slug', `"slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
export class CouncilEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_council' })
  id!: string;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
