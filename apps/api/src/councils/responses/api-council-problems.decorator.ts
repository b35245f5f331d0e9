import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { ProblemResponse } from '../../problem-details/problem.response';

// The councils' routes say per route who is refused and why; the schema is the shared problem document.

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemResponse) } } },
});

const BAD_BODY = 'Malformed JSON, a missing or unknown field, or a field of the wrong type; `errors[].field` names each';

/** A path or query parameter that is malformed, for routes without a body. */
export const BAD_PARAMETER = 'A path or query parameter is malformed; `errors[].field` names it';

/**
 * The problems a signed-in council route may answer besides its own: 400 for bad input (unless
 * `badRequest: false`), 401, 403 when `forbidden` says for whom, and 404 (unless `notFound: false`).
 */
export function ApiCouncilProblems(options: { badRequest?: string | false; forbidden?: string; notFound?: string | false } = {}): MethodDecorator {
  const { badRequest = BAD_BODY, forbidden, notFound = 'No council by that slug that the caller can see' } = options;
  return applyDecorators(
    ApiExtraModels(ProblemResponse),
    ...(badRequest ? [ApiBadRequestResponse(problem(badRequest))] : []),
    ApiUnauthorizedResponse(problem('No bearer token, or one the API refuses')),
    ...(forbidden ? [ApiForbiddenResponse(problem(forbidden))] : []),
    ...(notFound ? [ApiNotFoundResponse(problem(notFound))] : []),
  );
}

/** 422: the request is well-formed but a rule refuses it. */
export const ApiRuleRefused = (description: string) => ApiUnprocessableEntityResponse(problem(description));

/** 409: what is stored does not allow it. */
export const ApiStateConflict = (description: string) => ApiConflictResponse(problem(description));
