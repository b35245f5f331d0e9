export * from './calendar-feed.handler';
export * from './calendar.application.module';
export * from './feed-token-refused.error';
export * from './my-calendar-feeds.handler';
