import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';
import { COUNCIL_LIST_CURSOR } from '@app/application';
import { PageQuery } from '../../paging/page-query.dto';
import { IsText } from '../../validation/text.validator';
import { trimmed } from '../../validation/trimmed.transform';

/** Lower-case letters and digits joined by single dashes, as in the council's web address. */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** SLUG, at most 63 characters long, so one pattern says all that a name must be. */
export const SLUG_OF_AT_MOST_63 = /^(?=.{1,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

/** `POST /api/councils` */
export class CreateCouncilDto {
  @ApiProperty({
    description: 'Used in every address of the council: lower-case letters and digits joined by dashes; cannot be changed later',
    example: 'innherred',
    pattern: SLUG.source,
    maxLength: 63,
  })
  @Matches(SLUG_OF_AT_MOST_63, { message: 'slug must be 1 to 63 lower-case letters and digits joined by dashes, such as "trondheimsregionen"' })
  slug!: string;

  @ApiProperty({ description: 'The council’s name as people write it', example: 'Innherred samkommune', maxLength: 200 })
  @Transform(trimmed)
  @IsText(200)
  name!: string;
}

/** The council in the path: `/api/councils/{slug}`. */
export class CouncilParams {
  @ApiProperty({ description: 'The council’s slug', example: 'trondheimsregionen' })
  @IsString()
  slug!: string;
}

/** `GET /api/councils?limit=&cursor=` */
export class ListCouncilsQueryDto extends PageQuery(COUNCIL_LIST_CURSOR) {}
