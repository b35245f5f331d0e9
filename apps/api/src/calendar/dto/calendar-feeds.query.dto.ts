import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** `GET /api/me/calendar-feeds?limit=` */
export class ListCalendarFeedsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, example: 50 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'limit must be a whole number between 1 and 200' })
  @Min(1, { message: 'limit must be a whole number between 1 and 200' })
  @Max(200, { message: 'limit must be a whole number between 1 and 200' })
  limit?: number;
}

/** `/api/me/calendar-feeds/{id}` */
export class CalendarFeedParams {
  @ApiProperty({ format: 'uuid', example: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'id must be a calendar feed id (a UUID)' })
  id!: string;
}
