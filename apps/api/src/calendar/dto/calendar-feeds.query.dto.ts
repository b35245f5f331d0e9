import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { PageLimit } from '../../validation/page-limit';

/** `GET /api/me/calendar-feeds?limit=` */
export class ListCalendarFeedsQueryDto {
  @PageLimit(200, 50)
  limit?: number;
}

/** `/api/me/calendar-feeds/{id}` */
export class CalendarFeedParams {
  @ApiProperty({ format: 'uuid', example: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'id must be a calendar feed id (a UUID)' })
  id!: string;
}
