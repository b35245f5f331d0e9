import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each list and look-back reads its page straight off an index in its own order, so its cost is
 * the page and not the history before it:
 * - a council's rounds, newest launch first (GET …/rounds; keyset on launched_at and id);
 * - a council's public rounds, for its public status page;
 * - a council's settled rounds by when they closed (the dashboard's "recently settled");
 * - a municipality's decided rounds, latest meeting first (the inbox's "decided"), in exactly the
 *   order and for exactly the statuses of that query.
 */
export class IndexTheListsByTheirOrder1795800003000 implements MigrationInterface {
  name = 'IndexTheListsByTheirOrder1795800003000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_round_council_launched" ON "round" ("council_id", "launched_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_round_public_launched" ON "round" ("council_id", "launched_at", "id") WHERE "is_public"`);
    await queryRunner.query(
      `CREATE INDEX "ix_round_council_settled" ON "round" ("council_id", "closed_at", "id") WHERE "status" IN ('approved', 'rejected')`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_round_member_decided" ON "round_member"
         ("municipality_number", "meeting_date" DESC NULLS LAST, "updated_at" DESC NULLS LAST, "round_id")
       WHERE "status" IN ('adopted', 'rejected', 'adopted_with_amendments')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_round_member_decided"`);
    await queryRunner.query(`DROP INDEX "public"."ix_round_council_settled"`);
    await queryRunner.query(`DROP INDEX "public"."ix_round_public_launched"`);
    await queryRunner.query(`DROP INDEX "public"."ix_round_council_launched"`);
  }
}
