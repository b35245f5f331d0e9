import { ApiProperty, PickType } from '@nestjs/swagger';
import { RoundResponse } from './round.response';

/**
 * A round as a council's round list shows it: its fields named, shaped and documented as in
 * RoundResponse, without the members, their decisions, the allocation or the forecast, which the
 * round itself has (GET /api/rounds/{id}).
 */
export class RoundSummaryResponse extends PickType(RoundResponse, [
  'id',
  'council',
  'title',
  'subject',
  'status',
  'statusReason',
  'decisionRule',
  'deadline',
  'public',
  'launchedAt',
  'progress',
  'outcome',
] as const) {
  @ApiProperty({ type: String, nullable: true, example: '2022-12-01T10:00:00.000Z', description: 'When it was settled, withdrawn or expired; null while open' })
  closedAt!: string | null;
}
