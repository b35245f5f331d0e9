import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the jobs look up goes through an index, however much history lies behind it:
 * - a notice's topic (its key without the recipient, e.g. `reminder/<round>/<member>/<date>`),
 *   so the jobs and the reconciliation ask by equality whether a job's notices were written,
 *   never by LIKE; only for the kinds they ask about (an overdue notice and an escalation are
 *   recorded by the member's overdue mark), so a deadline's hundred thousand notices stay out;
 * - the notices by when they were written, for the e-mails still owed of the last week (not
 *   by their e-mail status, which changes as each is sent: an index on it would cost every
 *   send a copy of the row in every index);
 * - the open rounds by deadline, for the deadline sweep and the reconciliation's walk;
 * - the rounds settled lately, whose outcome and coming into force are checked again.
 */
export class IndexWhatTheJobsLookUp1795800001000 implements MigrationInterface {
  name = 'IndexWhatTheJobsLookUp1795800001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" ADD "topic" text`);
    // Every key is `<topic>/<recipient>`; a key without a slash is its own topic.
    await queryRunner.query(`UPDATE "notification" SET "topic" = regexp_replace("key", '/[^/]*$', '')`);
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "topic" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_notification_topic" ON "notification" ("topic") WHERE "kind" IN ('reminder', 'settled', 'veto', 'in_force')`,
    );
    await queryRunner.query(`CREATE INDEX "ix_notification_created" ON "notification" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_round_open_deadline" ON "round" ("deadline", "id") WHERE "status" = 'open'`);
    await queryRunner.query(`CREATE INDEX "ix_round_settled" ON "round" ("closed_at") WHERE "status" IN ('approved', 'rejected')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_round_settled"`);
    await queryRunner.query(`DROP INDEX "ix_round_open_deadline"`);
    await queryRunner.query(`DROP INDEX "ix_notification_created"`);
    await queryRunner.query(`DROP INDEX "ix_notification_topic"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "topic"`);
  }
}
