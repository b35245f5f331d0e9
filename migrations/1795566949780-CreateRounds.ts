import { MigrationInterface, QueryRunner } from "typeorm";

// Agreements and versions, approval rounds with their frozen electorate and allocation, member
// decisions with every revision, outcomes, the append-only event log and idempotency records.

export class CreateRounds1795566949780 implements MigrationInterface {
    name = 'CreateRounds1795566949780'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "agreement" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "council_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_agreement_council" UNIQUE ("council_id"),
                CONSTRAINT "pk_agreement" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "agreement_version" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "agreement_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "title" text NOT NULL,
                "effective_from" date NOT NULL,
                "sections" jsonb NOT NULL,
                "minimum_content" jsonb NOT NULL,
                "adoption" text,
                "adopted_on" date,
                "in_force_from" date,
                "adoption_reason" text,
                "created_by" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_agreement_version_number" UNIQUE ("agreement_id", "number"),
                CONSTRAINT "ck_agreement_version_adoption" CHECK (
                    (
                        "adoption" IS NULL
                        AND "in_force_from" IS NULL
                        AND "adopted_on" IS NULL
                    )
                    OR (
                        "adoption" IN ('round', 'onboarding')
                        AND "in_force_from" IS NOT NULL
                        AND "adopted_on" IS NOT NULL
                    )
                ),
                CONSTRAINT "pk_agreement_version" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_agreement_version_in_force" ON "agreement_version" ("agreement_id", "in_force_from")
        `);
        await queryRunner.query(`
            CREATE TABLE "event" (
                "id" BIGSERIAL NOT NULL,
                "type" text NOT NULL,
                "council_id" uuid,
                "round_id" uuid,
                "actor" text NOT NULL,
                "data" jsonb NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_event" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_event_council" ON "event" ("council_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_event_round" ON "event" ("round_id", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "idempotency_record" (
                "actor" text NOT NULL,
                "key" text NOT NULL,
                "request_hash" text NOT NULL,
                "response_status" integer NOT NULL,
                "response_body" jsonb NOT NULL,
                "response_etag" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_idempotency_record" PRIMARY KEY ("actor", "key")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "round" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "council_id" uuid NOT NULL,
                "title" text NOT NULL,
                "subject_type" text NOT NULL,
                "agreement_version_id" uuid,
                "fee_total_ore" bigint,
                "cost_key" text,
                "fee_effective_from" date,
                "round_to" text,
                "decision_rule" jsonb NOT NULL,
                "deadline" date NOT NULL,
                "reminder_days_before" jsonb NOT NULL,
                "expires_automatically" boolean NOT NULL DEFAULT false,
                "status" text NOT NULL,
                "status_reason" text,
                "launched_by" text NOT NULL,
                "launched_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "lock_version" integer NOT NULL,
                CONSTRAINT "ck_round_subject" CHECK (
                    (
                        "subject_type" = 'agreement'
                        AND "agreement_version_id" IS NOT NULL
                        AND "fee_total_ore" IS NULL
                    )
                    OR (
                        "subject_type" = 'fees'
                        AND "agreement_version_id" IS NULL
                        AND "fee_total_ore" IS NOT NULL
                        AND "cost_key" IS NOT NULL
                        AND "fee_effective_from" IS NOT NULL
                        AND "round_to" IN ('ore', 'krone')
                    )
                ),
                CONSTRAINT "ck_round_status" CHECK (
                    "status" IN (
                        'open',
                        'approved',
                        'rejected',
                        'withdrawn',
                        'expired'
                    )
                ),
                CONSTRAINT "pk_round" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_round_council_status" ON "round" ("council_id", "status")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_round_open_agreement_version" ON "round" ("agreement_version_id")
            WHERE "status" = 'open' AND "agreement_version_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_round_open_fees" ON "round" ("council_id", "fee_effective_from")
            WHERE "status" = 'open' AND "fee_effective_from" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "round_member" (
                "round_id" uuid NOT NULL,
                "municipality_number" character(4) NOT NULL,
                "name" text NOT NULL,
                "status" text NOT NULL DEFAULT 'pending',
                "revision" integer NOT NULL DEFAULT '0',
                "overdue" boolean NOT NULL DEFAULT false,
                "meeting_date" date,
                "next_meeting_date" date,
                "body" text,
                "case_number" text,
                "protocol_ref" text,
                "votes" jsonb,
                "note" text,
                "decided_sequence" bigint,
                "updated_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_round_member_revision" CHECK ("revision" >= 0),
                CONSTRAINT "ck_round_member_status" CHECK (
                    "status" IN (
                        'pending',
                        'scheduled',
                        'adopted',
                        'rejected',
                        'adopted_with_amendments',
                        'postponed'
                    )
                ),
                CONSTRAINT "pk_round_member" PRIMARY KEY ("round_id", "municipality_number")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "member_decision_revision" (
                "round_id" uuid NOT NULL,
                "municipality_number" character(4) NOT NULL,
                "revision" integer NOT NULL,
                "sequence" BIGSERIAL NOT NULL,
                "status" text NOT NULL,
                "transition" text NOT NULL,
                "meeting_date" date,
                "next_meeting_date" date,
                "body" text,
                "case_number" text,
                "protocol_ref" text,
                "votes" jsonb,
                "note" text,
                "reason" text,
                "registered_by" text NOT NULL,
                "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_member_decision_revision" PRIMARY KEY ("round_id", "municipality_number", "revision")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_member_decision_revision_sequence" ON "member_decision_revision" ("sequence")
        `);
        await queryRunner.query(`
            CREATE TABLE "round_allocation_line" (
                "round_id" uuid NOT NULL,
                "municipality_number" character(4) NOT NULL,
                "weight" numeric(30, 10) NOT NULL,
                "current_fee_ore" bigint NOT NULL,
                "new_fee_ore" bigint NOT NULL,
                "change_ore" bigint NOT NULL,
                CONSTRAINT "pk_round_allocation_line" PRIMARY KEY ("round_id", "municipality_number")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "round_outcome" (
                "round_id" uuid NOT NULL,
                "status" text NOT NULL,
                "decisive_municipality_number" character(4) NOT NULL,
                "decisive_revision" integer NOT NULL,
                "settled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_round_outcome_status" CHECK ("status" IN ('approved', 'rejected')),
                CONSTRAINT "pk_round_outcome" PRIMARY KEY ("round_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "fee_schedule"
            ADD "round_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "fee_schedule"
            ADD CONSTRAINT "ck_fee_schedule_round" CHECK (("source" = 'round') = ("round_id" IS NOT NULL))
        `);
        await queryRunner.query(`
            ALTER TABLE "agreement"
            ADD CONSTRAINT "fk_agreement_council" FOREIGN KEY ("council_id") REFERENCES "council"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "agreement_version"
            ADD CONSTRAINT "fk_agreement_version_agreement" FOREIGN KEY ("agreement_id") REFERENCES "agreement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "round"
            ADD CONSTRAINT "fk_round_council" FOREIGN KEY ("council_id") REFERENCES "council"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "round"
            ADD CONSTRAINT "fk_round_agreement_version" FOREIGN KEY ("agreement_version_id") REFERENCES "agreement_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "round_member"
            ADD CONSTRAINT "fk_round_member_round" FOREIGN KEY ("round_id") REFERENCES "round"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "round_member"
            ADD CONSTRAINT "fk_round_member_municipality" FOREIGN KEY ("municipality_number") REFERENCES "municipality"("number") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "member_decision_revision"
            ADD CONSTRAINT "fk_member_decision_revision_member" FOREIGN KEY ("round_id", "municipality_number") REFERENCES "round_member"("round_id", "municipality_number") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "round_allocation_line"
            ADD CONSTRAINT "fk_round_allocation_line_round" FOREIGN KEY ("round_id") REFERENCES "round"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "round_outcome"
            ADD CONSTRAINT "fk_round_outcome_round" FOREIGN KEY ("round_id") REFERENCES "round"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "fee_schedule"
            ADD CONSTRAINT "fk_fee_schedule_round" FOREIGN KEY ("round_id") REFERENCES "round"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        // The audit trail is append-only: no UPDATE or DELETE, whoever asks.
        await queryRunner.query(`
            CREATE FUNCTION "event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the event log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "tr_event_append_only" BEFORE UPDATE OR DELETE ON "event"
            FOR EACH ROW EXECUTE FUNCTION "event_append_only"()
        `);
        // A decision revision is history too.
        await queryRunner.query(`
            CREATE TRIGGER "tr_member_decision_revision_append_only" BEFORE UPDATE ON "member_decision_revision"
            FOR EACH ROW EXECUTE FUNCTION "event_append_only"()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "tr_member_decision_revision_append_only" ON "member_decision_revision"`);
        await queryRunner.query(`DROP TRIGGER "tr_event_append_only" ON "event"`);
        await queryRunner.query(`DROP FUNCTION "event_append_only"()`);
        await queryRunner.query(`
            ALTER TABLE "fee_schedule" DROP CONSTRAINT "fk_fee_schedule_round"
        `);
        await queryRunner.query(`
            ALTER TABLE "round_outcome" DROP CONSTRAINT "fk_round_outcome_round"
        `);
        await queryRunner.query(`
            ALTER TABLE "round_allocation_line" DROP CONSTRAINT "fk_round_allocation_line_round"
        `);
        await queryRunner.query(`
            ALTER TABLE "member_decision_revision" DROP CONSTRAINT "fk_member_decision_revision_member"
        `);
        await queryRunner.query(`
            ALTER TABLE "round_member" DROP CONSTRAINT "fk_round_member_municipality"
        `);
        await queryRunner.query(`
            ALTER TABLE "round_member" DROP CONSTRAINT "fk_round_member_round"
        `);
        await queryRunner.query(`
            ALTER TABLE "round" DROP CONSTRAINT "fk_round_agreement_version"
        `);
        await queryRunner.query(`
            ALTER TABLE "round" DROP CONSTRAINT "fk_round_council"
        `);
        await queryRunner.query(`
            ALTER TABLE "agreement_version" DROP CONSTRAINT "fk_agreement_version_agreement"
        `);
        await queryRunner.query(`
            ALTER TABLE "agreement" DROP CONSTRAINT "fk_agreement_council"
        `);
        await queryRunner.query(`
            ALTER TABLE "fee_schedule" DROP CONSTRAINT "ck_fee_schedule_round"
        `);
        await queryRunner.query(`
            ALTER TABLE "fee_schedule" DROP COLUMN "round_id"
        `);
        await queryRunner.query(`
            DROP TABLE "round_outcome"
        `);
        await queryRunner.query(`
            DROP TABLE "round_allocation_line"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_member_decision_revision_sequence"
        `);
        await queryRunner.query(`
            DROP TABLE "member_decision_revision"
        `);
        await queryRunner.query(`
            DROP TABLE "round_member"
        `);
        await queryRunner.query(`DROP INDEX "public"."uq_round_open_fees"`);
        await queryRunner.query(`DROP INDEX "public"."uq_round_open_agreement_version"`);
        await queryRunner.query(`
            DROP INDEX "public"."ix_round_council_status"
        `);
        await queryRunner.query(`
            DROP TABLE "round"
        `);
        await queryRunner.query(`
            DROP TABLE "idempotency_record"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_event_round"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_event_council"
        `);
        await queryRunner.query(`
            DROP TABLE "event"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_agreement_version_in_force"
        `);
        await queryRunner.query(`
            DROP TABLE "agreement_version"
        `);
        await queryRunner.query(`
            DROP TABLE "agreement"
        `);
    }

}
