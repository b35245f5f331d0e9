import { MigrationInterface, QueryRunner } from "typeorm";

// Councils, municipalities, memberships, cost keys, fee schedules, users and their roles.

export class CreateCouncils1795565976199 implements MigrationInterface {
    name = 'CreateCouncils1795565976199'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "council" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "slug" text NOT NULL,
                "name" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_council_slug" UNIQUE ("slug"),
                CONSTRAINT "ck_council_slug" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
                CONSTRAINT "pk_council" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "municipality" (
                "number" character(4) NOT NULL,
                "name" text NOT NULL,
                "language" text NOT NULL DEFAULT 'nb',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_municipality_language" CHECK ("language" IN ('nb', 'nn', 'en')),
                CONSTRAINT "ck_municipality_number" CHECK ("number" ~ '^[0-9]{4}$'),
                CONSTRAINT "pk_municipality" PRIMARY KEY ("number")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "app_user" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "subject" text NOT NULL,
                "name" text NOT NULL,
                "email" text,
                "language" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_app_user_subject" UNIQUE ("subject"),
                CONSTRAINT "ck_app_user_language" CHECK (
                    "language" IS NULL
                    OR "language" IN ('nb', 'nn', 'en')
                ),
                CONSTRAINT "pk_app_user" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "role_grant" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "role" text NOT NULL,
                "council_id" uuid,
                "municipality_number" character(4),
                CONSTRAINT "uq_role_grant" UNIQUE (
                    "user_id",
                    "role",
                    "council_id",
                    "municipality_number"
                ),
                CONSTRAINT "ck_role_grant_scope" CHECK (
                    (
                        "role" = 'admin'
                        AND "council_id" IS NULL
                        AND "municipality_number" IS NULL
                    )
                    OR (
                        "role" IN ('secretariat', 'leader')
                        AND "council_id" IS NOT NULL
                        AND "municipality_number" IS NULL
                    )
                    OR (
                        "role" = 'clerk'
                        AND "council_id" IS NULL
                        AND "municipality_number" IS NOT NULL
                    )
                ),
                CONSTRAINT "pk_role_grant" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "cost_key" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "council_id" uuid NOT NULL,
                "key" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_cost_key_council_key" UNIQUE ("council_id", "key"),
                CONSTRAINT "ck_cost_key_key" CHECK ("key" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
                CONSTRAINT "pk_cost_key" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "cost_key_weight" (
                "cost_key_id" uuid NOT NULL,
                "municipality_number" character(4) NOT NULL,
                "weight" numeric(30, 10) NOT NULL,
                CONSTRAINT "ck_cost_key_weight_non_negative" CHECK ("weight" >= 0),
                CONSTRAINT "pk_cost_key_weight" PRIMARY KEY ("cost_key_id", "municipality_number")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "fee_schedule" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "council_id" uuid NOT NULL,
                "effective_from" date NOT NULL,
                "in_force_from" date NOT NULL,
                "source" text NOT NULL,
                "reason" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_fee_schedule_council_effective" UNIQUE ("council_id", "effective_from"),
                CONSTRAINT "ck_fee_schedule_in_force" CHECK ("in_force_from" >= "effective_from"),
                CONSTRAINT "ck_fee_schedule_source" CHECK ("source" IN ('onboarding', 'round')),
                CONSTRAINT "pk_fee_schedule" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "fee_schedule_line" (
                "fee_schedule_id" uuid NOT NULL,
                "municipality_number" character(4) NOT NULL,
                "amount_ore" bigint NOT NULL,
                CONSTRAINT "ck_fee_schedule_line_amount" CHECK ("amount_ore" >= 0),
                CONSTRAINT "pk_fee_schedule_line" PRIMARY KEY ("fee_schedule_id", "municipality_number")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "membership" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "council_id" uuid NOT NULL,
                "municipality_number" character(4) NOT NULL,
                "joined_on" date NOT NULL,
                "left_on" date,
                "representatives" integer NOT NULL,
                CONSTRAINT "ck_membership_period" CHECK (
                    "left_on" IS NULL
                    OR "left_on" >= "joined_on"
                ),
                CONSTRAINT "ck_membership_representatives" CHECK ("representatives" >= 0),
                CONSTRAINT "pk_membership" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_membership_current" ON "membership" ("council_id", "municipality_number")
            WHERE "left_on" IS NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "role_grant"
            ADD CONSTRAINT "fk_role_grant_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "role_grant"
            ADD CONSTRAINT "fk_role_grant_council" FOREIGN KEY ("council_id") REFERENCES "council"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "role_grant"
            ADD CONSTRAINT "fk_role_grant_municipality" FOREIGN KEY ("municipality_number") REFERENCES "municipality"("number") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cost_key"
            ADD CONSTRAINT "fk_cost_key_council" FOREIGN KEY ("council_id") REFERENCES "council"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cost_key_weight"
            ADD CONSTRAINT "fk_cost_key_weight_cost_key" FOREIGN KEY ("cost_key_id") REFERENCES "cost_key"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cost_key_weight"
            ADD CONSTRAINT "fk_cost_key_weight_municipality" FOREIGN KEY ("municipality_number") REFERENCES "municipality"("number") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "fee_schedule"
            ADD CONSTRAINT "fk_fee_schedule_council" FOREIGN KEY ("council_id") REFERENCES "council"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "fee_schedule_line"
            ADD CONSTRAINT "fk_fee_schedule_line_schedule" FOREIGN KEY ("fee_schedule_id") REFERENCES "fee_schedule"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "fee_schedule_line"
            ADD CONSTRAINT "fk_fee_schedule_line_municipality" FOREIGN KEY ("municipality_number") REFERENCES "municipality"("number") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "fk_membership_council" FOREIGN KEY ("council_id") REFERENCES "council"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "fk_membership_municipality" FOREIGN KEY ("municipality_number") REFERENCES "municipality"("number") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "fk_membership_municipality"
        `);
        await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "fk_membership_council"
        `);
        await queryRunner.query(`
            ALTER TABLE "fee_schedule_line" DROP CONSTRAINT "fk_fee_schedule_line_municipality"
        `);
        await queryRunner.query(`
            ALTER TABLE "fee_schedule_line" DROP CONSTRAINT "fk_fee_schedule_line_schedule"
        `);
        await queryRunner.query(`
            ALTER TABLE "fee_schedule" DROP CONSTRAINT "fk_fee_schedule_council"
        `);
        await queryRunner.query(`
            ALTER TABLE "cost_key_weight" DROP CONSTRAINT "fk_cost_key_weight_municipality"
        `);
        await queryRunner.query(`
            ALTER TABLE "cost_key_weight" DROP CONSTRAINT "fk_cost_key_weight_cost_key"
        `);
        await queryRunner.query(`
            ALTER TABLE "cost_key" DROP CONSTRAINT "fk_cost_key_council"
        `);
        await queryRunner.query(`
            ALTER TABLE "role_grant" DROP CONSTRAINT "fk_role_grant_municipality"
        `);
        await queryRunner.query(`
            ALTER TABLE "role_grant" DROP CONSTRAINT "fk_role_grant_council"
        `);
        await queryRunner.query(`
            ALTER TABLE "role_grant" DROP CONSTRAINT "fk_role_grant_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_membership_current"
        `);
        await queryRunner.query(`
            DROP TABLE "membership"
        `);
        await queryRunner.query(`
            DROP TABLE "fee_schedule_line"
        `);
        await queryRunner.query(`
            DROP TABLE "fee_schedule"
        `);
        await queryRunner.query(`
            DROP TABLE "cost_key_weight"
        `);
        await queryRunner.query(`
            DROP TABLE "cost_key"
        `);
        await queryRunner.query(`
            DROP TABLE "role_grant"
        `);
        await queryRunner.query(`
            DROP TABLE "app_user"
        `);
        await queryRunner.query(`
            DROP TABLE "municipality"
        `);
        await queryRunner.query(`
            DROP TABLE "council"
        `);
    }

}
