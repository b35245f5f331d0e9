import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a round was launched, a decision registered and a round settled is given by the
 * application from its Clock, like the event that records it; the database no longer fills it in.
 */
export class RecordedTimesFromTheClock1795700003000 implements MigrationInterface {
  name = 'RecordedTimesFromTheClock1795700003000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "round" ALTER COLUMN "launched_at" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "member_decision_revision" ALTER COLUMN "registered_at" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "round_outcome" ALTER COLUMN "settled_at" DROP DEFAULT`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "round_outcome" ALTER COLUMN "settled_at" SET DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "member_decision_revision" ALTER COLUMN "registered_at" SET DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "round" ALTER COLUMN "launched_at" SET DEFAULT now()`);
  }
}
