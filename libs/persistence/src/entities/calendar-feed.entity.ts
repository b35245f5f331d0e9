import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AppUserEntity } from './app-user.entity';
import { CouncilEntity } from './council.entity';
import { MunicipalityEntity } from './municipality.entity';

/**
 * A personal calendar feed: the address a calendar app fetches with only its token. The token
 * itself is never stored, only its SHA-256, so the table opens no feed; a feed lives at most 90
 * days and its holder can revoke it. What it shows is checked at every fetch against the
 * holder's grants as they are now.
 */
@Entity('calendar_feed')
@Index('uq_calendar_feed_token_hash', ['tokenHash'], { unique: true })
@Index('ix_calendar_feed_user', ['userId', 'createdAt'])
@Check(
  'ck_calendar_feed_scope',
  `("scope" = 'council' AND "council_id" IS NOT NULL AND "municipality_number" IS NULL)
   OR ("scope" = 'municipality' AND "council_id" IS NULL AND "municipality_number" IS NOT NULL)`,
)
@Check('ck_calendar_feed_lifetime', `"expires_at" > "created_at" AND "expires_at" <= "created_at" + interval '90 days'`)
@Check('ck_calendar_feed_token_hash', `octet_length("token_hash") = 32`)
export class CalendarFeedEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_calendar_feed' })
  id!: string;

  /** The holder: whose grants decide, at every fetch, what the feed may show. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_calendar_feed_user' })
  user?: AppUserEntity;

  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash!: Buffer;

  /** The token's first characters, so the holder can tell their feed addresses apart. */
  @Column({ name: 'token_prefix', type: 'text' })
  tokenPrefix!: string;

  @Column({ type: 'text' })
  scope!: 'council' | 'municipality';

  @Column({ name: 'council_id', type: 'uuid', nullable: true })
  councilId!: string | null;

  @ManyToOne(() => CouncilEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_calendar_feed_council' })
  council?: CouncilEntity;

  @Column({ name: 'municipality_number', type: 'char', length: 4, nullable: true })
  municipalityNumber!: string | null;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'municipality_number', foreignKeyConstraintName: 'fk_calendar_feed_municipality' })
  municipality?: MunicipalityEntity;

  // Given by the Clock, as the expiry is counted from it.
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  /** The ETag of what the feed last answered, and since when it has answered that (its Last-Modified). */
  @Column({ name: 'content_etag', type: 'text', nullable: true })
  contentEtag!: string | null;

  @Column({ name: 'content_changed_at', type: 'timestamptz', nullable: true })
  contentChangedAt!: Date | null;
}
