import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per audit chain (a council's id, or `global`) holding the hash and id of its newest
 * event. Appending to a chain updates its head in the same statement that writes the event: the
 * row lock serialises appends to one chain, and the previous hash is read without walking the
 * event table, however long its history.
 */
export class KeepEachChainsHead1795800000000 implements MigrationInterface {
  name = 'KeepEachChainsHead1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "event_chain_head" (
         "chain" text NOT NULL,
         "event_id" bigint NOT NULL,
         "prev_hash" character(64),
         "hash" character(64) NOT NULL,
         CONSTRAINT "pk_event_chain_head" PRIMARY KEY ("chain")
       )`,
    );
    await queryRunner.query(
      `INSERT INTO "event_chain_head" ("chain", "event_id", "prev_hash", "hash")
       SELECT DISTINCT ON (COALESCE("council_id"::text, 'global')) COALESCE("council_id"::text, 'global'), "id", "prev_hash", "hash"
         FROM "event"
        ORDER BY COALESCE("council_id"::text, 'global'), "id" DESC`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "event_chain_head"`);
  }
}
