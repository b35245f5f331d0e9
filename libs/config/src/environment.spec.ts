import { ConfigurationError, validateEnvironment } from './environment';

const valid = {
  DATABASE_URL: 'postgres://vedtak:secret@db.example.internal:5432/vedtak',
  REDIS_URL: 'redis://cache.example.internal:6379',
  JWT_SECRET: 'a'.repeat(32),
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    validateEnvironment(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('validateEnvironment', () => {
  it('accepts a complete environment and fills the defaults', () => {
    const env = validateEnvironment(valid);
    expect(env.PORT).toBe(3000);
    expect(env.QUEUE_PREFIX).toBe('{vedtak}');
    expect(env.DATABASE_URL).toBe(valid.DATABASE_URL);
  });

  it.each([
    ['DATABASE_URL', 'not a url', /^DATABASE_URL must be a PostgreSQL URL/],
    ['DATABASE_URL', 'mysql://localhost/x', /^DATABASE_URL must be a PostgreSQL URL/],
    ['REDIS_URL', 'localhost:6379', /^REDIS_URL must be a Redis URL/],
    ['JWT_SECRET', 'short', /^JWT_SECRET must be at least 32 characters/],
    ['PORT', 'eighty', /^PORT must be a whole number/],
    ['PORT', '70000', /^PORT must be a whole number/],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL must be one of/],
    ['SMTP_URL', 'mail.example', /^SMTP_URL must be an SMTP URL/],
  ])('names %s when it is %p', (name, value, message) => {
    const problems = problemsOf({ ...valid, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('says that a required variable is not set', () => {
    const problems = problemsOf({ REDIS_URL: valid.REDIS_URL, JWT_SECRET: valid.JWT_SECRET });
    expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL .*\(it is not set\)$/)]);
  });

  it('never echoes a secret back', () => {
    const problems = problemsOf({ ...valid, JWT_SECRET: 'hunter2' });
    expect(problems.join(' ')).not.toContain('hunter2');
  });

  it('wants the three OIDC settings together', () => {
    const problems = problemsOf({ ...valid, OIDC_ISSUER: 'https://login.example.no' });
    expect(problems).toEqual([expect.stringContaining('OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL must be set together')]);
  });

  it('wants the identity provider beside the web app\'s client id', () => {
    expect(problemsOf({ ...valid, OIDC_CLIENT_ID: 'vedtaksrunde-web' })).toEqual([expect.stringMatching(/^OIDC_CLIENT_ID needs OIDC_ISSUER/)]);
    const oidc = { OIDC_ISSUER: 'https://login.example.no', OIDC_AUDIENCE: 'vedtaksrunde-api', OIDC_JWKS_URL: 'https://login.example.no/jwks' };
    expect(problemsOf({ ...valid, ...oidc, OIDC_CLIENT_ID: 'vedtaksrunde-web' })).toEqual([]);
  });
});
