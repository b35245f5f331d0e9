import { MigrationInterface, QueryRunner } from "typeorm";

// The transactional outbox the worker relays to BullMQ, and the notices people get (inbox and e-mail).

export class CreateOutboxAndNotices1795567762005 implements MigrationInterface {
    name = 'CreateOutboxAndNotices1795567762005'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "notification" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "key" text NOT NULL,
                "user_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "council_id" uuid,
                "round_id" uuid,
                "language" text NOT NULL,
                "subject" text NOT NULL,
                "body" text NOT NULL,
                "link" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP WITH TIME ZONE,
                "email_to" text,
                "email_status" text NOT NULL,
                "emailed_at" TIMESTAMP WITH TIME ZONE,
                "email_attempts" integer NOT NULL DEFAULT '0',
                CONSTRAINT "uq_notification_key" UNIQUE ("key"),
                CONSTRAINT "ck_notification_email_status" CHECK (
                    "email_status" IN ('off', 'pending', 'sending', 'sent', 'failed')
                ),
                CONSTRAINT "pk_notification" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_notification_user" ON "notification" ("user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "outbox" (
                "id" BIGSERIAL NOT NULL,
                "operation" text NOT NULL,
                "job_name" text NOT NULL,
                "job_id" text NOT NULL,
                "payload" jsonb NOT NULL,
                "run_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "relayed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_outbox_operation" CHECK ("operation" IN ('add', 'remove')),
                CONSTRAINT "pk_outbox" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_outbox_pending" ON "outbox" ("id")
            WHERE "relayed_at" IS NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "notification"
            ADD CONSTRAINT "fk_notification_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_pending"
        `);
        await queryRunner.query(`
            DROP TABLE "outbox"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_notification_user"
        `);
        await queryRunner.query(`
            DROP TABLE "notification"
        `);
    }

}
