import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { json } from 'express';
import { ApiOverrides, AppModule } from './app.module';
import { refuseHostileBodies, refuseMalformedUtf8 } from './hostile-input/body.guard';
import { answerUnreadableRequests } from './hostile-input/client-error.handler';
import { refuseHostileRequests } from './hostile-input/request.guard';
import { bodyParserProblems } from './problem-details/problem-details.filter';
import { createValidationPipe } from './problem-details/validation.pipe';
import { AdminQueuesGate } from './queues/admin-queues.gate';
import { QUEUE_BOARD_PATH } from './queues/queue-board';
import { applySecurity } from './security/apply-security';
import { serveWebApp } from './web/web-app';

/** Builds the API exactly as production runs it; main.ts and the tests both call this. */
export async function createApi(
  config: AppConfig,
  options: { bufferLogs?: boolean } & ApiOverrides = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, { clock: options.clock }), {
    bufferLogs: options.bufferLogs ?? true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  // Headers, CORS and rate limits first, so that every answer (refusals included) has them and a
  // client over its budget is not read any further.
  applySecurity(app);
  // What no router, parser or validator should ever have to read is refused first, and bodies once parsed.
  answerUnreadableRequests(app.getHttpServer());
  app.use(refuseHostileRequests);
  app.use(json({ limit: '256kb', type: ['application/json', 'application/*+json'], verify: refuseMalformedUtf8 }), bodyParserProblems, refuseHostileBodies);
  app.use(QUEUE_BOARD_PATH, app.get(AdminQueuesGate).middleware);
  serveWebApp(app);
  app.setGlobalPrefix('api', { exclude: API_PREFIX_EXCLUDES });
  app.useGlobalPipes(createValidationPipe());
  // Exit with 0 once the hooks are done, rather than by raising the signal again (an orchestrator
  // reads 143 as a failure, and buffered logs would be lost).
  app.enableShutdownHooks(undefined, { useProcessExit: true });

  const document = apiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
  return app;
}

/** Routes under /api; the pages people open and the operators' board live beside it. */
export const API_PREFIX_EXCLUDES = ['public/{*path}', 'admin/{*path}', 'app/{*path}'];

/** The OpenAPI document of the api as built: served at /api/docs-json, and the web app's client is typed from it. */
export function apiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Vedtaksrunde API')
      .setDescription(
        'Approval rounds for inter-municipal political councils: the secretariat launches a round, ' +
          "every member's kommunestyre decides, unanimity settles it once. Errors are application/problem+json (RFC 9457).",
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
}
