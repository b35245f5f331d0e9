import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the hot paths look up at national size goes through an index (test/hot-path-indexes.e2e-spec.ts
 * explains every statement they send):
 * - the fee schedule an approved round brought into force, by its round: the coming-into-force
 *   notice and the reconciliation's look-back read it so, and without this a walk of every
 *   council's schedules answers them.
 */
export class IndexTheHotPaths1795800002000 implements MigrationInterface {
  name = 'IndexTheHotPaths1795800002000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_fee_schedule_round" ON "fee_schedule" ("round_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_fee_schedule_round"`);
  }
}
