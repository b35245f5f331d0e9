import { ApiProperty } from '@nestjs/swagger';

/** The `data:` of each message of the live feed: an entry of the audit trail of one of the council's rounds. */
export class LiveEventResponse {
  @ApiProperty({ example: '42', description: 'The event id; also the message’s `id:`, sent back as Last-Event-ID on reconnect' })
  id!: string;

  @ApiProperty({ example: 'decision.registered', description: 'Also the message’s `event:`: round.launched, decision.registered, round.settled …' })
  type!: string;

  @ApiProperty({ example: '2022-11-25T11:00:00.000Z' })
  at!: string;

  @ApiProperty({ format: 'uuid', example: '9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a' })
  roundId!: string;

  @ApiProperty({ example: 'clerk.5031' })
  actor!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { municipalityNumber: '5031', after: { status: 'adopted' } } })
  data!: Record<string, unknown>;
}
