import { RedisOptions } from 'ioredis';

/**
 * Connection options for every Redis client of the product. BullMQ needs
 * `maxRetriesPerRequest: null` on its blocking connections; clients that answer HTTP
 * requests must instead fail fast, so they turn the offline queue off.
 */
export function redisOptions(url: string, purpose: 'queue' | 'request'): RedisOptions {
  const parsed = new URL(url);
  const base: RedisOptions = {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    connectionName: `vedtaksrunde-${purpose}`,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  };
  return purpose === 'queue'
    ? { ...base, maxRetriesPerRequest: null, enableReadyCheck: false }
    : { ...base, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 2_000, commandTimeout: 1_000 };
}
