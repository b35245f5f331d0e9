import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A round decided by a qualified majority by weight keeps each member's weight in the round's cost
 * key, frozen at launch, on the member's row (null for every other rule). The registration already
 * reads the members' rows under the round's lock in one statement, so the rule's weights come with
 * them and settling needs no further read.
 */
export class FreezeMemberWeightsForMajorities1795900001000 implements MigrationInterface {
  name = 'FreezeMemberWeightsForMajorities1795900001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "round_member" ADD "weight" numeric(30,10)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "round_member" DROP COLUMN "weight"`);
  }
}
