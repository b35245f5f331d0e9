export * from './calendar-feed.handler';
export * from './calendar.application.module';
