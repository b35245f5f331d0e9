import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Min, ValidateIf } from 'class-validator';
import { SLUG } from '../../councils/dto/council.dto';

/** `POST /api/me/calendar-feeds`: one council's feed, or one municipality's. */
export class IssueCalendarFeedDto {
  @ApiProperty({ enum: ['council', 'municipality'], example: 'council', description: 'What the feed follows' })
  @IsIn(['council', 'municipality'], { message: 'scope must be "council" or "municipality"' })
  scope!: 'council' | 'municipality';

  @ApiPropertyOptional({ description: 'With scope `council`: the council’s slug', example: 'trondheimsregionen' })
  @ValidateIf((body: IssueCalendarFeedDto) => body.scope === 'council' || body.council !== undefined)
  @Matches(SLUG, { message: 'council must be a council’s slug, such as "trondheimsregionen"' })
  council?: string;

  @ApiPropertyOptional({ description: 'With scope `municipality`: its kommunenummer', example: '5028' })
  @ValidateIf((body: IssueCalendarFeedDto) => body.scope === 'municipality' || body.municipality !== undefined)
  @Matches(/^\d{4}$/, { message: 'municipality must be a four-digit kommunenummer' })
  municipality?: string;

  @ApiPropertyOptional({
    type: Number,
    minimum: 1,
    maximum: 90,
    example: 30,
    description: 'How many days the feed is to live: 90 when left out, and at most 90 (more is refused with 422 `CALENDAR_FEED.LIFETIME_TOO_LONG`)',
  })
  @IsOptional()
  @IsInt({ message: 'expiresInDays must be a whole number of days, 1 to 90' })
  @Min(1, { message: 'expiresInDays must be a whole number of days, 1 to 90' })
  expiresInDays?: number;
}
