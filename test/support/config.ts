import { AppConfig, validateEnvironment } from '@app/config';

export const TEST_JWT_SECRET = 'test-secret-for-the-suites-0123456789abcdef';

/** The suites and the bench make many requests as one person from one address; the rate-limit suite sets its own. */
export const UNLIMITED = {
  RATE_LIMIT_PERSON_PER_MINUTE: '1000000',
  RATE_LIMIT_IP_PER_MINUTE: '1000000',
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '1000000',
};

/** The config a suite's api or worker runs with: its own database, quiet logs. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return new AppConfig(
    validateEnvironment({
      NODE_ENV: 'test',
      REDIS_URL: process.env.REDIS_URL,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      ...UNLIMITED,
      ...overrides,
    }),
  );
}
