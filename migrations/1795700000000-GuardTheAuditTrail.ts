import { MigrationInterface, QueryRunner } from 'typeorm';

/** The role that owns the audit trail. It cannot log in; the application's role is a member of nothing. */
export const AUDIT_OWNER = 'vedtak_audit_owner';

// The application's role is the one that owns the product's other tables; in this product that is
// the role the api and the worker log in as (the migrations run as it, or act as it).
const APP_ROLE = `(SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'round')`;

// Who may hand the audit tables over: a superuser, or a migration role that is a member both of the
// audit owner and of the application's role (never the application's role itself).
const MAY_HAND_OVER = `
    (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
    OR (EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${AUDIT_OWNER}')
        AND current_user <> app_role
        AND pg_has_role(current_user, '${AUDIT_OWNER}', 'USAGE')
        AND pg_has_role(current_user, app_role, 'USAGE'))`;

/**
 * Gives the audit tables (with their sequences), the functions of their guards and the schema to
 * vedtak_audit_owner, and leaves the application's role SELECT and INSERT on the audit tables: it
 * can no longer switch a guard off, drop it, replace its function, drop a table, or delete, update
 * or truncate a row. Does nothing but say so when the role running it may not; run it again as
 * one that may (it is idempotent).
 */
export const HAND_OVER_THE_AUDIT_TRAIL = `
DO $guard$
DECLARE
    app_role name := ${APP_ROLE};
BEGIN
    IF EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'event' AND tableowner = '${AUDIT_OWNER}') THEN
        RETURN;
    END IF;
    IF NOT (${MAY_HAND_OVER}) THEN
        RAISE NOTICE 'The audit tables stay with %: only a superuser, or a member of both % and %, may hand them to %.',
            app_role, '${AUDIT_OWNER}', app_role, '${AUDIT_OWNER}';
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${AUDIT_OWNER}') THEN
        CREATE ROLE ${AUDIT_OWNER} NOLOGIN;
    END IF;
    -- The schema's owner may drop any table in it, and the application's role owns its database,
    -- so the schema's public default (pg_database_owner): the schema goes to the audit owner too,
    -- and the application keeps creating its own tables in it.
    EXECUTE format('GRANT CREATE ON DATABASE %I TO ${AUDIT_OWNER}', current_database());
    EXECUTE format('ALTER SCHEMA %I OWNER TO ${AUDIT_OWNER}', current_schema());
    EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO %I', current_schema(), app_role);
    -- A table's serial sequences change owner with it.
    ALTER TABLE "event" OWNER TO ${AUDIT_OWNER};
    ALTER TABLE "member_decision_revision" OWNER TO ${AUDIT_OWNER};
    ALTER FUNCTION "event_append_only"() OWNER TO ${AUDIT_OWNER};
    ALTER FUNCTION "audit_trail_append_only"() OWNER TO ${AUDIT_OWNER};
    EXECUTE format('REVOKE ALL ON "event", "member_decision_revision" FROM %I', app_role);
    EXECUTE format('GRANT SELECT, INSERT ON "event", "member_decision_revision" TO %I', app_role);
    EXECUTE format('GRANT USAGE ON SEQUENCE "event_id_seq", "member_decision_revision_sequence_seq" TO %I', app_role);
END
$guard$`;

/** The way back: the audit tables and their guards' functions return to the application's role, the schema to its owner before. */
export const HAND_BACK_THE_AUDIT_TRAIL = `
DO $guard$
DECLARE
    app_role name := ${APP_ROLE};
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'event' AND tableowner = '${AUDIT_OWNER}') THEN
        RETURN;
    END IF;
    IF NOT (${MAY_HAND_OVER}) THEN
        RAISE EXCEPTION 'The audit tables belong to %; revert as a superuser, or as a member of both % and %.',
            '${AUDIT_OWNER}', '${AUDIT_OWNER}', app_role USING ERRCODE = 'insufficient_privilege';
    END IF;
    EXECUTE format('ALTER TABLE "event" OWNER TO %I', app_role);
    EXECUTE format('ALTER TABLE "member_decision_revision" OWNER TO %I', app_role);
    EXECUTE format('ALTER FUNCTION "event_append_only"() OWNER TO %I', app_role);
    EXECUTE format('ALTER FUNCTION "audit_trail_append_only"() OWNER TO %I', app_role);
    -- PostgreSQL's own owner of the public schema; another schema goes to the application's role.
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', current_schema(), CASE WHEN current_schema() = 'public' THEN 'pg_database_owner' ELSE app_role END);
    IF current_schema() = 'public' THEN
        EXECUTE format('REVOKE ALL ON SCHEMA public FROM %I', app_role);
    END IF;
    EXECUTE format('REVOKE CREATE ON DATABASE %I FROM ${AUDIT_OWNER}', current_database());
END
$guard$`;

/**
 * The audit trail (events and decision revisions) is append-only against everyone: DELETE and
 * TRUNCATE are refused like UPDATE, and where the role running the migrations may, the tables
 * belong to a role the application does not log in as, so it cannot switch the guards off. The
 * head of each council's chain is looked up by an index, the global chain's too; and an event's
 * instant comes from its writer (the Clock), never from a default of the database.
 */
export class GuardTheAuditTrail1795700000000 implements MigrationInterface {
  name = 'GuardTheAuditTrail1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE FUNCTION "audit_trail_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit trail is append-only (% on % refused)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "tr_member_decision_revision_no_delete" BEFORE DELETE ON "member_decision_revision"
            FOR EACH ROW EXECUTE FUNCTION "audit_trail_append_only"()
        `);
    for (const table of ['event', 'member_decision_revision']) {
      await queryRunner.query(`
            CREATE TRIGGER "tr_${table}_no_truncate" BEFORE TRUNCATE ON "${table}"
            FOR EACH STATEMENT EXECUTE FUNCTION "audit_trail_append_only"()
        `);
    }
    await queryRunner.query(`ALTER TABLE "event" ALTER COLUMN "at" DROP DEFAULT`);
    // ix_event_council serves a council's head; the events of no council need an index of their own.
    await queryRunner.query(`CREATE INDEX "ix_event_global_chain" ON "event" ("id") WHERE "council_id" IS NULL`);
    await asSessionUser(queryRunner, HAND_OVER_THE_AUDIT_TRAIL);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await asSessionUser(queryRunner, HAND_BACK_THE_AUDIT_TRAIL);
    await queryRunner.query(`DROP INDEX "public"."ix_event_global_chain"`);
    await queryRunner.query(`ALTER TABLE "event" ALTER COLUMN "at" SET DEFAULT now()`);
    for (const table of ['event', 'member_decision_revision']) {
      await queryRunner.query(`DROP TRIGGER "tr_${table}_no_truncate" ON "${table}"`);
    }
    await queryRunner.query(`DROP TRIGGER "tr_member_decision_revision_no_delete" ON "member_decision_revision"`);
    await queryRunner.query(`DROP FUNCTION "audit_trail_append_only"()`);
  }
}

/**
 * Runs the hand-over as the session's own user. Migrations may run in a session that logged in as
 * a migration role (or a superuser) and acts as the application's role (`options=-c role=…`), so
 * that the tables they create belong to the application; the hand-over needs the login's rights.
 */
async function asSessionUser(queryRunner: QueryRunner, sql: string): Promise<void> {
  const [{ acting, session }]: Array<{ acting: string; session: string }> = await queryRunner.query(
    `SELECT current_user AS acting, session_user AS session`,
  );
  if (acting === session) return void (await queryRunner.query(sql));
  await queryRunner.query(`SET ROLE NONE`);
  await queryRunner.query(sql);
  await queryRunner.query(`SET ROLE "${acting.replace(/"/g, '""')}"`);
}
