import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { runMigrations } from '@app/persistence';
import { createApi } from './bootstrap';
import { isApiSupervisor, superviseApiProcesses } from './processes';

async function serve(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  if (isApiSupervisor(config)) return superviseApiProcesses(config);
  const app = await createApi(config);
  // Nest closes the server on SIGTERM/SIGINT and lets requests in flight finish; past the grace
  // period the process ends anyway so an orchestrator is never left waiting.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), config.shutdownGraceMs).unref());
  }
  await app.listen(config.port);
}

/** `node dist/apps/api/main.js migrate`: the production way to migrate (no ts-node in the image). */
async function migrate(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const ran = await runMigrations(config.databaseUrl);
  process.stdout.write(ran.length ? `Ran ${ran.length} migration(s): ${ran.join(', ')}\n` : 'Database is up to date\n');
}

const command = process.argv[2] ?? 'serve';
const commands: Record<string, () => Promise<void>> = { serve, migrate };
if (!commands[command]) {
  process.stderr.write(`Unknown command "${command}"; use serve (default) or migrate\n`);
  process.exit(64);
}
commands[command]().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
