import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { IsNokAmount } from '../../validation/nok-amount.validator';
import { SLUG } from './council.dto';

/** `POST /api/councils/{slug}/allocations` */
export class PreviewAllocationDto {
  @ApiProperty({ description: 'The total to share, NOK as a string with at most two decimals', example: '10000000.00' })
  @IsNokAmount()
  total!: string;

  @ApiProperty({ description: 'The name of one of the council’s cost keys', example: 'fees-2022' })
  @Matches(SLUG, { message: 'costKey must be the name of a cost key, such as "fees-2022"' })
  costKey!: string;

  @ApiPropertyOptional({
    description: 'Share in whole øre (default) or whole kroner; with kroner the total must be whole kroner',
    enum: ['ore', 'krone'],
    default: 'ore',
    example: 'ore',
  })
  @IsOptional()
  @IsIn(['ore', 'krone'], { message: 'roundTo must be "ore" or "krone"' })
  roundTo?: 'ore' | 'krone';
}
