// Loads the demo data into DATABASE_URL and prints a ready token per demo role.
import { DataSource } from 'typeorm';
import { demoTokens, seedDemo } from '@app/demo';
import { dataSourceOptions } from '@app/persistence';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const secret = process.env.JWT_SECRET;
  if (!url || !secret) throw new Error('DATABASE_URL and JWT_SECRET must be set');
  const dataSource = await new DataSource(dataSourceOptions(url, 'vedtaksrunde-seed')).initialize();
  try {
    await seedDemo(dataSource);
  } finally {
    await dataSource.destroy();
  }
  const tokens = await demoTokens(secret);
  const out = process.argv.includes('--tokens-file') ? process.argv[process.argv.indexOf('--tokens-file') + 1] : null;
  const lines = tokens.map((t) => `${t.label}\n  ${t.token}`).join('\n');
  if (out) require('node:fs').writeFileSync(out, JSON.stringify(tokens, null, 2));
  process.stdout.write(`${lines}\n`);
}

main().catch((error) => {
  process.stderr.write(`Demo seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
