import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';
import { IsCostKeyWeights, weightsAsStrings } from '../../validation/cost-key-weights.validator';
import { SLUG, SLUG_OF_AT_MOST_63 } from './council.dto';

/** `PUT /api/councils/{slug}/cost-keys/{key}` */
export class PutCostKeyDto {
  @ApiProperty({
    description:
      'One weight per current member, no more and no fewer, as exact non-negative decimal strings (whole JSON numbers are accepted too; ' +
      'numbers with decimals are not, since JSON cannot hold them exactly). At most 20 digits before the dot and 10 after; not all zero.',
    type: 'object',
    additionalProperties: { type: 'string', pattern: '^\\d+(\\.\\d+)?$' },
    example: { '5001': '67', '5035': '8', '5031': '5', '5028': '6', '5029': '3', '5059': '6', '5027': '2', '5054': '3' },
  })
  @Transform(weightsAsStrings)
  @IsCostKeyWeights()
  weights!: Record<string, string>;
}

/** The cost key in the path. */
export class CostKeyParams {
  @ApiProperty({ description: 'The council’s slug', example: 'trondheimsregionen' })
  @IsString()
  slug!: string;

  @ApiProperty({ description: 'The key’s name: lower-case letters and digits joined by dashes', example: 'percent-2025', pattern: SLUG.source })
  @Matches(SLUG_OF_AT_MOST_63, { message: 'key must be 1 to 63 lower-case letters and digits joined by dashes, such as "fees-2022"' })
  key!: string;
}
