import { MigrationInterface, QueryRunner } from "typeorm";

// A person is the subject of one issuer: two identity providers may both have a "kari", and they
// are two people. People recorded before keep no issuer (NULL): which one vouched for them was
// never written down. The next sign-in with their subject claims them (People.remember), so
// their settings, notices and grants carry over instead of a second person being made beside them.
export class KeyPeopleByIssuer1795700001000 implements MigrationInterface {
    name = 'KeyPeopleByIssuer1795700001000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD "issuer" text
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user" DROP CONSTRAINT "uq_app_user_subject"
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD CONSTRAINT "uq_app_user_issuer_subject" UNIQUE ("issuer", "subject")
        `);
    }

    // Fails, naming the subject, when two issuers' people share one: which to keep is a person's decision.
    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "app_user" DROP CONSTRAINT "uq_app_user_issuer_subject"
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD CONSTRAINT "uq_app_user_subject" UNIQUE ("subject")
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user" DROP COLUMN "issuer"
        `);
    }
}
