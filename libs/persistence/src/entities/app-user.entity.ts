import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { CouncilEntity } from './council.entity';
import { MunicipalityEntity } from './municipality.entity';

/**
 * A person who signs in: the token's `sub` as its `iss` vouches for it (two issuers' "kari" are
 * two people). Kept so that notices can reach them.
 */
@Entity('app_user')
@Unique('uq_app_user_issuer_subject', ['issuer', 'subject'])
@Check('ck_app_user_language', `"language" IS NULL OR "language" IN ('nb', 'nn', 'en')`)
export class AppUserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_app_user' })
  id!: string;

  /** The token's `iss`; null for a person recorded before people were keyed by issuer, until they next sign in. */
  @Column({ type: 'text', nullable: true })
  issuer!: string | null;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** The person's own choice of written standard; null follows the municipality. */
  @Column({ type: 'text', nullable: true })
  language!: 'nb' | 'nn' | 'en' | null;

  /** The kinds of notice the person takes in the app only, without an e-mail; empty: e-mail for every kind. */
  @Column({ name: 'email_off_kinds', type: 'text', array: true, default: () => "'{}'" })
  emailOffKinds!: string[];

  @OneToMany(() => RoleGrantEntity, (grant) => grant.user, { cascade: true })
  grants?: RoleGrantEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** What a person may do: the same roles the tokens carry. */
@Entity('role_grant')
@Unique('uq_role_grant', ['userId', 'role', 'councilId', 'municipalityNumber'])
@Check(
  'ck_role_grant_scope',
  `("role" = 'admin' AND "council_id" IS NULL AND "municipality_number" IS NULL)
   OR ("role" IN ('secretariat', 'leader') AND "council_id" IS NOT NULL AND "municipality_number" IS NULL)
   OR ("role" = 'clerk' AND "council_id" IS NULL AND "municipality_number" IS NOT NULL)`,
)
export class RoleGrantEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_role_grant' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUserEntity, (user) => user.grants, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_role_grant_user' })
  user?: AppUserEntity;

  @Column({ type: 'text' })
  role!: 'admin' | 'secretariat' | 'leader' | 'clerk';

  @Column({ name: 'council_id', type: 'uuid', nullable: true })
  councilId!: string | null;

  @ManyToOne(() => CouncilEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_role_grant_council' })
  council?: CouncilEntity;

  @Column({ name: 'municipality_number', type: 'char', length: 4, nullable: true })
  municipalityNumber!: string | null;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'municipality_number', foreignKeyConstraintName: 'fk_role_grant_municipality' })
  municipality?: MunicipalityEntity;
}
