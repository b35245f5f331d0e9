// The read scenario: what people open most, at 16 connections on the national data, each path on
// its own for a few seconds, with the person who would open it.
import { signLocalToken } from '@app/identity';
import { BenchApi, BenchContext, Figure, PartlyMeasured, atMost } from './figures';
import { latencySummary, runLoad } from './load';
import { benchClaims } from './national-data';

const CONNECTIONS = 16;
const SECONDS = 8;
const P95_TARGET_MS = 30;

interface ReadPath {
  name: string;
  path: string;
  /** The signed-in subject (benchClaims); none for a public page. */
  subject: string | null;
  /** A reference beside the targets, with no target of its own. */
  reference?: boolean;
}

function readPaths(context: BenchContext): ReadPath[] {
  const { busiestCouncil: council, busiestMunicipality: municipality, sampleRoundId } = context.data;
  return [
    { name: 'dashboard', path: `/api/councils/${council}/dashboard`, subject: `secretariat.${council}` },
    { name: 'inbox', path: `/api/municipalities/${municipality}/inbox`, subject: `clerk.${municipality}` },
    // The sample round is one of the busiest council's.
    { name: 'round', path: `/api/rounds/${sampleRoundId}`, subject: `secretariat.${council}` },
    { name: 'round list', path: `/api/councils/${council}/rounds`, subject: `secretariat.${council}` },
    { name: 'public page', path: `/public/${council}`, subject: null },
    // What every read costs before its own work: a signed-in person asking who they are.
    { name: 'signed in, nothing read (/api/me)', path: '/api/me', subject: `secretariat.${council}`, reference: true },
  ];
}

/** p50, p95 (the target) and p99 for each path, and its errors; each is checked to answer 200 first. */
export async function benchReads(context: BenchContext, api: BenchApi): Promise<Figure[]> {
  const figures: Figure[] = [];
  const refused: string[] = [];
  // BENCH_READS=dashboard,inbox reads only those (by name, up to the first space or comma).
  const only = (process.env.BENCH_READS ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  for (const read of readPaths(context).filter((each) => only.length === 0 || only.some((name) => each.name.startsWith(name)))) {
    const headers: Record<string, string> = read.subject ? { authorization: `Bearer ${await signLocalToken(context.jwtSecret, benchClaims(read.subject))}` } : {};
    const first = await fetch(`${api.url}${read.path}`, { headers });
    if (first.status !== 200) {
      refused.push(`GET ${read.path} answered ${first.status} before the load: ${(await first.text()).slice(0, 300)}`);
      continue;
    }
    const bytes = (await first.arrayBuffer()).byteLength;
    context.log(`reads: ${read.name} (GET ${read.path}, ${Math.round(bytes / 1024)} kB), ${CONNECTIONS} connections, ${SECONDS} s`);
    const result = await runLoad({ url: api.url, connections: CONNECTIONS, seconds: SECONDS, requests: [{ method: 'GET', path: read.path, headers }] });
    const { p50, p95, p99 } = latencySummary(result);
    const round = (value: number) => Math.round(value * 10) / 10;
    figures.push(
      { name: `${read.name}, 16 clients: p50`, value: round(p50), unit: 'ms' },
      read.reference ? { name: `${read.name}, 16 clients: p95`, value: round(p95), unit: 'ms' } : atMost(`${read.name}, 16 clients: p95`, round(p95), 'ms', P95_TARGET_MS),
      { name: `${read.name}, 16 clients: p99`, value: round(p99), unit: 'ms' },
      { name: `${read.name}, 16 clients: answers`, value: Math.round(result.okPerSecond), unit: '/s' },
      atMost(`${read.name}, 16 clients: errors and non-2xx`, result.non2xx + result.errors, '', 0),
    );
  }
  if (refused.length > 0) throw new PartlyMeasured(figures, refused.join('; '));
  return figures;
}
