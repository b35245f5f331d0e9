import { createHash } from "node:crypto";
import { MigrationInterface, QueryRunner } from "typeorm";

// Links every event to the council's previous one by hash (the audit chain GET /api/audit/verify
// walks), and lets a round be shown on the council's public status page.
export class ChainEventsAndPublishRounds1795571127427 implements MigrationInterface {
    name = 'ChainEventsAndPublishRounds1795571127427'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "event"
            ADD "prev_hash" character(64)
        `);
        await queryRunner.query(`
            ALTER TABLE "event"
            ADD "hash" character(64)
        `);
        await this.chainExistingEvents(queryRunner);
        await queryRunner.query(`
            ALTER TABLE "event"
            ALTER COLUMN "hash" SET NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "round"
            ADD "is_public" boolean NOT NULL DEFAULT false
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "round" DROP COLUMN "is_public"
        `);
        await queryRunner.query(`
            ALTER TABLE "event" DROP COLUMN "hash"
        `);
        await queryRunner.query(`
            ALTER TABLE "event" DROP COLUMN "prev_hash"
        `);
    }

    // Events written before the chain existed are chained now, in id order per council. The
    // formula is copied here on purpose (libs/application/src/audit/event-chain.ts is the live
    // one): a migration must keep doing what it did when it was written.
    private async chainExistingEvents(queryRunner: QueryRunner): Promise<void> {
        const events: Array<{ id: string; type: string; council_id: string | null; round_id: string | null; actor: string; data: unknown; at: Date }> =
            await queryRunner.query(`SELECT id, type, council_id, round_id, actor, data, at FROM "event" ORDER BY id`);
        if (events.length === 0) return;
        await queryRunner.query(`ALTER TABLE "event" DISABLE TRIGGER "tr_event_append_only"`);
        const last = new Map<string, string>();
        for (const event of events) {
            const chain = event.council_id ?? "";
            const prev = last.get(chain) ?? null;
            const content = canonical({ type: event.type, councilId: event.council_id, roundId: event.round_id, actor: event.actor, data: event.data, at: new Date(event.at).toISOString() });
            const hash = createHash("sha256").update(`${prev ?? ""}\n${content}`).digest("hex");
            await queryRunner.query(`UPDATE "event" SET prev_hash = $1, hash = $2 WHERE id = $3`, [prev, hash, event.id]);
            last.set(chain, hash);
        }
        await queryRunner.query(`ALTER TABLE "event" ENABLE TRIGGER "tr_event_append_only"`);
    }
}

function canonical(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
    if (value && typeof value === "object") {
        return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(",")}}`;
    }
    return JSON.stringify(value ?? null);
}
