import { INestApplication } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { corsOptions } from './cors';
import { RateLimitMiddleware } from './rate-limit.middleware';
import { securityHeaders } from './security-headers';

/**
 * Mounts, before anything answers: the security headers of every answer, CORS for the configured
 * origins (before the budgets, so that a 429 reaches a cross-origin caller readably and a
 * preflight costs nothing), then the rate limits.
 */
export function applySecurity(app: INestApplication): void {
  const config = app.get(AppConfig);
  app.use(securityHeaders(config));
  const cors = corsOptions(config);
  if (cors) app.enableCors(cors);
  app.use(app.get(RateLimitMiddleware).handler);
}
