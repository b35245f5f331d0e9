import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../validation/calendar-date.validator';

/** `?on=YYYY-MM-DD`: the day to ask about; today in Oslo when left out. */
export class InForceQuery {
  @ApiPropertyOptional({ description: 'The day to ask about, past or future; today (Europe/Oslo) when left out', example: '2022-06-01', format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}
