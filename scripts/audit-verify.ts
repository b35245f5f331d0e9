// Walks the audit chain in DATABASE_URL, as GET /api/audit/verify does, and prints where each
// chain ends: one line per chain with its length and head hash.
//   npm run audit:verify                           walk and print
//   npm run audit:verify -- --write heads.json     also keep the heads, to check against later
//   npm run audit:verify -- --against heads.json   check that every head kept then is still there
//   npm run --silent audit:verify -- --print-hand-over | sudo -u postgres psql -d vedtak
//                                                  the SQL that hands the audit trail to its own role
// Exits 1 when a link is broken or a chain was cut off (and says which), 2 on bad usage.
import { readFileSync, writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
// The walk itself rather than the whole application library (modules, queues): the script starts in a fraction of the time.
import { AuditChainReport, ChainHead, RecordedHead, verifyAuditChain } from '../libs/application/src/audit/verify-audit-chain.handler';
import { dataSourceOptions } from '@app/persistence';
import { HAND_OVER_THE_AUDIT_TRAIL } from '../migrations/1795700000000-GuardTheAuditTrail';

class UsageError extends Error {}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  if (index < 0) return undefined;
  const value = process.argv[index + 1];
  if (!value || value.startsWith('--')) throw new UsageError(`${name} takes a file name`);
  return value;
}

/** The heads a file written with --write holds (the body POST /api/audit/verify takes has the same shape). */
function readHeads(file: string): RecordedHead[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file} cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const heads = (parsed as { heads?: unknown })?.heads;
  if (!Array.isArray(heads)) throw new UsageError(`${file} has no "heads" list; write one with --write`);
  return heads.map((head: Record<string, unknown>, index) => {
    const { councilId, length, headHash } = head ?? {};
    const valid =
      (councilId === null || typeof councilId === 'string') &&
      Number.isInteger(length) &&
      (length as number) >= 1 &&
      typeof headHash === 'string' &&
      /^[0-9a-f]{64}$/.test(headHash);
    if (!valid) throw new UsageError(`${file}: heads[${index}] needs councilId (a council's id or null), length (1 or more) and headHash (64 hex digits)`);
    return { councilId: councilId as string | null, length: length as number, headHash: headHash as string };
  });
}

const name = (head: { councilSlug: string | null; councilId: string | null }) => head.councilSlug ?? head.councilId ?? '(no council)';

function headLine(head: ChainHead, width: number): string {
  return `${name(head).padEnd(width)}  length ${String(head.length).padStart(6)}  head ${head.headHash}  (event ${head.headEventId})`;
}

/** What is wrong, one line each; empty when all holds. */
function findings(report: AuditChainReport): string[] {
  const lines: string[] = [];
  const broken = report.firstBrokenLink;
  if (broken) {
    const chain = report.heads.find((head) => head.councilId === broken.councilId);
    lines.push(`chain ${chain ? name(chain) : (broken.councilId ?? '(no council)')} is broken at event ${broken.eventId} (${broken.type}, ${broken.at}): ${broken.reason}`);
  }
  for (const head of report.recordedHeads) {
    if (head.status === 'truncated') {
      lines.push(`chain ${name(head)} was cut off: ${head.length} events recorded, the newest with hash ${head.headHash}; it has ${head.chainLength} now`);
    } else if (head.status === 'missing') {
      lines.push(`chain ${name(head)} no longer holds the recorded head: event ${head.length} of the chain had hash ${head.headHash}, now ${head.foundHash}`);
    }
  }
  return lines;
}

async function main(): Promise<number> {
  // The migration's own statements, for a database migrated by a role that could not hand the trail over.
  if (process.argv.includes('--print-hand-over')) {
    process.stdout.write(`${HAND_OVER_THE_AUDIT_TRAIL.trim()};\n`);
    return 0;
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new UsageError('DATABASE_URL must be set');
  const writeTo = option('--write');
  const against = option('--against');
  const recorded = against ? readHeads(against) : [];

  const dataSource = await new DataSource(dataSourceOptions(url, 'vedtaksrunde-audit-verify')).initialize();
  let report: AuditChainReport;
  try {
    report = await verifyAuditChain(dataSource, recorded);
  } finally {
    await dataSource.destroy();
  }

  const width = Math.max(0, ...report.heads.map((head) => name(head).length));
  process.stdout.write(report.heads.map((head) => `${headLine(head, width)}\n`).join(''));
  process.stdout.write(`${report.events} events in ${report.chains} chains${against ? `, checked against ${recorded.length} heads from ${against}` : ''}\n`);
  if (writeTo) {
    const heads = report.heads.map(({ councilId, councilSlug, length, headEventId, headHash }) => ({ councilId, councilSlug, length, headEventId, headHash }));
    writeFileSync(writeTo, `${JSON.stringify({ heads }, null, 2)}\n`);
    process.stdout.write(`heads written to ${writeTo}\n`);
  }
  if (!report.guardedFromApplication) {
    process.stdout.write('note: this role may alter or drop the audit tables; hand them to their own role (see --print-hand-over)\n');
  }
  const wrong = findings(report);
  if (wrong.length === 0) {
    process.stdout.write('the audit trail is intact\n');
    return 0;
  }
  process.stderr.write(wrong.map((line) => `${line}\n`).join(''));
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`audit:verify: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
