import { Module } from '@nestjs/common';
import { CalendarApplicationModule } from '@app/application';
import { CalendarController } from './calendar.controller';
import { CalendarFeedsController } from './calendar-feeds.controller';

/** Calendar feeds: issuing a personal feed address, and the iCalendar feeds it opens. */
@Module({ imports: [CalendarApplicationModule], controllers: [CalendarFeedsController, CalendarController] })
export class CalendarModule {}
