import { AppConfig } from './app-config';
import { ConfigurationError, validateEnvironment } from './environment';

/**
 * Validates the environment before anything else boots. On a bad value it prints one line per
 * variable to stderr and exits, so an operator sees the cause instead of a stack trace. What
 * production would refuse but development accepts is printed as a warning.
 */
export function loadConfigOrExit(source: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    const warn = (warning: string) => process.stderr.write(`Configuration warning: ${warning}\n`);
    return new AppConfig(validateEnvironment(source, { onWarning: warn }));
  } catch (error) {
    if (error instanceof ConfigurationError) {
      for (const problem of error.problems) process.stderr.write(`Configuration error: ${problem}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
