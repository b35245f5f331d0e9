import { randomBytes } from 'node:crypto';
import { AppConfig } from './app-config';
import { ConfigurationError, MIN_SECRET_BITS, estimatedSecretBits, validateEnvironment } from './environment';

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

  describe('JWT_SECRET in production', () => {
    const strong = randomBytes(48).toString('base64');
    const production = { ...valid, NODE_ENV: 'production', LOCAL_TOKENS: 'on' };

    it.each([
      ['the compose file’s old default', 'change-me-to-a-random-string-of-32-characters'],
      ['the value of .env.example before', 'replace-with-at-least-32-random-characters'],
      ['the scripts’ local default', 'local-demo-secret-change-me-0123456789abcdef'],
      ['the test suites’ secret', 'test-secret-for-the-suites-0123456789abcdef'],
      ['anything with change-me in it', 'Xq7-CHANGE-ME-k2P9vL0sW4zR8yT1nB6mD3fG5hJ'],
    ])('refuses %s as published, saying how to make one', (_case, secret) => {
      const problems = problemsOf({ ...production, JWT_SECRET: secret });
      expect(problems).toEqual([expect.stringMatching(/^JWT_SECRET is a value published with the product/)]);
      expect(problems[0]).toContain('openssl rand -base64 48');
      expect(problems[0]).not.toContain(secret);
    });

    it.each([
      ['one character repeated', 'a'.repeat(64)],
      ['two characters alternating', 'ab'.repeat(40)],
      ['32 characters of 15 distinct ones', 'abcdefghijklmno'.repeat(3).slice(0, 32)],
      ['hex digits of a year', '2024'.repeat(16)],
    ])('refuses %s as too easy to guess, naming the rule', (_case, secret) => {
      expect(estimatedSecretBits(secret)).toBeLessThan(MIN_SECRET_BITS);
      const problems = problemsOf({ ...production, JWT_SECRET: secret });
      expect(problems).toEqual([expect.stringMatching(/^JWT_SECRET is too easy to guess: it must carry at least 128 bits, estimated as its length × log2\(number of distinct characters\)/)]);
      expect(problems[0]).toContain('openssl rand -base64 48');
      expect(problems[0]).not.toContain(secret);
    });

    it('accepts a random secret such as openssl rand -base64 48 or -hex 32 gives', () => {
      expect(estimatedSecretBits(strong)).toBeGreaterThan(300);
      expect(problemsOf({ ...production, JWT_SECRET: strong })).toEqual([]);
      expect(problemsOf({ ...production, JWT_SECRET: randomBytes(32).toString('hex') })).toEqual([]);
      expect(estimatedSecretBits('abcdefghijklmnop'.repeat(2))).toBe(128);
    });

    it('only warns outside production, and says nothing to the test suites', () => {
      for (const secret of ['local-demo-secret-change-me-0123456789abcdef', 'a'.repeat(32)]) {
        const warnings: string[] = [];
        expect(() => validateEnvironment({ ...valid, NODE_ENV: 'development', JWT_SECRET: secret }, { onWarning: (w) => warnings.push(w) })).not.toThrow();
        expect(warnings).toEqual([expect.stringMatching(/^JWT_SECRET .*openssl rand -base64 48.* \(refused in production\)$/)]);
      }
      const warnings: string[] = [];
      validateEnvironment({ ...valid, NODE_ENV: 'test', JWT_SECRET: 'test-secret-for-the-suites-0123456789abcdef' }, { onWarning: (w) => warnings.push(w) });
      validateEnvironment({ ...valid, NODE_ENV: 'development', JWT_SECRET: strong }, { onWarning: (w) => warnings.push(w) });
      expect(warnings).toEqual([]);
    });
  });

  describe('who can sign in', () => {
    const strong = randomBytes(48).toString('base64');
    const oidc = { OIDC_ISSUER: 'https://login.example.no', OIDC_AUDIENCE: 'vedtaksrunde-api', OIDC_JWKS_URL: 'https://login.example.no/jwks' };
    const localTokensOf = (env: Record<string, string>) => new AppConfig(validateEnvironment({ ...valid, JWT_SECRET: strong, ...env })).localTokens;

    it('takes local tokens outside production, and in production only with LOCAL_TOKENS=on', () => {
      expect(localTokensOf({ NODE_ENV: 'development' })).toBe(true);
      expect(localTokensOf({ NODE_ENV: 'test' })).toBe(true);
      expect(localTokensOf({ NODE_ENV: 'test', ...oidc, LOCAL_TOKENS: 'off' })).toBe(false);
      expect(localTokensOf({ NODE_ENV: 'production', ...oidc })).toBe(false);
      expect(localTokensOf({ NODE_ENV: 'production', LOCAL_TOKENS: 'on' })).toBe(true);
      expect(problemsOf({ ...valid, LOCAL_TOKENS: 'yes' })).toEqual(['LOCAL_TOKENS must be on or off']);
    });

    it('refuses production without an identity provider and without LOCAL_TOKENS=on: nobody could sign in', () => {
      expect(problemsOf({ ...valid, NODE_ENV: 'production', JWT_SECRET: strong })).toEqual([
        expect.stringMatching(/^Nobody could sign in: production accepts tokens from the OIDC identity provider only; set OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL, or LOCAL_TOKENS=on/),
      ]);
      expect(problemsOf({ ...valid, NODE_ENV: 'production', JWT_SECRET: strong, ...oidc })).toEqual([]);
      expect(problemsOf({ ...valid, NODE_ENV: 'production', JWT_SECRET: strong, LOCAL_TOKENS: 'on' })).toEqual([]);
      expect(problemsOf({ ...valid, LOCAL_TOKENS: 'off' })).toEqual([expect.stringMatching(/^Nobody could sign in: LOCAL_TOKENS=off and no OIDC identity provider/)]);
    });

    it('reads TOKEN_MAX_AGE_SECONDS, 12 hours unless told', () => {
      expect(new AppConfig(validateEnvironment(valid)).tokenMaxAgeSeconds).toBe(43_200);
      expect(new AppConfig(validateEnvironment({ ...valid, TOKEN_MAX_AGE_SECONDS: '900' })).tokenMaxAgeSeconds).toBe(900);
      expect(problemsOf({ ...valid, TOKEN_MAX_AGE_SECONDS: '30' })).toEqual([expect.stringMatching(/^TOKEN_MAX_AGE_SECONDS must be a whole number of seconds/)]);
    });
  });
});
