export * from './council-event.reader';
export * from './council-live-feed';
export * from './follow-council/follow-council.handler';
export * from './live-event';
export * from './live.application.module';
