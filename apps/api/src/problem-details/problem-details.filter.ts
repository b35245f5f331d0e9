import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { ApplicationError } from '@app/application';
import { DomainError } from '@app/domain';
import { Problem, ProblemException } from './problem';

/** Errors thrown by Express's body parser before a controller runs. */
interface BodyParserError {
  type: string;
  status: number;
  expose?: boolean;
  message: string;
}

const BODY_PARSER_PROBLEMS: Record<string, { slug: string; detail: string }> = {
  'entity.parse.failed': { slug: 'malformed-json', detail: 'The request body is not valid JSON.' },
  'entity.too.large': { slug: 'body-too-large', detail: 'The request body is larger than the API accepts.' },
  'encoding.unsupported': { slug: 'unsupported-encoding', detail: 'The request body has an encoding the API does not read.' },
  'charset.unsupported': { slug: 'unsupported-charset', detail: 'The request body has a charset the API does not read; send UTF-8.' },
};

/** Renders every error as application/problem+json (RFC 9457); a 5xx never leaks internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = { ...this.toProblem(exception), instance: instanceOf(request) };
    if (problem.status >= 500) this.logger.error({ err: exception, problem }, 'request failed');
    if (response.headersSent) return;
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof DomainError || exception instanceof ApplicationError) return fromCodedError(exception);
    if (isBodyParserError(exception)) {
      const known = BODY_PARSER_PROBLEMS[exception.type];
      return plain(exception.status, known?.slug, known?.detail ?? exception.message);
    }
    // Two requests raced for something that can exist once (a slug, an open round for a subject):
    // the database kept one, and the other is told so instead of getting a 500.
    if (exception instanceof QueryFailedError && (exception.driverError as { code?: string })?.code === '23505') {
      return plain(HttpStatus.CONFLICT, 'concurrent-change', 'Another request made the same change at the same moment; read the current state and retry.');
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
      return plain(status, undefined, detail);
    }
    return plain(HttpStatus.INTERNAL_SERVER_ERROR, undefined, 'Something went wrong on our side; it has been logged.');
  }
}

const STATUS_OF_KIND: Record<DomainError['kind'] | ApplicationError['kind'], number> = {
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
  conflict: HttpStatus.CONFLICT,
  not_found: HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
  precondition_failed: HttpStatus.PRECONDITION_FAILED,
};

/** A rule's or a use case's error: its stable code becomes the problem type, its field an error entry. */
function fromCodedError(error: DomainError | ApplicationError): Problem {
  const status = STATUS_OF_KIND[error.kind];
  const details = (error.details ?? {}) as Record<string, unknown>;
  const field = typeof details.field === 'string' ? details.field : undefined;
  return {
    type: `/problems/${error.code.toLowerCase().replace(/[._]/g, '-')}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: error.message,
    code: error.code,
    ...(field ? { errors: [{ field, message: error.message }] } : {}),
    ...(Object.keys(details).length ? { details } : {}),
  };
}

function plain(status: number, slug: string | undefined, detail: string): Problem {
  return { type: slug ? `/problems/${slug}` : 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail };
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as BodyParserError).type === 'string' &&
    typeof (error as BodyParserError).status === 'number' &&
    (error as BodyParserError).status >= 400 &&
    (error as BodyParserError).status < 500
  );
}

/**
 * Express error middleware placed right after the body parser: Nest would turn its errors into a
 * bare 400 and lose why (malformed JSON, too large), so they are answered here, as problem+json.
 */
export function bodyParserProblems(error: unknown, request: Request, response: Response, next: NextFunction): void {
  if (!isBodyParserError(error)) return next(error);
  const known = BODY_PARSER_PROBLEMS[error.type];
  const problem = { ...plain(error.status, known?.slug, known?.detail ?? error.message), instance: instanceOf(request) };
  response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** The request as the problem names it; a feed or admin token in ?token= is never echoed or logged. */
function instanceOf(request: Request): string {
  return request.originalUrl.replace(/([?&]token=)[^&]*/g, '$1[redacted]');
}
