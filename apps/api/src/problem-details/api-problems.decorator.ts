import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemResponse } from './problem.response';

const MEANING: Record<number, string> = {
  400: 'Malformed request: bad JSON, wrong types, unknown or missing fields (`errors` names them)',
  401: 'No token, or a token that is not valid',
  403: 'Signed in, but without the right for this object',
  404: 'No such object, or none the caller may see',
  409: 'The state does not allow it (e.g. the round is settled)',
  412: 'If-Match is stale: read again and retry',
  413: 'The body is too large',
  422: 'Well-formed, but a rule refuses it (`code` says which)',
  503: 'A service it depends on does not answer; retry later',
};

/** Documents the problem+json answers an operation can give. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemResponse),
    ...statuses.map((status) =>
      ApiResponse({ status, description: MEANING[status], content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemResponse) } } } }),
    ),
  );
}
