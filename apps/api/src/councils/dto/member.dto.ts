import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsObject, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../validation/calendar-date.validator';
import { IsList, IsText } from '../../validation/text.validator';
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

/** `POST /api/councils/{slug}/members/{municipalityNumber}/withdrawal` */
export class GiveNoticeDto {
  @ApiProperty({ description: 'The day the kommunestyre gave notice of withdrawal (today or earlier)', example: '2026-12-02', format: 'date' })
  @IsCalendarDate()
  noticeGivenOn!: string;

  @ApiProperty({ required: false, description: 'A note for the record, e.g. the kommunestyre’s case number', example: 'KS-sak 45/26', maxLength: 2000 })
  @IsOptional()
  @Transform(trimmed)
  @IsText(2000)
  reason?: string;
}

/** `POST /api/councils/{slug}/members/{municipalityNumber}/leave` */
export class LeaveDto {
  @ApiProperty({ description: 'Its last day as a member', example: '2026-12-31', format: 'date' })
  @IsCalendarDate()
  leftOn!: string;

  @ApiProperty({ description: 'Why it leaves, for the record', example: 'Uttreden etter avtalens § 12', minLength: 1, maxLength: 2000 })
  @Transform(trimmed)
  @IsText(2000)
  reason!: string;
}

/** The successor of a merger. */
export class SuccessorDto {
  @ApiProperty({ description: 'Its kommunenummer: a new one (Orkland, 5059) or one of the predecessors’ (Trondheim, 5001)', example: '5059', pattern: '^\\d{4}$' })
  @Matches(/^\d{4}$/, { message: 'successor.municipalityNumber must be a kommunenummer of four digits, such as "5059"' })
  municipalityNumber!: string;

  @ApiProperty({ description: 'Its name; for a known kommunenummer the registered name', example: 'Orkland', maxLength: 200 })
  @Transform(trimmed)
  @IsText(200)
  name!: string;
}

/** `POST /api/councils/{slug}/mergers` */
export class MergeDto {
  @ApiProperty({ type: [String], description: 'The members that merge (the successor among them when it keeps its number)', example: ['5024', '5016'] })
  @IsList(1, 20)
  @Matches(/^\d{4}$/, { each: true, message: 'each of predecessors must be a kommunenummer of four digits' })
  predecessors!: string[];

  @ApiProperty({ type: SuccessorDto })
  @IsObject({ message: 'successor must be an object with the municipalityNumber and name of the municipality that takes their place' })
  @ValidateNested()
  @Type(() => SuccessorDto)
  successor!: SuccessorDto;

  @ApiProperty({ description: 'The successor’s first day; the predecessors end the day before', example: '2020-01-01', format: 'date' })
  @IsCalendarDate()
  effectiveFrom!: string;

  @ApiProperty({ required: false, description: 'The successor’s seats in representantskapet; the predecessors’ together when left out', example: 3, minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  representatives?: number;

  @ApiProperty({ description: 'Why, for the record (the merger’s decision)', example: 'Kommunesammenslåing vedtatt av Stortinget 8. juni 2017', minLength: 1, maxLength: 2000 })
  @Transform(trimmed)
  @IsText(2000)
  reason!: string;
}

/** `PUT /api/councils/{slug}/withdrawal-rule` */
export class WithdrawalRuleDto {
  @ApiProperty({ description: 'Months of notice, from the day the notice is given', example: 12, minimum: 0, maximum: 60 })
  @IsInt()
  @Min(0)
  @Max(60)
  noticeMonths!: number;

  @ApiProperty({ description: 'Whether the withdrawal then takes effect on 31 December of the year the notice runs out', example: true })
  @IsBoolean()
  atYearEnd!: boolean;
}
