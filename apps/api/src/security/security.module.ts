import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RateLimitMiddleware } from './rate-limit.middleware';
import { RateLimits } from './rate-limits';

/** The request budgets (RateLimits, shared through Redis) and their middleware; applySecurity mounts it. */
@Module({ imports: [AuthModule], providers: [RateLimits, RateLimitMiddleware], exports: [RateLimitMiddleware] })
export class SecurityModule {}
