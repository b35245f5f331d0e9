export * from './jobs.application.module';
export * from './reconcile.handler';
export * from './round-jobs.handler';
export * from './round-schedule';
