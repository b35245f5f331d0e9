import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CALENDAR_FEED_LIST_CURSOR } from '@app/application';
import { PageQuery } from '../../paging/page-query.dto';

/** `GET /api/me/calendar-feeds?limit=&cursor=` */
export class ListCalendarFeedsQueryDto extends PageQuery(CALENDAR_FEED_LIST_CURSOR) {}

/** `/api/me/calendar-feeds/{id}` */
export class CalendarFeedParams {
  @ApiProperty({ format: 'uuid', example: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'id must be a calendar feed id (a UUID)' })
  id!: string;
}
