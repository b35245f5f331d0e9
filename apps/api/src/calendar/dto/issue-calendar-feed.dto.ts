import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches, ValidateIf } from 'class-validator';
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
}
