import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApplicationModule, Clock, clockFor } from '@app/application';
import { AppConfig, ConfigModule } from '@app/config';
import { LoggingModule } from '@app/observability';
import { PersistenceModule } from '@app/persistence';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { CouncilsModule } from './councils/councils.module';
import { ExportsModule } from './exports/exports.module';
import { HealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { PagesModule } from './pages/pages.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ProblemDetailsFilter } from './problem-details/problem-details.filter';
import { PublicStatusModule } from './public-status/public-status.module';
import { QueuesModule } from './queues/queues.module';
import { RoundsModule } from './rounds/rounds.module';
import { SecurityModule } from './security/security.module';
import { ViewsModule } from './views/views.module';

/** What a test may swap when it builds the api: only the clock. */
export interface ApiOverrides {
  clock?: Clock;
}

/** The HTTP application; built from a validated config so tests can start it with their own. */
@Module({})
export class AppModule {
  static register(config: AppConfig, overrides: ApiOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot('api'),
        PersistenceModule,
        ApplicationModule.forRoot({ clock: overrides.clock ?? clockFor(config.clockStart) }),
        AuthModule,
        HealthModule,
        CouncilsModule,
        RoundsModule,
        ExportsModule,
        PagesModule,
        AuditModule,
        CalendarModule,
        LiveModule,
        PublicStatusModule,
        NotificationsModule,
        QueuesModule,
        ViewsModule,
        SecurityModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
