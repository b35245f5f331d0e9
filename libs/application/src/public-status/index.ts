export * from './public-status.application.module';
export * from './public-status.handler';
