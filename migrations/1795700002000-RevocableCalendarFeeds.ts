import { MigrationInterface, QueryRunner } from "typeorm";

// Calendar feed tokens become opaque and revocable: each feed is a row of its holder's, with the
// token's SHA-256 (never the token), a lifetime of at most 90 days, and when it was revoked and
// last fetched. Feed tokens signed before this are no longer accepted; their holders issue new ones.
export class RevocableCalendarFeeds1795700002000 implements MigrationInterface {
    name = 'RevocableCalendarFeeds1795700002000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "calendar_feed" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" bytea NOT NULL,
                "token_prefix" text NOT NULL,
                "scope" text NOT NULL,
                "council_id" uuid,
                "municipality_number" character(4),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "content_etag" text,
                "content_changed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_calendar_feed_token_hash" CHECK (octet_length("token_hash") = 32),
                CONSTRAINT "ck_calendar_feed_lifetime" CHECK (
                    "expires_at" > "created_at"
                    AND "expires_at" <= "created_at" + interval '90 days'
                ),
                CONSTRAINT "ck_calendar_feed_scope" CHECK (
                    ("scope" = 'council' AND "council_id" IS NOT NULL AND "municipality_number" IS NULL)
                    OR ("scope" = 'municipality' AND "council_id" IS NULL AND "municipality_number" IS NOT NULL)
                ),
                CONSTRAINT "pk_calendar_feed" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_calendar_feed_user" ON "calendar_feed" ("user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_calendar_feed_token_hash" ON "calendar_feed" ("token_hash")
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed"
            ADD CONSTRAINT "fk_calendar_feed_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed"
            ADD CONSTRAINT "fk_calendar_feed_council" FOREIGN KEY ("council_id") REFERENCES "council"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed"
            ADD CONSTRAINT "fk_calendar_feed_municipality" FOREIGN KEY ("municipality_number") REFERENCES "municipality"("number") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "calendar_feed" DROP CONSTRAINT "fk_calendar_feed_municipality"
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed" DROP CONSTRAINT "fk_calendar_feed_council"
        `);
        await queryRunner.query(`
            ALTER TABLE "calendar_feed" DROP CONSTRAINT "fk_calendar_feed_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_calendar_feed_token_hash"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_calendar_feed_user"
        `);
        await queryRunner.query(`
            DROP TABLE "calendar_feed"
        `);
    }
}
