import type { Request, Response } from 'express';
import { Problem, ProblemException } from '../problem-details/problem';

/** A problem with type `/problems/<slug>`, for Express middleware that answers before Nest's filter could. */
export function problemOf(status: number, slug: string, title: string, detail: string, extensions: Record<string, unknown> = {}): Problem {
  return ProblemException.of(status, slug, title, detail, extensions).problem;
}

/** Answers with the problem as application/problem+json; the instance leaves out the query, which may carry a token. */
export function sendProblem(request: Request, response: Response, problem: Problem): void {
  response
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...problem, instance: request.originalUrl.split('?')[0] }));
}
