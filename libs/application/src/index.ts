export * from './access/council-access';
export * from './application-error';
export * from './audit/event-log';
export * from './time/clock';
export * from './application.module';
export * from './fee-schedules/fee-schedule-in-force';
export * from './rounds';
export * from './councils';
