import { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { errorSerializer } from './loggable-error';
import { requestIdOf } from './request-id';

const HEALTH_PROBES = new Set(['/api/health', '/api/health/live', '/api/health/ready']);

/** Structured JSON logs (pino); every HTTP request gets an id, taken from X-Request-Id when sane. */
@Module({})
export class LoggingModule {
  static forRoot(service: 'api' | 'worker'): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            pinoHttp: {
              level: config.logLevel,
              base: { service },
              redact: ['req.headers.authorization', 'req.headers.cookie', 'req.query.token'],
              genReqId: (req: IncomingMessage, res: ServerResponse) => requestIdOf(req, res),
              customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
                error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
              // Load balancers and orchestrators probe these every few seconds.
              autoLogging: { ignore: (req: IncomingMessage) => HEALTH_PROBES.has(req.url ?? '') },
              // Feed and admin tokens travel in ?token=; they must not end up in the logs, and neither
              // must the SQL parameters an error carries.
              serializers: {
                err: errorSerializer,
                req: (req: { url?: string }) => ({ ...req, url: req.url?.replace(/([?&]token=)[^&]*/g, '$1[redacted]') }),
              },
            },
          }),
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
