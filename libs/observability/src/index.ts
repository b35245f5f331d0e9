export * from './logging.module';
export * from './loggable-error';
export * from './request-id';
export * from './query-error.logger';
