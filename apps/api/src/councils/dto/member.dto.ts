import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../../validation/calendar-date.validator';
import { IsText } from '../../validation/text.validator';
import { trimmed } from '../../validation/trimmed.transform';

/** `PUT /api/councils/{slug}/members/{municipalityNumber}` */
export class UpsertMemberDto {
  @ApiProperty({
    description:
      'The municipality’s name. A kommunenummer not known yet is registered with it; for a known one it must be the registered name ' +
      '(shared by every council), which only the admin may change',
    example: 'Stjørdal',
    maxLength: 200,
  })
  @Transform(trimmed)
  @IsText(200)
  name!: string;

  @ApiProperty({ description: 'The day the municipality joined the council', example: '2020-01-01', format: 'date' })
  @IsCalendarDate()
  joinedOn!: string;

  @ApiProperty({ description: 'Its seats in representantskapet', example: 2, minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  representatives!: number;
}

/** The member in the path. */
export class CouncilMemberParams {
  @ApiProperty({ description: 'The council’s slug', example: 'trondheimsregionen' })
  @IsString()
  slug!: string;

  @ApiProperty({ description: 'The official four-digit kommunenummer', example: '5035', pattern: '^\\d{4}$' })
  @Matches(/^\d{4}$/, { message: 'municipalityNumber must be a kommunenummer of four digits, such as "5035"' })
  municipalityNumber!: string;
}
