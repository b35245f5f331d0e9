import { availableParallelism } from 'node:os';
import { Environment, acceptsLocalTokens } from './environment';

/** The validated configuration every module reads, shaped for use rather than for the shell. */
export class AppConfig {
  readonly env: Environment['NODE_ENV'];
  readonly port: number;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly jwtSecret: string;
  readonly oidc: { issuer: string; audience: string; jwksUrl: string } | null;
  /** Where the web app signs people in (authorization code flow with PKCE); null: it cannot. */
  readonly signIn: { issuer: string; clientId: string } | null;
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  /** How long a notice's e-mail waits to be folded with others of its digest (MAIL_DIGEST_SECONDS). */
  readonly mailDigestDelayMs: number;
  readonly publicBaseUrl: string;
  readonly logLevel: string;
  readonly queuePrefix: string;
  /** Processes serving the api (API_PROCESSES; `auto` is one per core). */
  readonly apiProcesses: number;
  readonly workerConcurrency: number;
  readonly shutdownGraceMs: number;
  readonly clockStart: Date | null;
  /** Whether HS256 tokens signed with JWT_SECRET are accepted (LOCAL_TOKENS; off in production by default). */
  readonly localTokens: boolean;
  readonly tokenMaxAgeSeconds: number;
  /** Origins allowed to call the api from a browser (CORS); empty: none. */
  readonly corsOrigins: readonly string[];
  readonly rateLimits: { personPerMinute: number; ipPerMinute: number; authFailuresPerMinute: number };

  constructor(environment: Environment) {
    this.env = environment.NODE_ENV;
    this.port = environment.PORT;
    this.databaseUrl = environment.DATABASE_URL;
    this.redisUrl = environment.REDIS_URL;
    this.jwtSecret = environment.JWT_SECRET;
    this.oidc =
      environment.OIDC_ISSUER && environment.OIDC_AUDIENCE && environment.OIDC_JWKS_URL
        ? { issuer: environment.OIDC_ISSUER, audience: environment.OIDC_AUDIENCE, jwksUrl: environment.OIDC_JWKS_URL }
        : null;
    this.signIn = this.oidc && environment.OIDC_CLIENT_ID ? { issuer: this.oidc.issuer, clientId: environment.OIDC_CLIENT_ID } : null;
    this.smtpUrl = environment.SMTP_URL ?? null;
    this.mailFrom = environment.MAIL_FROM ?? 'Vedtaksrunde <no-reply@vedtaksrunde.local>';
    this.mailDigestDelayMs = (environment.MAIL_DIGEST_SECONDS ?? (environment.NODE_ENV === 'test' ? 0 : 60)) * 1_000;
    this.publicBaseUrl = (environment.PUBLIC_BASE_URL ?? `http://localhost:${environment.PORT}`).replace(/\/$/, '');
    this.logLevel = environment.LOG_LEVEL;
    this.queuePrefix = environment.QUEUE_PREFIX;
    this.apiProcesses = environment.API_PROCESSES === 'auto' ? availableParallelism() : Number(environment.API_PROCESSES);
    this.workerConcurrency = environment.WORKER_CONCURRENCY;
    this.shutdownGraceMs = environment.SHUTDOWN_GRACE_MS;
    this.clockStart = environment.CLOCK_START ? new Date(environment.CLOCK_START) : null;
    this.localTokens = acceptsLocalTokens(environment);
    this.tokenMaxAgeSeconds = environment.TOKEN_MAX_AGE_SECONDS;
    this.corsOrigins = (environment.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter(Boolean);
    this.rateLimits = {
      personPerMinute: environment.RATE_LIMIT_PERSON_PER_MINUTE,
      ipPerMinute: environment.RATE_LIMIT_IP_PER_MINUTE,
      authFailuresPerMinute: environment.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE,
    };
  }
}
