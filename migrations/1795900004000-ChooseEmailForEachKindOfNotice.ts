import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person chooses, for each kind of notice, whether it also comes by e-mail or stays in the app
 * only: the kinds kept in the app only are listed; nobody has any yet, so everyone keeps e-mail.
 */
export class ChooseEmailForEachKindOfNotice1795900004000 implements MigrationInterface {
  name = 'ChooseEmailForEachKindOfNotice1795900004000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user"
       ADD "email_off_kinds" text array NOT NULL DEFAULT '{}'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "email_off_kinds"`);
  }
}
