// Types the web app's client from the api's own OpenAPI document, built from the controllers
// without a database (Nest's preview mode). `--check` fails when the checked-in file is stale.
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import openapiTS, { astToString } from 'openapi-typescript';
import { AppConfig, validateEnvironment } from '@app/config';
import { AppModule } from '../apps/api/src/app.module';
import { API_PREFIX_EXCLUDES, apiDocument } from '../apps/api/src/bootstrap';

export const API_TYPES_FILE = join(__dirname, '..', 'apps', 'web', 'src', 'api', 'schema.d.ts');

/** The TypeScript declarations of the api as the code stands. */
export async function generateApiTypes(): Promise<string> {
  // Preview mode wires the modules without instantiating providers: nothing connects anywhere.
  const config = new AppConfig(
    validateEnvironment({ DATABASE_URL: 'postgres://preview@127.0.0.1:1/preview', REDIS_URL: 'redis://127.0.0.1:1', JWT_SECRET: 'p'.repeat(32) }),
  );
  const app = await NestFactory.create(AppModule.register(config), { preview: true, logger: false, abortOnError: false });
  try {
    app.setGlobalPrefix('api', { exclude: API_PREFIX_EXCLUDES });
    const document = apiDocument(app);
    const ast = await openapiTS(JSON.parse(JSON.stringify(document)), { alphabetize: true });
    return `// Generated from the api's OpenAPI document by \`npm run api:types\`; do not edit.\n${astToString(ast)}`;
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const types = await generateApiTypes();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(API_TYPES_FILE, 'utf8');
    } catch {
      // a missing file is stale too
    }
    if (current !== types) {
      process.stderr.write(`${API_TYPES_FILE} is not the api's current document: run npm run api:types and commit it\n`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(API_TYPES_FILE, types);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
