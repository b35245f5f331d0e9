export * from './job-catalogue';
export * from './redis-connection';
