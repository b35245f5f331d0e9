import { plainToInstance } from 'class-transformer';
import {
  IsISO8601,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidationError,
  validateSync,
} from 'class-validator';
import { IsConnectionUrl } from './is-connection-url.validator';

/**
 * The process environment as the product reads it. Every variable is documented in
 * `.env.example`; a value that does not fit stops start-up with a line naming it.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be one of development, production, test' })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsInt({ message: 'PORT must be a whole number between 1 and 65535' })
  @Min(1, { message: 'PORT must be a whole number between 1 and 65535' })
  @Max(65535, { message: 'PORT must be a whole number between 1 and 65535' })
  PORT = 3000;

  @IsConnectionUrl(['postgres:', 'postgresql:'], {
    message: 'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database',
  })
  DATABASE_URL!: string;

  @IsConnectionUrl(['redis:', 'rediss:'], {
    message: 'REDIS_URL must be a Redis URL such as redis://host:6379 or rediss://user:password@host:6380',
  })
  REDIS_URL!: string;

  @IsString({ message: 'JWT_SECRET must be set: a random string of at least 32 characters for signing HS256 tokens' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET!: string;

  @IsOptional()
  @IsConnectionUrl(['https:', 'http:'], { message: 'OIDC_ISSUER must be the issuer URL of the identity provider' })
  OIDC_ISSUER?: string;

  @IsOptional()
  @IsString({ message: 'OIDC_AUDIENCE must be the audience (client id) the tokens are issued for' })
  @MinLength(1, { message: 'OIDC_AUDIENCE must not be empty' })
  OIDC_AUDIENCE?: string;

  @IsOptional()
  @IsConnectionUrl(['https:', 'http:'], { message: 'OIDC_JWKS_URL must be the https URL of the JSON Web Key Set' })
  OIDC_JWKS_URL?: string;

  /** The web app's client id at the identity provider: with it, the web app signs people in there. */
  @IsOptional()
  @IsString({ message: 'OIDC_CLIENT_ID must be the client id of the web app at the identity provider' })
  @MinLength(1, { message: 'OIDC_CLIENT_ID must not be empty' })
  @MaxLength(200, { message: 'OIDC_CLIENT_ID must be at most 200 characters' })
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @IsConnectionUrl(['smtp:', 'smtps:'], { message: 'SMTP_URL must be an SMTP URL such as smtp://user:password@host:587' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  MAIL_FROM?: string;

  /**
   * How long a notice's e-mail waits for others to the same person about the same round that day,
   * to go out with them as one e-mail (a digest). One minute by default; none in tests.
   */
  @IsOptional()
  @IsInt({ message: 'MAIL_DIGEST_SECONDS must be a whole number of seconds between 0 and 3600' })
  @Min(0, { message: 'MAIL_DIGEST_SECONDS must be a whole number of seconds between 0 and 3600' })
  @Max(3_600, { message: 'MAIL_DIGEST_SECONDS must be a whole number of seconds between 0 and 3600' })
  MAIL_DIGEST_SECONDS?: number;

  @IsOptional()
  @IsConnectionUrl(['https:', 'http:'], { message: 'PUBLIC_BASE_URL must be the URL people open, such as https://vedtak.example.no' })
  PUBLIC_BASE_URL?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL = 'info';

  @IsString()
  @MinLength(1, { message: 'QUEUE_PREFIX must not be empty' })
  @MaxLength(64, { message: 'QUEUE_PREFIX must be at most 64 characters' })
  QUEUE_PREFIX = '{vedtak}';

  /**
   * How many processes serve the api on PORT (node:cluster), or `auto`: one per core. Node runs
   * JavaScript on one core; with more, the processes share the port and the load.
   */
  @Matches(/^(auto|[1-9]|[1-5][0-9]|6[0-4])$/, { message: 'API_PROCESSES must be auto or a whole number between 1 and 64' })
  API_PROCESSES = '1';

  @IsInt({ message: 'WORKER_CONCURRENCY must be a whole number between 1 and 100' })
  @Min(1, { message: 'WORKER_CONCURRENCY must be a whole number between 1 and 100' })
  @Max(100, { message: 'WORKER_CONCURRENCY must be a whole number between 1 and 100' })
  WORKER_CONCURRENCY = 5;

  /** Outside production only: the clock starts at this instant and runs on (tests, rehearsals). */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'CLOCK_START must be an ISO 8601 instant such as 2022-12-15T23:59:50+01:00' })
  CLOCK_START?: string;

  /**
   * Whether the api accepts the HS256 tokens it signs itself with JWT_SECRET (demo, scripts,
   * tests). Off in production unless set to on explicitly; people there sign in through OIDC.
   */
  @IsOptional()
  @IsIn(['on', 'off'], { message: 'LOCAL_TOKENS must be on or off' })
  LOCAL_TOKENS?: 'on' | 'off';

  /** The oldest a bearer token may be (from its iat), whatever its exp says. */
  @IsInt({ message: 'TOKEN_MAX_AGE_SECONDS must be a whole number of seconds between 60 and 86400' })
  @Min(60, { message: 'TOKEN_MAX_AGE_SECONDS must be a whole number of seconds between 60 and 86400' })
  @Max(86_400, { message: 'TOKEN_MAX_AGE_SECONDS must be a whole number of seconds between 60 and 86400' })
  TOKEN_MAX_AGE_SECONDS = 43_200;

  /** Origins (comma-separated, such as https://intranett.kommune.no) whose pages may call the api; none by default. */
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'CORS_ORIGINS must be at most 2000 characters' })
  CORS_ORIGINS?: string;

  /** Requests per minute one signed-in person may make, across every api process. */
  @IsInt({ message: 'RATE_LIMIT_PERSON_PER_MINUTE must be a whole number between 1 and 1000000' })
  @Min(1, { message: 'RATE_LIMIT_PERSON_PER_MINUTE must be a whole number between 1 and 1000000' })
  @Max(1_000_000, { message: 'RATE_LIMIT_PERSON_PER_MINUTE must be a whole number between 1 and 1000000' })
  RATE_LIMIT_PERSON_PER_MINUTE = 600;

  /** Requests per minute from one IP address (a whole town hall may share one), across every api process. */
  @IsInt({ message: 'RATE_LIMIT_IP_PER_MINUTE must be a whole number between 1 and 1000000' })
  @Min(1, { message: 'RATE_LIMIT_IP_PER_MINUTE must be a whole number between 1 and 1000000' })
  @Max(1_000_000, { message: 'RATE_LIMIT_IP_PER_MINUTE must be a whole number between 1 and 1000000' })
  RATE_LIMIT_IP_PER_MINUTE = 1_200;

  /** Refused sign-ins (a missing or bad bearer token, a bad feed token) per minute from one IP address. */
  @IsInt({ message: 'RATE_LIMIT_AUTH_FAILURES_PER_MINUTE must be a whole number between 1 and 1000000' })
  @Min(1, { message: 'RATE_LIMIT_AUTH_FAILURES_PER_MINUTE must be a whole number between 1 and 1000000' })
  @Max(1_000_000, { message: 'RATE_LIMIT_AUTH_FAILURES_PER_MINUTE must be a whole number between 1 and 1000000' })
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE = 60;

  @IsInt({ message: 'SHUTDOWN_GRACE_MS must be a whole number of milliseconds between 0 and 600000' })
  @Min(0, { message: 'SHUTDOWN_GRACE_MS must be a whole number of milliseconds between 0 and 600000' })
  @Max(600_000, { message: 'SHUTDOWN_GRACE_MS must be a whole number of milliseconds between 0 and 600000' })
  SHUTDOWN_GRACE_MS = 25_000;
}

/** Thrown when the environment cannot run the product; each line names one variable. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigurationError';
  }
}

const NUMERIC = new Set<keyof Environment>([
  'PORT',
  'WORKER_CONCURRENCY',
  'SHUTDOWN_GRACE_MS',
  'MAIL_DIGEST_SECONDS',
  'TOKEN_MAX_AGE_SECONDS',
  'RATE_LIMIT_PERSON_PER_MINUTE',
  'RATE_LIMIT_IP_PER_MINUTE',
  'RATE_LIMIT_AUTH_FAILURES_PER_MINUTE',
]);

/** The smallest JWT_SECRET accepted in production, in bits, by the estimate of `estimatedSecretBits`. */
export const MIN_SECRET_BITS = 128;

const HOW_TO_MAKE_A_SECRET = 'make one with `openssl rand -base64 48`';

// Secrets printed in this repository (the compose file's old default, .env.example, the scripts'
// local default, the test suites'): whoever has read the code can sign any token with them.
const PUBLISHED_SECRETS = new Set([
  'change-me-to-a-random-string-of-32-characters',
  'replace-with-at-least-32-random-characters',
  'local-demo-secret-change-me-0123456789abcdef',
  'test-secret-for-the-suites-0123456789abcdef',
  'unit-test-secret-0123456789abcdef0123',
]);
const PLACEHOLDER = /change-?me|replace-with/i;

/**
 * A plain estimate of how hard a secret is to guess: its length times log2 of the number of
 * distinct characters in it. A random string scores about its true entropy (openssl rand -base64
 * 48 gives some 350 bits); a repeated character scores 0, whatever its length.
 */
export function estimatedSecretBits(secret: string): number {
  const characters = [...secret];
  const distinct = new Set(characters).size;
  return distinct > 1 ? characters.length * Math.log2(distinct) : 0;
}

/** Why JWT_SECRET must not sign tokens, or null when it may; never quotes the secret. */
export function weakSecretProblem(secret: string): string | null {
  if (PUBLISHED_SECRETS.has(secret) || PLACEHOLDER.test(secret)) {
    return `JWT_SECRET is a value published with the product or a placeholder such as "change-me": anyone can sign tokens with it; ${HOW_TO_MAKE_A_SECRET}`;
  }
  if (estimatedSecretBits(secret) < MIN_SECRET_BITS) {
    return (
      `JWT_SECRET is too easy to guess: it must carry at least ${MIN_SECRET_BITS} bits, estimated as its length × log2(number of distinct characters) ` +
      `(32 characters need 16 distinct ones); ${HOW_TO_MAKE_A_SECRET}`
    );
  }
  return null;
}

export interface ValidateEnvironmentOptions {
  /** Told what production would refuse but a development run accepts (a published or weak JWT_SECRET). */
  onWarning?: (warning: string) => void;
}

/**
 * Reads and validates the environment; throws ConfigurationError naming each bad variable.
 * Production also refuses a JWT_SECRET that is published or easy to guess, and a configuration
 * nobody could sign in with; development only warns about the secret, and the test suites, which
 * use a published secret on purpose, hear nothing.
 */
export function validateEnvironment(source: NodeJS.ProcessEnv, options: ValidateEnvironmentOptions = {}): Environment {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined || value === '') continue;
    // A number that is not a whole number stays a string so that the rule rejects it.
    raw[key] = NUMERIC.has(key as keyof Environment) && /^\d+$/.test(value) ? Number(value) : value;
  }
  const environment = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const errors = validateSync(environment, { forbidUnknownValues: false, stopAtFirstError: true });
  const problems = errors.map(describe);
  const oidc = [environment.OIDC_ISSUER, environment.OIDC_AUDIENCE, environment.OIDC_JWKS_URL];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    problems.push('OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL must be set together (or none of them)');
  }
  if (environment.OIDC_CLIENT_ID && !environment.OIDC_ISSUER) {
    problems.push('OIDC_CLIENT_ID needs OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL: the web app signs in at that identity provider');
  }
  if (environment.CLOCK_START && environment.NODE_ENV === 'production') {
    problems.push('CLOCK_START must not be set in production: the clock of a live system is the real one');
  }
  const secretProblem = typeof environment.JWT_SECRET === 'string' && environment.JWT_SECRET.length >= 32 ? weakSecretProblem(environment.JWT_SECRET) : null;
  if (secretProblem && environment.NODE_ENV === 'production') problems.push(secretProblem);
  if (secretProblem && environment.NODE_ENV === 'development') options.onWarning?.(`${secretProblem} (refused in production)`);
  // Half an OIDC configuration, or a LOCAL_TOKENS that is neither on nor off, has its own line already.
  const named = new Set(errors.map((error) => error.property));
  if (!named.has('LOCAL_TOKENS') && !acceptsLocalTokens(environment) && !oidc.some(Boolean)) {
    problems.push(
      environment.NODE_ENV === 'production' && !environment.LOCAL_TOKENS
        ? 'Nobody could sign in: production accepts tokens from the OIDC identity provider only; set OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL, or LOCAL_TOKENS=on to accept HS256 tokens signed with JWT_SECRET'
        : 'Nobody could sign in: LOCAL_TOKENS=off and no OIDC identity provider; set OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL, or LOCAL_TOKENS=on',
    );
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return environment;
}

/** Whether HS256 tokens signed with JWT_SECRET are accepted: LOCAL_TOKENS when set, else everywhere but in production. */
export function acceptsLocalTokens(environment: Pick<Environment, 'LOCAL_TOKENS' | 'NODE_ENV'>): boolean {
  return environment.LOCAL_TOKENS ? environment.LOCAL_TOKENS === 'on' : environment.NODE_ENV !== 'production';
}

function describe(error: ValidationError): string {
  const messages = Object.values(error.constraints ?? {});
  const message = messages[0] ?? `${error.property} is invalid`;
  return error.value === undefined ? `${message} (it is not set)` : message;
}
