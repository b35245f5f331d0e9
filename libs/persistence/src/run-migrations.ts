import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Brings the database at `url` up to the newest migration; returns the names it ran. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = await new DataSource(dataSourceOptions(url, 'vedtaksrunde-migrations')).initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
