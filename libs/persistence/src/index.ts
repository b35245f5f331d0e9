export * from './data-source-options';
export * from './entities';
export * from './ore.transformer';
export * from './persistence.module';
export * from './run-migrations';
export * from './one-trip';
