import createClient, { Middleware } from 'openapi-fetch';
import { session } from '../auth/session';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** A field the api named in a validation problem. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An RFC 9457 problem the api answered, thrown by `data()` so queries and forms can show it. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly type: string,
    readonly errors: FieldProblem[],
    /** The stable code of the rule that refused, e.g. `DECISION.BODY_NOT_ALLOWED`, and what it named. */
    readonly code: string | null = null,
    readonly details: Record<string, unknown> = {},
  ) {
    super(detail || title);
    this.name = 'ApiProblem';
  }

  /** The message the api gave for a field, e.g. `meetingDate`. */
  forField(field: string): string | undefined {
    return this.errors.find((error) => error.field === field)?.message;
  }
}

// A request is read once when sent; a copy is kept so it can go again after a renewed sign-in.
const copies = new WeakMap<Request, Request>();

const bearer: Middleware = {
  onRequest({ request }) {
    const token = session.accessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    copies.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || !request.headers.has('Authorization')) return response;
    const token = await session.renewAfterRefusal();
    const copy = copies.get(request);
    if (!token || !copy) return response;
    copy.headers.set('Authorization', `Bearer ${token}`);
    return fetch(copy);
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(bearer);

/** The body of a successful answer, or the api's problem thrown as an ApiProblem. */
export function data<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  throw toProblem(result.error, result.response);
}

export function toProblem(body: unknown, response: Response): ApiProblem {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return new ApiProblem(
    response.status,
    typeof problem.title === 'string' ? problem.title : response.statusText,
    typeof problem.detail === 'string' ? problem.detail : '',
    typeof problem.type === 'string' ? problem.type : 'about:blank',
    Array.isArray(problem.errors) ? (problem.errors as FieldProblem[]) : [],
    typeof problem.code === 'string' ? problem.code : null,
    typeof problem.details === 'object' && problem.details !== null ? (problem.details as Record<string, unknown>) : {},
  );
}
