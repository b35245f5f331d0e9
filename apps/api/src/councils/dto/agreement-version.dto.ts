import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { AGREEMENT_VERSION_LIST_CURSOR } from '@app/application';
import { PageQuery } from '../../paging/page-query.dto';
import { IsCalendarDate } from '../../validation/calendar-date.validator';
import { IsList, IsText } from '../../validation/text.validator';
import { trimmed } from '../../validation/trimmed.transform';

/** One section of the agreement's text. */
export class AgreementSectionDto {
  @ApiProperty({ description: 'How the text refers to the section; unique within the version', example: '§ 1', maxLength: 50 })
  @Transform(trimmed)
  @IsText(50)
  ref!: string;

  @ApiProperty({ example: 'Navn', maxLength: 500 })
  @Transform(trimmed)
  @IsText(500)
  heading!: string;

  @ApiProperty({ example: 'Rådets navn er Trondheimsregionen.', maxLength: 50000 })
  @IsText(50000)
  text!: string;
}

const letter = (item: string, example: string) =>
  ApiPropertyOptional({ description: `Where the text answers § 18-4 ${item}`, example, maxLength: 200 });

/** Where the version answers each item of the legal minimum content (kommuneloven § 18-4 second paragraph). */
export class MinimumContentDto {
  @letter('a) the council’s name', '§ 1') @IsOptional() @IsString() @MaxLength(200) a?: string;
  @letter('b) whether it is its own legal entity', '§ 2') @IsOptional() @IsString() @MaxLength(200) b?: string;
  @letter('c) how many members each participant has in representantskapet', '§ 5') @IsOptional() @IsString() @MaxLength(200) c?: string;
  @letter('d) which matters it may handle', '§ 3') @IsOptional() @IsString() @MaxLength(200) d?: string;
  @letter('e) what authority is delegated to it', '§ 4') @IsOptional() @IsString() @MaxLength(200) e?: string;
  @letter('f) ownership share and share of liability', '§ 9') @IsOptional() @IsString() @MaxLength(200) f?: string;
  @letter('g) how a participant withdraws', '§ 11') @IsOptional() @IsString() @MaxLength(200) g?: string;
  @letter('h) how it is dissolved, and who keeps its archives', '§ 12') @IsOptional() @IsString() @MaxLength(200) h?: string;
}

/** `POST /api/councils/{slug}/agreement-versions` */
export class CreateAgreementVersionDto {
  @ApiProperty({ example: 'Samarbeidsavtale for Trondheimsregionen 2023', maxLength: 300 })
  @Transform(trimmed)
  @IsText(300)
  title!: string;

  @ApiProperty({ description: 'The day the version is meant to take effect', example: '2023-01-01', format: 'date' })
  @IsCalendarDate()
  effectiveFrom!: string;

  @ApiProperty({ type: [AgreementSectionDto], description: 'The text, section by section (at least one)' })
  @IsList(1, 500)
  @ValidateNested({ each: true })
  @Type(() => AgreementSectionDto)
  sections!: AgreementSectionDto[];

  @ApiProperty({
    type: MinimumContentDto,
    description:
      'Where the text answers each letter a–h of § 18-4. A version may leave letters out while it is a draft: the answer lists them in ' +
      '`missingMinimumContent`, and it cannot be sent out or recorded as adopted until none is missing.',
    example: { a: '§ 1', b: '§ 2', c: '§ 5', d: '§ 3', e: '§ 4', f: '§ 9', g: '§ 11', h: '§ 12' },
  })
  @IsObject({ message: 'minimumContent must be an object such as { "a": "§ 1", …, "h": "§ 12" }' })
  @ValidateNested()
  @Type(() => MinimumContentDto)
  minimumContent!: MinimumContentDto;
}

/** `POST /api/councils/{slug}/agreement-versions/{id}/adopted-before` */
export class RecordAdoptedBeforeDto {
  @ApiProperty({ description: 'The day the last member adopted it; not in the future', example: '2020-06-18', format: 'date' })
  @IsCalendarDate()
  adoptedOn!: string;

  @ApiProperty({
    description: 'Why it is recorded rather than sent out, e.g. where the decisions are archived',
    example: 'Vedtatt i alle kommunestyrer før rådet tok i bruk systemet; se sak 2020/1234.',
    maxLength: 2000,
  })
  @Transform(trimmed)
  @IsText(2000)
  reason!: string;
}

/** The agreement version in the path. */
export class AgreementVersionParams {
  @ApiProperty({ description: 'The council’s slug', example: 'trondheimsregionen' })
  @IsString()
  slug!: string;

  @ApiProperty({ description: 'The version’s id', example: '3f1c9a52-4b7e-4c1d-9a43-2f0e8b6d7c11', format: 'uuid' })
  @IsUUID('all', { message: 'id must be the id (a UUID) of an agreement version' })
  id!: string;
}

/** `GET /api/councils/{slug}/agreement-versions?limit=&cursor=` */
export class ListAgreementVersionsQueryDto extends PageQuery(AGREEMENT_VERSION_LIST_CURSOR) {}

/** `?against=<version id>`: the version to compare with; the one in force today when left out. */
export class AgreementChangesQuery {
  @ApiPropertyOptional({
    description: 'The id of the version to compare with; the one in force today (Europe/Oslo) when left out',
    format: 'uuid',
    example: '1b6e0f0a-8f3d-4c55-9a1e-6c2d7b9e4a10',
  })
  @IsOptional()
  @IsUUID('all', { message: 'against must be the id (a UUID) of an agreement version' })
  against?: string;
}
