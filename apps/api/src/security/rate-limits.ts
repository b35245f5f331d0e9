import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@app/config';
import { redisOptions } from '@app/jobs';

/** Every budget is so many requests a minute (a fixed window from the first request of a key). */
export const WINDOW_SECONDS = 60;
// A Redis on the same network answers in well under a millisecond; one that hangs must not hold up requests.
const COMMAND_TIMEOUT_MS = 250;
// At start-up, a Redis that is there is waited for this long, so the first requests do not count on their own.
const FIRST_CONNECT_WAIT_MS = 1_000;

/** Which budget: the address's, the signed-in person's, or the address's refused sign-ins. */
export type RateLimitPolicy = 'ip' | 'person' | 'auth-failures';

/** Where a key stands in its budget after a request, as the RateLimit headers tell it. */
export interface RateLimitVerdict {
  policy: RateLimitPolicy;
  limit: number;
  remaining: number;
  /** Seconds until the budget is full again. */
  resetSeconds: number;
  allowed: boolean;
}

/**
 * Redis first, and this process's memory while Redis does not answer: a request never waits on
 * Redis and is never refused because of it. The fallback is rate-limiter-flexible's own memory
 * limiter, called here rather than as its `insuranceLimiter` so that an outage, whatever its cause
 * (refused connection, a command that timed out), is logged once when it starts and once when it ends.
 */
class Fallback {
  private down = false;
  private closing = false;

  constructor(private readonly logger: Logger) {}

  async run<T>(inRedis: () => Promise<T>, inMemory: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await inRedis();
    } catch (error) {
      // An exhausted budget is an answer from Redis, not a failure of it.
      if (error instanceof RateLimiterRes) {
        this.answered();
        throw error;
      }
      this.failed(error);
      return inMemory();
    }
    this.answered();
    return result;
  }

  close(): void {
    this.closing = true;
  }

  private failed(error: unknown): void {
    if (this.down || this.closing) return;
    this.down = true;
    this.logger.warn(
      { err: error },
      'Rate limits: Redis does not answer; until it does, each api process counts requests on its own and nothing waits for Redis',
    );
  }

  private answered(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log('Rate limits: Redis answers again; the budgets are shared by every api process again');
  }
}

/** One budget (so many a minute per key), shared by every api process through Redis. */
export class RateLimitBudget {
  private readonly redis: RateLimiterRedis;
  private readonly memory: RateLimiterMemory;

  constructor(
    readonly policy: RateLimitPolicy,
    readonly limit: number,
    client: Redis,
    keyPrefix: string,
    private readonly fallback: Fallback,
  ) {
    this.redis = new RateLimiterRedis({ storeClient: client, keyPrefix, points: limit, duration: WINDOW_SECONDS, rejectIfRedisNotReady: true });
    this.memory = new RateLimiterMemory({ keyPrefix, points: limit, duration: WINDOW_SECONDS });
  }

  /** Counts one request against `key`: allowed while the budget lasts. */
  async consume(key: string): Promise<RateLimitVerdict> {
    try {
      return this.verdict(await this.fallback.run(() => this.redis.consume(key), () => this.memory.consume(key)), true);
    } catch (error) {
      if (error instanceof RateLimiterRes) return this.verdict(error, false);
      throw error;
    }
  }

  /** The budget of `key` when it is spent, without counting anything; null while some is left. */
  async spent(key: string): Promise<RateLimitVerdict | null> {
    const state = await this.fallback.run(() => this.redis.get(key), () => this.memory.get(key));
    return state && state.consumedPoints >= this.limit ? this.verdict(state, false) : null;
  }

  private verdict(state: RateLimiterRes, allowed: boolean): RateLimitVerdict {
    return {
      policy: this.policy,
      limit: this.limit,
      remaining: Math.max(0, this.limit - state.consumedPoints),
      resetSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)),
      allowed,
    };
  }
}

/**
 * The api's request budgets (AppConfig.rateLimits): per address, per signed-in person (issuer and
 * subject), and refused sign-ins per address. Keys live under the configured queue prefix, so
 * installations (and test suites) sharing a Redis do not share budgets.
 */
@Injectable()
export class RateLimits implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RateLimits.name);
  private readonly client: Redis;
  private readonly fallback = new Fallback(this.logger);
  readonly ip: RateLimitBudget;
  readonly person: RateLimitBudget;
  readonly authFailures: RateLimitBudget;

  constructor(config: AppConfig) {
    this.client = new Redis({
      ...redisOptions(config.redisUrl, 'request'),
      connectionName: 'vedtaksrunde-rate-limits',
      commandTimeout: COMMAND_TIMEOUT_MS,
      lazyConnect: true,
      // The commands of one request, asked in the same tick, leave in one write (RateLimitMiddleware).
      enableAutoPipelining: true,
    });
    // Reported once per outage by the budgets, not once per reconnection attempt.
    this.client.on('error', () => undefined);
    const prefix = `${config.queuePrefix}:rate-limit`;
    const { personPerMinute, ipPerMinute, authFailuresPerMinute } = config.rateLimits;
    this.ip = new RateLimitBudget('ip', ipPerMinute, this.client, `${prefix}:ip`, this.fallback);
    this.person = new RateLimitBudget('person', personPerMinute, this.client, `${prefix}:person`, this.fallback);
    this.authFailures = new RateLimitBudget('auth-failures', authFailuresPerMinute, this.client, `${prefix}:auth-failures`, this.fallback);
  }

  async onModuleInit(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, FIRST_CONNECT_WAIT_MS)));
    await Promise.race([this.client.connect().catch(() => undefined), waited]);
    clearTimeout(timer);
  }

  onApplicationShutdown(): void {
    this.fallback.close();
    this.client.disconnect();
  }
}
