import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './time/clock';

/** What every use case shares: the clock (settable in tests, the system's in production). */
@Global()
@Module({})
export class ApplicationModule {
  static forRoot(options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: ApplicationModule,
      providers: [{ provide: Clock, useValue: options.clock ?? new SystemClock() }],
      exports: [Clock],
    };
  }
}
