import { Module } from '@nestjs/common';
import { PeopleApplicationModule } from '@app/application';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig } from '@app/config';
import { TokenVerifier } from '@app/identity';
import { AuthenticationGuard } from './authentication.guard';
import { MeController } from './me.controller';

/** Bearer authentication for every route (see AuthenticationGuard) and `GET /api/me`. */
@Module({
  imports: [PeopleApplicationModule],
  controllers: [MeController],
  providers: [
    // One verifier for the process, so the identity provider's key set is fetched once and cached.
    { provide: TokenVerifier, useFactory: (config: AppConfig) => new TokenVerifier(config), inject: [AppConfig] },
    { provide: APP_GUARD, useClass: AuthenticationGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
