import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../validation/calendar-date.validator';

export const REGISTERABLE_DECISIONS = ['scheduled', 'adopted', 'rejected', 'adopted_with_amendments', 'postponed'] as const;

/** How the kommunestyre voted. */
export class VotesDto {
  @ApiProperty({ example: 35, minimum: 0 })
  @IsInt()
  @Min(0)
  for!: number;

  @ApiProperty({ example: 2, minimum: 0 })
  @IsInt()
  @Min(0)
  against!: number;

  @ApiProperty({ example: 0, minimum: 0 })
  @IsInt()
  @Min(0)
  blank!: number;
}

/** What a clerk registers: what their kommunestyre decided, or when it will. */
export class RegisterDecisionDto {
  @ApiProperty({ enum: REGISTERABLE_DECISIONS, example: 'adopted' })
  @IsIn(REGISTERABLE_DECISIONS, { message: `decision must be one of ${REGISTERABLE_DECISIONS.join(', ')}` })
  decision!: (typeof REGISTERABLE_DECISIONS)[number];

  @ApiProperty({ description: 'The meeting: in the future for `scheduled`, not in the future for a decision', example: '2022-11-24' })
  @IsCalendarDate()
  meetingDate!: string;

  @ApiPropertyOptional({ enum: ['kommunestyre', 'bystyre'], default: 'kommunestyre', description: 'Only the kommunestyre itself may decide (§ 18-4)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  body?: string;

  @ApiPropertyOptional({ example: '2022/1234', description: 'Required with a decision' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  caseNumber?: string;

  @ApiPropertyOptional({ example: 'https://innsyn.malvik.kommune.no/moter/2022-11-24#sak-87', description: 'Protocol URL or archive reference; required with a decision' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  protocolRef?: string;

  @ApiPropertyOptional({ type: VotesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => VotesDto)
  votes?: VotesDto;

  @ApiPropertyOptional({ example: 'Formannskapet innstilte enstemmig.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;

  @ApiPropertyOptional({ description: 'With `postponed`: the next meeting, if known', example: '2022-12-15' })
  @IsOptional()
  @IsCalendarDate()
  nextMeetingDate?: string;

  @ApiPropertyOptional({ description: 'Required to correct what was registered', example: 'Feil saksnummer' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
