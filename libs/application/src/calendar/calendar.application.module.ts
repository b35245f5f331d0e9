import { Module } from '@nestjs/common';
import { PeopleApplicationModule } from '../people/people.application.module';
import { CalendarFeedHandler } from './calendar-feed.handler';
import { MyCalendarFeedsHandler } from './my-calendar-feeds.handler';

/** The use cases of calendar feeds: a person's own feeds (issue, list, revoke), and reading the feed a token opens. */
@Module({ imports: [PeopleApplicationModule], providers: [CalendarFeedHandler, MyCalendarFeedsHandler], exports: [CalendarFeedHandler, MyCalendarFeedsHandler] })
export class CalendarApplicationModule {}
