import { ApiProperty } from '@nestjs/swagger';
import type { FeeLineView, FeeScheduleView } from '@app/application';

/** One member's yearly fee. */
export class FeeLineResponse implements FeeLineView {
  @ApiProperty({ example: '5001' })
  municipalityNumber!: string;

  @ApiProperty({ example: 'Trondheim' })
  name!: string;

  @ApiProperty({ description: 'NOK per year', example: '3320454.00' })
  amount!: string;
}

/** A medlemsavgift schedule. */
export class FeeScheduleResponse implements FeeScheduleView {
  @ApiProperty({ format: 'date', description: 'The day it was meant to take effect', example: '2022-01-01' })
  effectiveFrom!: string;

  @ApiProperty({ format: 'date', description: 'The day it came into force: effectiveFrom, or the last adoption if later', example: '2022-01-01' })
  inForceFrom!: string;

  @ApiProperty({ enum: ['onboarding', 'round'], description: 'Recorded at onboarding, or approved in a round', example: 'onboarding' })
  source!: 'onboarding' | 'round';

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The round that approved it; null when recorded at onboarding',
    example: '9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a',
  })
  roundId!: string | null;

  @ApiProperty({ example: 'Medlemsavgift 2022, vedtatt før rådet tok i bruk systemet' })
  reason!: string;

  @ApiProperty({ type: [FeeLineResponse], description: 'One line per member, by kommunenummer' })
  fees!: FeeLineResponse[];

  @ApiProperty({ description: 'The sum of the fees, computed', example: '6392069.00' })
  total!: string;
}
