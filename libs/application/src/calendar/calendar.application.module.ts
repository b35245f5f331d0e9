import { Module } from '@nestjs/common';
import { CalendarFeedHandler } from './calendar-feed.handler';

/** The use case of calendar feeds: issue a personal feed address, and read the feed it opens. */
@Module({ providers: [CalendarFeedHandler], exports: [CalendarFeedHandler] })
export class CalendarApplicationModule {}
