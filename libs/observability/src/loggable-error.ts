/** What a log line keeps of an error: enough to find the fault, nothing of the data it was handling. */
export interface LoggableError {
  type: string;
  message: string;
  stack?: string;
  code?: string;
  /** PostgreSQL's own names of where it failed: schema facts, never values. */
  severity?: string;
  routine?: string;
  table?: string;
  column?: string;
  constraint?: string;
  cause?: LoggableError;
  /** The attempts of an AggregateError (a connect tried on every address of a host). */
  errors?: LoggableError[];
}

// Names PostgreSQL and node-postgres give an error that describe the schema, not the row.
const SCHEMA_FACTS = ['severity', 'routine', 'table', 'column', 'constraint'] as const;
const MAX_MESSAGE = 1_000;
const MAX_CAUSES = 4;

/**
 * pino's serialiser for `err`, for every logger of the product: whatever is logged as `{ err }`
 * (by the problem filter, a job, a retry) goes through loggableError. pino-http hands it pino's
 * own serialisation, which keeps the original error as `raw`.
 */
export function errorSerializer(serialized: unknown): unknown {
  const raw = (serialized as { raw?: unknown } | null)?.raw ?? serialized;
  if (raw instanceof Error) return loggableError(raw);
  // Already made loggable by whoever logged it.
  if (isLoggable(raw)) return raw;
  return loggableError(raw);
}

function isLoggable(value: unknown): value is LoggableError {
  return typeof value === 'object' && value !== null && typeof (value as LoggableError).type === 'string' && typeof (value as LoggableError).message === 'string';
}

/**
 * An error as it may be logged. pino would serialise every enumerable property, and TypeORM's
 * QueryFailedError carries the SQL and its parameters (names, e-mail addresses, notes), and a
 * PostgreSQL error its `detail` ("Key (email)=(kari@…) already exists"): those are left out.
 */
export function loggableError(error: unknown, depth = 0): LoggableError {
  if (!(error instanceof Error)) return { type: typeof error, message: describe(error) };
  const driver = driverErrorOf(error);
  const loggable: LoggableError = { type: error.name, message: truncated(error.message) };
  if (error.stack) loggable.stack = error.stack;
  const code = codeOf(error) ?? (driver ? codeOf(driver) : undefined);
  if (code) loggable.code = code;
  for (const fact of SCHEMA_FACTS) {
    const value = (driver as Record<string, unknown> | undefined)?.[fact] ?? (error as unknown as Record<string, unknown>)[fact];
    if (typeof value === 'string') loggable[fact] = value;
  }
  if (error.cause !== undefined && depth < MAX_CAUSES) loggable.cause = loggableError(error.cause, depth + 1);
  if (error instanceof AggregateError && depth < MAX_CAUSES) loggable.errors = error.errors.slice(0, MAX_CAUSES).map((each) => loggableError(each, depth + 1));
  return loggable;
}

function driverErrorOf(error: Error): Error | undefined {
  const driver = (error as { driverError?: unknown }).driverError;
  return driver instanceof Error ? driver : undefined;
}

function codeOf(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return truncated(value);
  return value === null || value === undefined ? String(value) : `a thrown ${typeof value}`;
}

function truncated(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}
