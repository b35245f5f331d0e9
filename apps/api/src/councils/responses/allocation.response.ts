import { ApiProperty } from '@nestjs/swagger';
import type { AllocationPreviewLineView, AllocationPreviewView } from '@app/application';

/** One member's share. */
export class AllocationPreviewLineResponse implements AllocationPreviewLineView {
  @ApiProperty({ example: '5001' })
  municipalityNumber!: string;

  @ApiProperty({ example: 'Trondheim' })
  name!: string;

  @ApiProperty({ description: 'Its weight in the cost key', example: '3320454' })
  weight!: string;

  @ApiProperty({ description: 'Its fee in the schedule in force today; "0.00" when none', example: '3320454.00' })
  currentFee!: string;

  @ApiProperty({ example: '5194646.68' })
  newFee!: string;

  @ApiProperty({ description: 'newFee − currentFee; negative when the fee goes down', example: '1874192.68' })
  change!: string;
}

/** The schedule the change is measured against. */
export class CurrentScheduleResponse {
  @ApiProperty({ format: 'date', example: '2022-01-01' })
  effectiveFrom!: string;

  @ApiProperty({ format: 'date', example: '2022-01-01' })
  inForceFrom!: string;
}

/** What a total over a cost key would mean for each member; nothing is saved. */
export class AllocationPreviewResponse implements AllocationPreviewView {
  @ApiProperty({ example: '10000000.00' })
  total!: string;

  @ApiProperty({ example: 'fees-2022' })
  costKey!: string;

  @ApiProperty({ enum: ['ore', 'krone'], example: 'ore' })
  roundTo!: 'ore' | 'krone';

  @ApiProperty({ format: 'date', description: 'Today in Europe/Oslo: the day whose fees in force are `currentFee`', example: '2022-10-01' })
  currentFeesOn!: string;

  @ApiProperty({ type: CurrentScheduleResponse, nullable: true, description: 'Null when no schedule is in force (every current fee is then 0.00)' })
  currentSchedule!: CurrentScheduleResponse | null;

  @ApiProperty({ type: [AllocationPreviewLineResponse], description: 'One line per current member, by kommunenummer; newFee adds up to total exactly' })
  members!: AllocationPreviewLineResponse[];
}
