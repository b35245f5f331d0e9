import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('council')
@Unique('uq_council_slug', ['slug'])
@Check('ck_council_slug', `"slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check('ck_council_withdrawal_notice', `"withdrawal_notice_months" BETWEEN 0 AND 60`)
export class CouncilEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_council' })
  id!: string;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The agreement's rule for withdrawing (§ 18-4 g): months of notice, and whether it then runs to the end of the year. */
  @Column({ name: 'withdrawal_notice_months', type: 'integer', default: 12 })
  withdrawalNoticeMonths!: number;

  @Column({ name: 'withdrawal_at_year_end', type: 'boolean', default: true })
  withdrawalAtYearEnd!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
