import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../validation/calendar-date.validator';
import { IsNokAmount } from '../../validation/nok-amount.validator';
import { trimmed } from '../../validation/trimmed.transform';

/** What the round asks the members to adopt: an agreement version, or a fee change over a cost key. */
export class RoundSubjectDto {
  @ApiProperty({ enum: ['agreement', 'fees'], example: 'fees' })
  @IsIn(['agreement', 'fees'], { message: 'subject.type must be "agreement" or "fees"' })
  type!: 'agreement' | 'fees';

  @ApiPropertyOptional({
    description: 'With `agreement`: the version to adopt (it must answer § 18-4 a–h)',
    format: 'uuid',
    example: '3f1c9a52-4b7e-4c1d-9a43-2f0e8b6d7c11',
  })
  @ValidateIf((subject: RoundSubjectDto) => subject.type === 'agreement')
  @IsUUID('all', { message: 'versionId must be the id of an agreement version' })
  versionId?: string;

  @ApiPropertyOptional({ description: 'With `fees`: the new yearly total in NOK', example: '10000000.00' })
  @ValidateIf((subject: RoundSubjectDto) => subject.type === 'fees')
  @IsNokAmount()
  total?: string;

  @ApiPropertyOptional({ description: 'With `fees`: the cost key that allocates the total', example: 'fees-2022' })
  @ValidateIf((subject: RoundSubjectDto) => subject.type === 'fees')
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  costKey?: string;

  @ApiPropertyOptional({ description: 'With `fees`: the date the new fees apply from', example: '2023-01-01' })
  @ValidateIf((subject: RoundSubjectDto) => subject.type === 'fees')
  @IsCalendarDate()
  effectiveFrom?: string;

  @ApiPropertyOptional({ enum: ['ore', 'krone'], default: 'ore', description: 'With `fees`: allocate in øre or in whole kroner' })
  @IsOptional()
  @IsIn(['ore', 'krone'], { message: 'roundTo must be "ore" or "krone"' })
  roundTo?: 'ore' | 'krone';
}

/** How the round is decided: unanimity with veto (the default), or a qualified majority by count or by weight. */
export class DecisionRuleDto {
  @ApiProperty({ enum: ['unanimity', 'qualified_majority'], example: 'qualified_majority' })
  @IsIn(['unanimity', 'qualified_majority'], { message: 'decisionRule.kind must be "unanimity" or "qualified_majority"' })
  kind!: 'unanimity' | 'qualified_majority';

  @ApiPropertyOptional({
    enum: ['count', 'weight'],
    example: 'count',
    description: "With `qualified_majority`: count the members, or their weights in the round's cost key (frozen at launch; fee rounds only)",
  })
  @ValidateIf((rule: DecisionRuleDto) => rule.kind === 'qualified_majority' || rule.by !== undefined)
  @IsIn(['count', 'weight'], { message: 'decisionRule.by must be "count" or "weight"' })
  by?: 'count' | 'weight';

  @ApiPropertyOptional({ example: '2/3', description: 'With `qualified_majority`: the share that must adopt, a fraction "p/q" with 1 ≤ p ≤ q ≤ 100' })
  @ValidateIf((rule: DecisionRuleDto) => rule.kind === 'qualified_majority' || rule.atLeast !== undefined)
  @IsString({ message: 'decisionRule.atLeast must be a fraction such as "2/3"' })
  @Matches(/^[1-9]\d{0,2}\/[1-9]\d{0,2}$/, { message: 'decisionRule.atLeast must be a fraction such as "2/3"' })
  atLeast?: string;
}

/** Launch of an approval round by the secretariat. */
export class LaunchRoundDto {
  @ApiProperty({ type: RoundSubjectDto })
  @IsObject({ message: 'subject must be an object with a type' })
  @ValidateNested()
  @Type(() => RoundSubjectDto)
  subject!: RoundSubjectDto;

  @ApiPropertyOptional({
    type: DecisionRuleDto,
    description:
      'How the round is decided; `{ "kind": "unanimity" }` when left out. Agreement versions and fee changes that raise any member\'s fee need unanimity; any other rule is refused (422) for them.',
  })
  @IsOptional()
  @IsObject({ message: 'decisionRule must be an object such as { "kind": "unanimity" }' })
  @ValidateNested()
  @Type(() => DecisionRuleDto)
  decisionRule?: DecisionRuleDto;

  @ApiProperty({ description: 'The last day to decide, Europe/Oslo; it ends 23:59:59 local time', example: '2022-12-15' })
  @IsCalendarDate()
  deadline!: string;

  @ApiPropertyOptional({ type: [Number], default: [14, 7, 1], example: [14, 7, 1], description: 'Days before the deadline to remind undecided members' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true, message: 'reminderDaysBefore must hold whole numbers of days' })
  @Min(0, { each: true })
  @Max(365, { each: true })
  reminderDaysBefore?: number[];

  @ApiPropertyOptional({ example: 'Medlemsavgift 2023', description: 'Defaults to a title made from the subject' })
  @Transform(trimmed)
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ default: false, example: false, description: 'Close the round by itself when the deadline has passed' })
  @IsOptional()
  @IsBoolean()
  expiresAutomatically?: boolean;

  @ApiPropertyOptional({ default: false, example: true, description: "Show the round on the council's public status page (/public/{slug})" })
  @IsOptional()
  @IsBoolean()
  public?: boolean;
}
