import { MigrationInterface, QueryRunner } from 'typeorm';

/** A municipality's inbox reads its rows of round_member across every round; the primary key leads with the round. */
export class IndexRoundMembersByMunicipality1795600000000 implements MigrationInterface {
  name = 'IndexRoundMembersByMunicipality1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_round_member_municipality" ON "round_member" ("municipality_number", "round_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_round_member_municipality"`);
  }
}
