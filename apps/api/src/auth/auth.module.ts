import { Module } from '@nestjs/common';
import { PeopleApplicationModule } from '@app/application';
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
    { provide: TokenVerifier, useFactory: (config: AppConfig) => new TokenVerifier(config), inject: [AppConfig] },
    { provide: APP_GUARD, useClass: AuthenticationGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
