import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import { oreTransformer } from '../ore.transformer';
import { AgreementVersionEntity } from './agreement.entity';
import { CouncilEntity } from './council.entity';
import { MunicipalityEntity } from './municipality.entity';

/** An approval round: one subject, a frozen electorate, a decision rule and a deadline. */
@Entity('round')
@Index('ix_round_council_status', ['councilId', 'status'])
// One open round per agreement version, and per council and fee effective date.
@Index('uq_round_open_agreement_version', ['agreementVersionId'], { unique: true, where: `"status" = 'open' AND "agreement_version_id" IS NOT NULL` })
@Index('uq_round_open_fees', ['councilId', 'feeEffectiveFrom'], { unique: true, where: `"status" = 'open' AND "fee_effective_from" IS NOT NULL` })
// What the jobs walk: the open rounds by deadline, and the rounds settled lately.
@Index('ix_round_open_deadline', ['deadline', 'id'], { where: `"status" = 'open'` })
@Index('ix_round_settled', ['closedAt'], { where: `"status" IN ('approved', 'rejected')` })
// The lists' orders: a council's rounds and its public ones by launch, its settled ones by closing.
@Index('ix_round_council_launched', ['councilId', 'launchedAt', 'id'])
@Index('ix_round_public_launched', ['councilId', 'launchedAt', 'id'], { where: `"is_public"` })
@Index('ix_round_council_settled', ['councilId', 'closedAt', 'id'], { where: `"status" IN ('approved', 'rejected')` })
@Check('ck_round_status', `"status" IN ('open', 'approved', 'rejected', 'withdrawn', 'expired')`)
@Check(
  'ck_round_subject',
  `("subject_type" = 'agreement' AND "agreement_version_id" IS NOT NULL AND "fee_total_ore" IS NULL)
   OR ("subject_type" = 'fees' AND "agreement_version_id" IS NULL AND "fee_total_ore" IS NOT NULL
       AND "cost_key" IS NOT NULL AND "fee_effective_from" IS NOT NULL AND "round_to" IN ('ore', 'krone'))`,
)
export class RoundEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_round' })
  id!: string;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId!: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_round_council' })
  council?: CouncilEntity;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType!: 'agreement' | 'fees';

  @Column({ name: 'agreement_version_id', type: 'uuid', nullable: true })
  agreementVersionId!: string | null;

  @ManyToOne(() => AgreementVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agreement_version_id', foreignKeyConstraintName: 'fk_round_agreement_version' })
  agreementVersion?: AgreementVersionEntity;

  @Column({ name: 'fee_total_ore', type: 'bigint', nullable: true, transformer: oreTransformer })
  feeTotalOre!: bigint | null;

  /** The cost key's name as it was at launch; its weights are frozen in the allocation. */
  @Column({ name: 'cost_key', type: 'text', nullable: true })
  costKey!: string | null;

  @Column({ name: 'fee_effective_from', type: 'date', nullable: true })
  feeEffectiveFrom!: string | null;

  @Column({ name: 'round_to', type: 'text', nullable: true })
  roundTo!: 'ore' | 'krone' | null;

  @Column({ name: 'decision_rule', type: 'jsonb' })
  decisionRule!: { kind: 'unanimity' } | { kind: 'qualified_majority'; by: 'count' | 'weight'; atLeast: string };

  @Column({ type: 'date' })
  deadline!: string;

  @Column({ name: 'reminder_days_before', type: 'jsonb' })
  reminderDaysBefore!: number[];

  @Column({ name: 'expires_automatically', type: 'boolean', default: false })
  expiresAutomatically!: boolean;

  /** Shown on the council's public status page (`/public/{slug}`). */
  @Column({ name: 'is_public', type: 'boolean', default: false })
  isPublic!: boolean;

  @Column({ type: 'text' })
  status!: 'open' | 'approved' | 'rejected' | 'withdrawn' | 'expired';

  /** Why it was withdrawn or expired. */
  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ name: 'launched_by', type: 'text' })
  launchedBy!: string;

  // Given by the launch from the Clock, like its event: a rehearsed or replayed day must say that day.
  @Column({ name: 'launched_at', type: 'timestamptz' })
  launchedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @VersionColumn({ name: 'lock_version' })
  lockVersion!: number;
}

/**
 * A member of a round's electorate (frozen at launch) with its current decision. The primary key
 * is what makes "one current decision per member and round" hold; the revisions keep the history.
 */
@Entity('round_member')
// A clerk's inbox reads one municipality's rows across every round and council.
@Index('ix_round_member_municipality', ['municipalityNumber', 'roundId'])
// An inbox's decided rounds, latest meeting first: DESC NULLS LAST, which @Index cannot say; made by its migration.
@Index('ix_round_member_decided', { synchronize: false })
@Check('ck_round_member_status', `"status" IN ('pending', 'scheduled', 'adopted', 'rejected', 'adopted_with_amendments', 'postponed')`)
@Check('ck_round_member_revision', `"revision" >= 0`)
export class RoundMemberEntity {
  @PrimaryColumn({ name: 'round_id', type: 'uuid', primaryKeyConstraintName: 'pk_round_member' })
  roundId!: string;

  @ManyToOne(() => RoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_round_member_round' })
  round?: RoundEntity;

  @PrimaryColumn({ name: 'municipality_number', type: 'char', length: 4, primaryKeyConstraintName: 'pk_round_member' })
  municipalityNumber!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_number', foreignKeyConstraintName: 'fk_round_member_municipality' })
  municipality?: MunicipalityEntity;

  /** The municipality's name at launch. */
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: 'pending' | 'scheduled' | 'adopted' | 'rejected' | 'adopted_with_amendments' | 'postponed';

  /** The number of the current revision; 0 while nothing is registered. */
  @Column({ type: 'integer', default: 0 })
  revision!: number;

  @Column({ type: 'boolean', default: false })
  overdue!: boolean;

  @Column({ name: 'meeting_date', type: 'date', nullable: true })
  meetingDate!: string | null;

  @Column({ name: 'next_meeting_date', type: 'date', nullable: true })
  nextMeetingDate!: string | null;

  @Column({ type: 'text', nullable: true })
  body!: string | null;

  @Column({ name: 'case_number', type: 'text', nullable: true })
  caseNumber!: string | null;

  @Column({ name: 'protocol_ref', type: 'text', nullable: true })
  protocolRef!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  votes!: { for: number; against: number; blank: number } | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Order of the decision among the round's registrations; the decision rule names the decisive one by it. */
  @Column({ name: 'decided_sequence', type: 'bigint', nullable: true })
  decidedSequence!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;

  /** The member's weight in the round's cost key, frozen at launch for a qualified majority by weight; null otherwise. */
  @Column({ type: 'numeric', precision: 30, scale: 10, nullable: true })
  weight!: string | null;
}

/** Every registration and correction of a member's decision, never changed or removed. */
@Entity('member_decision_revision')
@Index('uq_member_decision_revision_sequence', ['sequence'], { unique: true })
export class MemberDecisionRevisionEntity {
  @PrimaryColumn({ name: 'round_id', type: 'uuid', primaryKeyConstraintName: 'pk_member_decision_revision' })
  roundId!: string;

  @PrimaryColumn({ name: 'municipality_number', type: 'char', length: 4, primaryKeyConstraintName: 'pk_member_decision_revision' })
  municipalityNumber!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_member_decision_revision' })
  revision!: number;

  // The round's, not the member row's: a revision outlives a member taken out of the electorate by an amendment.
  @ManyToOne(() => RoundEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_member_decision_revision_round' })
  round?: RoundEntity;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_number', foreignKeyConstraintName: 'fk_member_decision_revision_municipality' })
  municipality?: MunicipalityEntity;

  @Column({ type: 'bigint', generated: 'increment' })
  sequence!: string;

  @Column({ type: 'text' })
  status!: string;

  /** The named step: adopt, postpone, correct, correct_references … */
  @Column({ type: 'text' })
  transition!: string;

  @Column({ name: 'meeting_date', type: 'date', nullable: true })
  meetingDate!: string | null;

  @Column({ name: 'next_meeting_date', type: 'date', nullable: true })
  nextMeetingDate!: string | null;

  @Column({ type: 'text', nullable: true })
  body!: string | null;

  @Column({ name: 'case_number', type: 'text', nullable: true })
  caseNumber!: string | null;

  @Column({ name: 'protocol_ref', type: 'text', nullable: true })
  protocolRef!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  votes!: { for: number; against: number; blank: number } | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'registered_by', type: 'text' })
  registeredBy!: string;

  // Given by the registration from the Clock, the same instant as its event.
  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;
}

/** A member's share of a fee round, computed and frozen at launch. Amounts in øre. */
@Entity('round_allocation_line')
export class RoundAllocationLineEntity {
  @PrimaryColumn({ name: 'round_id', type: 'uuid', primaryKeyConstraintName: 'pk_round_allocation_line' })
  roundId!: string;

  @ManyToOne(() => RoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_round_allocation_line_round' })
  round?: RoundEntity;

  @PrimaryColumn({ name: 'municipality_number', type: 'char', length: 4, primaryKeyConstraintName: 'pk_round_allocation_line' })
  municipalityNumber!: string;

  @Column({ type: 'numeric', precision: 30, scale: 10 })
  weight!: string;

  @Column({ name: 'current_fee_ore', type: 'bigint', transformer: oreTransformer })
  currentFeeOre!: bigint;

  @Column({ name: 'new_fee_ore', type: 'bigint', transformer: oreTransformer })
  newFeeOre!: bigint;

  @Column({ name: 'change_ore', type: 'bigint', transformer: oreTransformer })
  changeOre!: bigint;
}

/** How a round was settled. Its primary key is the round: one outcome per round, ever. */
@Entity('round_outcome')
@Check('ck_round_outcome_status', `"status" IN ('approved', 'rejected')`)
export class RoundOutcomeEntity {
  @PrimaryColumn({ name: 'round_id', type: 'uuid', primaryKeyConstraintName: 'pk_round_outcome' })
  roundId!: string;

  @ManyToOne(() => RoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_round_outcome_round' })
  round?: RoundEntity;

  @Column({ type: 'text' })
  status!: 'approved' | 'rejected';

  @Column({ name: 'decisive_municipality_number', type: 'char', length: 4 })
  decisiveMunicipalityNumber!: string;

  @Column({ name: 'decisive_revision', type: 'integer' })
  decisiveRevision!: number;

  // Given by the settlement from the Clock, the same instant as its event.
  @Column({ name: 'settled_at', type: 'timestamptz' })
  settledAt!: Date;
}

/**
 * One change to an open round's electorate, made by the secretariat with a reason after a member left or
 * merged: a member taken out (with its decision as it stood), a successor brought in, or one that decides anew.
 */
@Entity('round_electorate_change')
@Index('ix_round_electorate_change_round', ['roundId', 'sequence'])
@Check('ck_round_electorate_change_kind', `"change" IN ('removed', 'added', 'decides_anew')`)
export class RoundElectorateChangeEntity {
  @PrimaryGeneratedColumn('identity', { name: 'sequence', type: 'bigint', primaryKeyConstraintName: 'pk_round_electorate_change' })
  sequence!: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @ManyToOne(() => RoundEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_round_electorate_change_round' })
  round?: RoundEntity;

  @Column({ name: 'municipality_number', type: 'char', length: 4 })
  municipalityNumber!: string;

  @ManyToOne(() => MunicipalityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'municipality_number', foreignKeyConstraintName: 'fk_round_electorate_change_municipality' })
  municipality?: MunicipalityEntity;

  /** The member's name as the round knew it. */
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  change!: 'removed' | 'added' | 'decides_anew';

  /** The member's status before the change (removed, decides anew) or as it came in (added). */
  @Column({ type: 'text' })
  status!: string;

  /** For a merger: the successor of a removed member; the predecessors of an added one are the rows naming it. */
  @Column({ name: 'successor', type: 'char', length: 4, nullable: true })
  successor!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'amended_by', type: 'text' })
  amendedBy!: string;

  @Column({ name: 'amended_at', type: 'timestamptz' })
  amendedAt!: Date;
}
