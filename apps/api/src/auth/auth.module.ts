import { Module } from '@nestjs/common';
import { PeopleApplicationModule, SystemClock } from '@app/application';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig } from '@app/config';
import { TokenVerifier } from '@app/identity';
import { AuthConfigController } from './auth-config.controller';
import { AuthenticationGuard } from './authentication.guard';
import { MeController } from './me.controller';

/** Bearer authentication for every route (see AuthenticationGuard), `GET /api/me` and where to sign in. */
@Module({
  imports: [PeopleApplicationModule],
  controllers: [MeController, AuthConfigController],
  providers: [
    // One verifier for the process, so the identity provider's key set is fetched once and cached.
    { provide: TokenVerifier, useFactory: verifierFor, inject: [AppConfig] },
    { provide: APP_GUARD, useClass: AuthenticationGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}

/**
 * Tokens are checked on the system's clock, not on the application's Clock: the identity provider
 * stamps `iat` and `exp` on real time, while the application's clock may start at CLOCK_START (a
 * rehearsal of a deadline) or be set by a test; checked against that, every real token would be
 * "issued in the future" or expired. In production the two are the same clock.
 */
function verifierFor(config: AppConfig): TokenVerifier {
  const realTime = new SystemClock();
  return new TokenVerifier({
    jwtSecret: config.jwtSecret,
    oidc: config.oidc,
    localTokens: config.localTokens,
    tokenMaxAgeSeconds: config.tokenMaxAgeSeconds,
    now: () => realTime.now(),
  });
}
