export * from './jobs.application.module';
export * from './notice-topics';
export * from './queued-jobs';
export * from './reconcile.handler';
export * from './round-deadlines';
export * from './round-jobs.handler';
export * from './round-reminders';
export * from './round-schedule';
