// HTTP load with autocannon: a number of connections, each sending its next request as soon as
// the last one is answered, for a number of seconds. Latencies are kept one by one, so that any
// percentile can be read (autocannon's own summary has no p95).
import autocannon from 'autocannon';
import { percentile } from './figures';

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  /** What each connection sends, in turn; its context is reset when it starts again from the first. */
  requests: autocannon.Request[];
  /** Given a function that ends the load early (when the work to send has run out). */
  onStart?: (stop: () => void) => void;
}

export interface LoadResult {
  /** Answers counted (those after an early stop are not). */
  responses: number;
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** How long the load ran until it ended or was stopped. */
  seconds: number;
  /** 2xx answers per second. */
  okPerSecond: number;
  /** Each answer's latency in ms. */
  latencies: number[];
  statusCounts: Record<string, number>;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let ok = 0;
  let errors = 0;
  let stoppedAt: bigint | null = null;
  const startedAt = process.hrtime.bigint();
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    requests: options.requests,
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, latency: number) => {
    if (stoppedAt !== null) return;
    latencies.push(latency);
    statusCounts[status] = (statusCounts[status] ?? 0) + 1;
    if (status >= 200 && status < 300) ok++;
  });
  instance.on('reqError', () => {
    if (stoppedAt === null) errors++;
  });
  options.onStart?.(() => {
    if (stoppedAt !== null) return;
    stoppedAt = process.hrtime.bigint();
    instance.stop();
  });
  await instance;
  const seconds = Number((stoppedAt ?? process.hrtime.bigint()) - startedAt) / 1e9;
  return {
    responses: latencies.length,
    ok,
    non2xx: latencies.length - ok,
    errors,
    seconds,
    okPerSecond: ok / seconds,
    latencies,
    statusCounts,
  };
}

/** p50, p95 and p99 of a load's latencies, in ms. */
export function latencySummary(result: LoadResult): { p50: number; p95: number; p99: number } {
  return { p50: percentile(result.latencies, 0.5), p95: percentile(result.latencies, 0.95), p99: percentile(result.latencies, 0.99) };
}
