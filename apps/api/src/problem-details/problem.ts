import { HttpException } from '@nestjs/common';

/** One field that failed validation, as API.md promises it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An RFC 9457 problem document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

/** Thrown anywhere in the API to answer with exactly this problem. */
export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problem, problem.status);
  }

  /** A problem whose type is `/problems/<slug>`: slugs are stable, titles are for people. */
  static of(status: number, slug: string, title: string, detail: string, extensions: Record<string, unknown> = {}) {
    return new ProblemException({ type: `/problems/${slug}`, title, status, detail, ...extensions });
  }
}
