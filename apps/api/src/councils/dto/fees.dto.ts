import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsString, Matches, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../validation/calendar-date.validator';
import { IsNokAmount } from '../../validation/nok-amount.validator';
import { IsList, IsText } from '../../validation/text.validator';
import { trimmed } from '../../validation/trimmed.transform';

/** One member's yearly fee. */
export class FeeLineDto {
  @ApiProperty({ description: 'Kommunenummer of a current member', example: '5001', pattern: '^\\d{4}$' })
  @Matches(/^\d{4}$/, { message: 'municipalityNumber must be a kommunenummer of four digits, such as "5001"' })
  municipalityNumber!: string;

  @ApiProperty({ description: 'NOK per year as a string with at most two decimals, zero or more', example: '3320454.00' })
  @IsNokAmount()
  amount!: string;
}

/** `PUT /api/councils/{slug}/fees/{effectiveFrom}` */
export class RecordFeesDto {
  @ApiProperty({
    type: [FeeLineDto],
    description: 'Exactly one amount per current member',
    example: [
      { municipalityNumber: '5001', amount: '3320454.00' },
      { municipalityNumber: '5035', amount: '610573.00' },
    ],
  })
  @IsList(1, 1000)
  @ValidateNested({ each: true })
  @Type(() => FeeLineDto)
  fees!: FeeLineDto[];

  @ApiProperty({
    description: 'Why it is recorded rather than decided in a round, e.g. where the decisions are archived',
    example: 'Medlemsavgift 2022, vedtatt før rådet tok i bruk systemet',
    maxLength: 2000,
  })
  @Transform(trimmed)
  @IsText(2000)
  reason!: string;
}

/** The schedule in the path, by the day it took effect. */
export class FeeScheduleParams {
  @ApiProperty({ description: 'The council’s slug', example: 'trondheimsregionen' })
  @IsString()
  slug!: string;

  @ApiProperty({ description: 'The day the schedule took effect', example: '2022-01-01', format: 'date' })
  @IsCalendarDate()
  effectiveFrom!: string;
}
