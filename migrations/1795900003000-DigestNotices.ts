import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A digest rather than a flood: several notices to one person about one round on one day go out as
 * one e-mail. Each notice records the e-mail it went out in, named by the notice whose mail job
 * sent it (whose Message-ID it carries), so a retry sends those again and no others. The digest is
 * found through ix_notification_user (user_id, created_at): no index of its own.
 */
export class DigestNotices1795900003000 implements MigrationInterface {
  name = 'DigestNotices1795900003000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" ADD "email_id" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "email_id"`);
  }
}
