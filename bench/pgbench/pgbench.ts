// Runs pgbench on a script and reads what it reports.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PgbenchResult {
  tps: number;
  /** The mean time of a transaction, in ms, as pgbench measures it. */
  latency: number;
  transactions: number;
  failed: number;
  /** Whether a client stopped on an error (pgbench then says the run was aborted). */
  aborted: boolean;
  /** The first error pgbench printed, if any. */
  error: string | null;
  /** Everything it wrote, for the log file. */
  output: string;
}

export interface PgbenchOptions {
  databaseUrl: string;
  script: string;
  variables: Record<string, string | number>;
  clients: number;
  seconds: number;
  /** Where the script and pgbench's output are kept for reading afterwards. */
  directory: string;
  name: string;
}

/** pgbench with the simple query protocol: the script's values are substituted into its text. */
export function runPgbench(options: PgbenchOptions): Promise<PgbenchResult> {
  const scriptFile = join(options.directory, `${options.name}.sql`);
  writeFileSync(scriptFile, options.script);
  const args = [
    '--no-vacuum',
    '--protocol=simple',
    `--client=${options.clients}`,
    `--jobs=${Math.min(options.clients, 2)}`,
    `--time=${options.seconds}`,
    ...Object.entries(options.variables).map(([name, value]) => `--define=${name}=${value}`),
    `--file=${scriptFile}`,
    options.databaseUrl,
  ];
  return new Promise((resolve) => {
    execFile('pgbench', args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, timeout: (options.seconds + 120) * 1000 }, (failure, stdout, stderr) => {
      const output = `${stdout}\n${stderr}`;
      writeFileSync(join(options.directory, `${options.name}.out`), `pgbench ${args.join(' ')}\n\n${output}`);
      const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? NaN);
      const error = /pgbench: error: (.*)/.exec(output)?.[1] ?? (failure && !/tps = /.test(output) ? String(failure.message) : null);
      resolve({
        tps: number(/tps = ([\d.]+) \(without initial connection time\)/),
        latency: number(/latency average = ([\d.]+) ms/),
        transactions: number(/number of transactions actually processed: (\d+)/),
        failed: number(/number of failed transactions: (\d+)/) || 0,
        aborted: /Run was aborted/.test(output) || failure !== null,
        error,
        output,
      });
    });
  });
}
