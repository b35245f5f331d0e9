import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

// Used by the TypeORM CLI (`npm run migration:*`); reads DATABASE_URL like the app does.
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('Configuration error: DATABASE_URL must be set for migrations\n');
  process.exit(78);
}

export default new DataSource({
  ...dataSourceOptions(url, 'vedtaksrunde-migrations'),
  logging: ['error', 'warn', 'migration'],
});
