// Loads the demo into DATABASE_URL, writes the people the demo identity provider signs in
// (--people-file) and a ready HS256 token per person for scripts (--tokens-file), and says in a
// few lines what it loaded. CLOCK_START, when set, is the demo's today, as for the api and worker.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { clockFor } from '@app/application';
import { todayInOslo } from '@app/domain';
import { demoTokens, demoUsers, seedDemo } from '@app/demo';
import { dataSourceOptions } from '@app/persistence';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  // The tokens sign anyone in as anyone: readable by this user only.
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
}

interface OpenRound {
  council: string;
  title: string;
  deadline: string;
  adopted: number;
  members: number;
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const secret = process.env.JWT_SECRET;
  if (!url || !secret) throw new Error('DATABASE_URL and JWT_SECRET must be set');
  const start = process.env.CLOCK_START ? new Date(process.env.CLOCK_START) : null;
  if (start && Number.isNaN(start.getTime())) throw new Error('CLOCK_START must be an ISO 8601 instant such as 2022-12-15T23:59:50+01:00');
  const clock = clockFor(start);
  const peopleFile = argument('--people-file', '.data/demo-people.json');
  const tokensFile = argument('--tokens-file', '.data/demo-tokens.json');

  const dataSource = await new DataSource(dataSourceOptions(url, 'vedtaksrunde-seed')).initialize();
  let open: OpenRound[];
  try {
    // The demo's people are those its identity provider signs in (OIDC_ISSUER, as the api is told).
    await seedDemo(dataSource, { clock, issuer: process.env.OIDC_ISSUER || undefined });
    open = await dataSource.query(
      `SELECT c.name AS council, r.title, r.deadline::text AS deadline,
              count(*) FILTER (WHERE m.status = 'adopted')::int AS adopted, count(*)::int AS members
         FROM round r JOIN council c ON c.id = r.council_id JOIN round_member m ON m.round_id = r.id
        WHERE r.status = 'open'
        GROUP BY c.name, r.id, r.title, r.deadline ORDER BY r.deadline, c.name`,
    );
  } finally {
    await dataSource.destroy();
  }
  const people = demoUsers({ alliance: true });
  writeJson(peopleFile, people);
  writeJson(tokensFile, await demoTokens(secret, { alliance: true }));

  const width = Math.max(...open.map((round) => round.council.length));
  const lines = [
    `Demo data as of ${todayInOslo(clock.now())} (Europe/Oslo), open rounds:`,
    ...open.map((round) => `  ${round.council.padEnd(width)}  ${round.title} — ${round.adopted} of ${round.members} adopted, deadline ${round.deadline}`),
    `${people.length} people to sign in as (${peopleFile}); their API tokens are in ${tokensFile}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`Demo seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
