import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { AppUserEntity } from './app-user.entity';

/**
 * A notice to one person: in the in-app inbox, and by e-mail when SMTP is configured. The unique
 * key is written before anything is sent, so a retried job never notifies twice.
 */
@Entity('notification')
@Unique('uq_notification_key', ['key'])
@Index('ix_notification_user', ['userId', 'createdAt'])
// The topics the jobs ask about: a reminder's, an outcome's, a coming into force's.
@Index('ix_notification_topic', ['topic'], { where: `"kind" IN ('reminder', 'settled', 'veto', 'in_force')` })
// The last week's notices, for the e-mails still owed (not by e-mail status, which every send changes).
@Index('ix_notification_created', ['createdAt', 'id'])
@Check('ck_notification_email_status', `"email_status" IN ('off', 'pending', 'sending', 'sent', 'failed')`)
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notification' })
  id!: string;

  /** What makes it one notice: `<topic>/<user>`, e.g. `reminder/<round>/<member>/<date>/<user>`. */
  @Column({ type: 'text' })
  key!: string;

  /** What it is about, whoever it is to: the key without the recipient, e.g. `reminder/<round>/<member>/<date>`. */
  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notification_user' })
  user?: AppUserEntity;

  /** reminder, overdue, escalation, settled, veto, in_force. */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'council_id', type: 'uuid', nullable: true })
  councilId!: string | null;

  @Column({ name: 'round_id', type: 'uuid', nullable: true })
  roundId!: string | null;

  @Column({ type: 'text' })
  language!: 'nb' | 'nn' | 'en';

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  /** A page to open; never an action (nothing is decided by following a link). */
  @Column({ type: 'text', nullable: true })
  link!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column({ name: 'email_to', type: 'text', nullable: true })
  emailTo!: string | null;

  @Column({ name: 'email_status', type: 'text' })
  emailStatus!: 'off' | 'pending' | 'sending' | 'sent' | 'failed';

  @Column({ name: 'emailed_at', type: 'timestamptz', nullable: true })
  emailedAt!: Date | null;

  @Column({ name: 'email_attempts', type: 'integer', default: 0 })
  emailAttempts!: number;

  /**
   * The e-mail this notice goes out in, named by the notice whose mail job sends it (its Message-ID
   * is that notice's): several notices to one person about one round on one day share one e-mail.
   * Null until a mail job takes the notice.
   */
  @Column({ name: 'email_id', type: 'uuid', nullable: true })
  emailId!: string | null;
}
