import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import { AppConfig } from '@app/config';
import { RATE_LIMIT_HEADERS } from './rate-limit.headers';

/**
 * Cross-origin calls from the browser, for the origins of CORS_ORIGINS only; null when none are
 * configured, and then no answer carries Access-Control-Allow-Origin at all. Bearer tokens, never
 * cookies: credentials stay off.
 */
export function corsOptions(config: AppConfig): CorsOptions | null {
  if (config.corsOrigins.length === 0) return null;
  const allowed = new Set(config.corsOrigins);
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // What the api reads: the token, JSON bodies, the optimistic lock, the idempotency key, and
    // the live stream's resume point.
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'Last-Event-ID'],
    exposedHeaders: ['ETag', 'Location', 'Retry-After', 'Link', ...RATE_LIMIT_HEADERS],
    credentials: false,
    maxAge: 600,
  };
}
