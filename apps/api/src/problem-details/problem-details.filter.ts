import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { ApplicationError } from '@app/application';
import { DomainError } from '@app/domain';
import { loggableError, requestIdOf } from '@app/observability';
import { AnsweredProblem, databaseProblem } from './database.problems';
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
  'encoding.malformed': { slug: 'invalid-text', detail: 'The request body is not valid UTF-8.' },
};

/** Renders every error as application/problem+json (RFC 9457); a 5xx never leaks internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const answered = this.toProblem(exception);
    const problem = { ...answered.problem, instance: instanceOf(request) };
    if (problem.status >= 500) {
      // The error's name, message, stack and code; never the SQL parameters or the row it was writing.
      const requestId = requestIdOf(request, response);
      this.logger.error({ err: loggableError(exception), requestId, problem }, 'request failed');
    }
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(answered.headers ?? {})) response.setHeader(name, value);
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): AnsweredProblem {
    if (exception instanceof ProblemException) return { problem: exception.problem };
    if (exception instanceof DomainError || exception instanceof ApplicationError) return { problem: fromCodedError(exception) };
    if (isBodyParserError(exception)) return { problem: bodyParserProblem(exception) };
    // What validation let through and the database refused is still the request's fault (400);
    // two requests that raced for something that can exist once are told so (409); a database
    // that does not answer is 503 with Retry-After, never a 500.
    const fromDatabase = databaseProblem(exception);
    if (fromDatabase) return fromDatabase;
    return { problem: this.fromHttpOrUnknown(exception) };
  }

  private fromHttpOrUnknown(exception: unknown): Problem {
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
  if (typeof error !== 'object' || error === null || error instanceof HttpException) return false;
  const { type, status } = error as BodyParserError;
  return typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500;
}

function bodyParserProblem(error: BodyParserError): Problem {
  const known = BODY_PARSER_PROBLEMS[error.type];
  return plain(error.status, known?.slug, known?.detail ?? error.message);
}

/**
 * Express error middleware placed right after the body parser: Nest would turn its errors into a
 * bare 400 and lose why (malformed JSON, too large), so they are answered here, as problem+json.
 */
export function bodyParserProblems(error: unknown, request: Request, response: Response, next: NextFunction): void {
  if (!isBodyParserError(error)) return next(error);
  sendProblem(request, response, bodyParserProblem(error));
}

/** Answers with the problem, named by the request; for what refuses a request before Nest routes it. */
export function sendProblem(request: Request, response: Response, problem: Problem): void {
  const named = { ...problem, instance: instanceOf(request) };
  response.status(named.status).type('application/problem+json').send(JSON.stringify(named));
}

/** The request as the problem names it; a feed or admin token in ?token= is never echoed or logged. */
function instanceOf(request: Request): string {
  return request.originalUrl.replace(/([?&]token=)[^&]*/g, '$1[redacted]');
}
