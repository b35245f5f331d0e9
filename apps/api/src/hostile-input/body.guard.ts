import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { FieldProblem, Problem, ProblemException } from '../problem-details/problem';
import { sendProblem } from '../problem-details/problem-details.filter';
import { textProblem } from './text.rules';

/**
 * How deep a body may nest. The deepest body the api takes is an agreement version's sections
 * (3 levels); 32 leaves room, and stops a body of thousands of nested lists long before
 * class-transformer and class-validator recurse into it.
 */
export const MAX_BODY_DEPTH = 32;

/** At most this many text problems are named; one is enough to refuse. */
const MAX_NAMED = 20;

/**
 * Express middleware right after the JSON parser: walks the parsed body once, without recursion,
 * and refuses a body nested deeper than MAX_BODY_DEPTH (/problems/too-deep) or holding text the
 * api does not take, in a value or a field name (/problems/invalid-text, `errors` naming each
 * JSON path as the validation pipe does: "sections.0.text").
 */
export function refuseHostileBodies(request: Request, response: Response, next: NextFunction): void {
  const problem = bodyProblem(request.body);
  if (!problem) return next();
  sendProblem(request, response, problem);
}

/** What the walk finds wrong with a parsed body, or undefined. */
export function bodyProblem(body: unknown): Problem | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const texts: FieldProblem[] = [];
  // Depth first and in document order, so that the named fields read as the body does.
  const pending: Array<{ value: unknown; path: string[]; depth: number; named?: boolean }> = [{ value: body, path: [], depth: 1 }];
  while (pending.length > 0) {
    const { value, path, depth, named } = pending.pop()!;
    const keyProblem = named ? textProblem(path[path.length - 1], 'text') : undefined;
    if (keyProblem && texts.length < MAX_NAMED) {
      texts.push({ field: fieldOf(path), message: `the field name ${JSON.stringify(path[path.length - 1])} ${keyProblem}` });
    }
    if (typeof value === 'string') {
      const problem = textProblem(value, 'text');
      if (problem && texts.length < MAX_NAMED) texts.push({ field: fieldOf(path), message: `${fieldOf(path)} ${problem}` });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_BODY_DEPTH) {
      const field = fieldOf(path);
      return ProblemException.of(400, 'too-deep', 'Bad Request', `The request body nests deeper than ${MAX_BODY_DEPTH} levels, at ${field}.`, {
        errors: [{ field, message: `${field} is nested deeper than the ${MAX_BODY_DEPTH} levels a body may have` }],
      }).problem;
    }
    const isList = Array.isArray(value);
    const entries = isList ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, item] = entries[index];
      pending.push({ value: item, path: [...path, key], depth: depth + 1, named: !isList });
    }
  }
  if (texts.length === 0) return undefined;
  return ProblemException.of(
    400,
    'invalid-text',
    'Bad Request',
    `The request has text that cannot be accepted in ${texts.length === 1 ? texts[0].field : `${texts.length} fields`}.`,
    { errors: texts },
  ).problem;
}

/** An error the JSON parser passes on as its own (`type` is what bodyParserProblems maps). */
export interface MalformedBodyError extends Error {
  status: 400;
  type: 'encoding.malformed';
}

/**
 * The JSON parser's `verify`: a body declared UTF-8 (as JSON is by default) must be UTF-8. The
 * parser would otherwise replace every bad byte with U+FFFD and store text nobody sent.
 */
export function refuseMalformedUtf8(_request: IncomingMessage, _response: ServerResponse, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase().replace(/[-_]/g, '') !== 'utf8' || isUtf8(body)) return;
  const error = new Error('The request body is not valid UTF-8.') as MalformedBodyError;
  error.status = 400;
  error.type = 'encoding.malformed';
  throw error;
}

function fieldOf(path: string[]): string {
  return path.length === 0 ? '(body)' : path.join('.');
}
