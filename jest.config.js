/**
 * One jest run: unit specs beside the code, integration and e2e suites under test/. The fault
 * suites (test/faults/: services stopped, processes killed) run on their own with
 * jest.faults.config.js (`npm run test:faults`).
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testEnvironment: 'node',
  collectCoverageFrom: ['libs/domain/src/**/*.ts', '!libs/domain/src/**/*.spec.ts', '!libs/domain/src/index.ts'],
  coverageReporters: ['text-summary'],
  coverageThreshold: { './libs/domain/src/': { lines: 95 } },
  testTimeout: 60000,
};
