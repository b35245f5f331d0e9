/** The fault suites only: PostgreSQL, Redis and SMTP stopped, the api and the worker killed (`npm run test:faults`). */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/faults/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  collectCoverageFrom: undefined,
  coverageThreshold: undefined,
  testTimeout: 120000,
};
