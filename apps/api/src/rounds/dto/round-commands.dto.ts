import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROUND_LIST_CURSOR } from '@app/application';
import { PageQuery } from '../../paging/page-query.dto';
import { IsCalendarDate } from '../../validation/calendar-date.validator';
import { trimmed } from '../../validation/trimmed.transform';

export class ExtendRoundDto {
  @ApiProperty({ description: 'The new deadline, later than the current one', example: '2023-01-31' })
  @IsCalendarDate()
  deadline!: string;

  @ApiProperty({ example: 'Melhus behandler saken i januar' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'reason must say why the deadline is extended' })
  @MaxLength(2000)
  reason!: string;
}

export class WithdrawRoundDto {
  @ApiProperty({ example: 'Forslaget trekkes etter nye budsjettrammer' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'reason must say why the round is withdrawn' })
  @MaxLength(2000)
  reason!: string;
}

export class AmendElectorateDto {
  @ApiProperty({ example: 'Klæbu slått sammen med Trondheim fra 1. januar 2020' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'reason must say why the electorate is amended' })
  @MaxLength(2000)
  reason!: string;
}

export class ExpireRoundDto {
  @ApiPropertyOptional({ example: 'Fristen er ute; saken tas opp på nytt neste år' })
  @Transform(trimmed)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

/** `GET /api/councils/{slug}/rounds?status=&limit=&cursor=` */
export class ListRoundsQueryDto extends PageQuery(ROUND_LIST_CURSOR) {
  @ApiPropertyOptional({ enum: ['open', 'approved', 'rejected', 'withdrawn', 'expired'], description: 'Only the rounds with this status' })
  @IsOptional()
  @IsIn(['open', 'approved', 'rejected', 'withdrawn', 'expired'], { message: 'status must be one of open, approved, rejected, withdrawn, expired' })
  status?: 'open' | 'approved' | 'rejected' | 'withdrawn' | 'expired';
}
