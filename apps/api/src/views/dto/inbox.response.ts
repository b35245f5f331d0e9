import { ApiProperty } from '@nestjs/swagger';
import type { DecidedRoundView, InboxItemView } from '@app/application';
import { FINAL_DECISIONS, MEMBER_DECISION_STATUSES, ROUND_STATUSES } from '@app/domain';
import { CouncilSummaryResponse } from '../../councils/responses/council.response';
import { DecisionResponse, SubjectResponse } from '../../rounds/dto/round.response';

const ROUND_ID = '9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a';

export class InboxMunicipalityResponse {
  @ApiProperty({ description: 'Official four-digit kommunenummer', example: '5031' }) number!: string;
  @ApiProperty({ example: 'Malvik' }) name!: string;
}

export class InboxRoundResponse {
  @ApiProperty({ format: 'uuid', example: ROUND_ID }) id!: string;
  @ApiProperty({ example: 'Medlemsavgift fra 2023-01-01: NOK 10000000.00' }) title!: string;
  @ApiProperty({ type: CouncilSummaryResponse }) council!: CouncilSummaryResponse;
  @ApiProperty({ format: 'date', example: '2022-12-15', description: 'Ends 23:59:59 Europe/Oslo' }) deadline!: string;
  @ApiProperty({ example: 20, description: 'Calendar days from today in Europe/Oslo (by the clock of `asOf`) to the deadline; 0 on the day, negative once past' })
  daysToDeadline!: number;
  @ApiProperty({ type: SubjectResponse }) subject!: SubjectResponse;
}

export class InboxMemberResponse {
  @ApiProperty({ enum: [...MEMBER_DECISION_STATUSES], example: 'scheduled' }) status!: InboxItemView['member']['status'];
  @ApiProperty({ example: false, description: 'Undecided after the deadline' }) overdue!: boolean;
  @ApiProperty({ type: DecisionResponse, nullable: true, description: 'What is registered, as in the round; null until something is' })
  decision!: DecisionResponse | null;
  @ApiProperty({
    example: '"9b2c4e1a-5031-1"',
    description: "The member decision's ETag: send it as If-Match with `PUT /api/rounds/{id}/decisions/{municipalityNumber}`",
  })
  etag!: string;
}

export class InboxItemResponse {
  @ApiProperty({ type: InboxRoundResponse }) round!: InboxRoundResponse;
  @ApiProperty({ type: InboxMemberResponse, description: "This municipality's place in the round" }) member!: InboxMemberResponse;
  @ApiProperty({
    enum: ['register', 'none'],
    example: 'register',
    description: '`register` while the kommunestyre has not decided (pending, scheduled or postponed), else `none`',
  })
  action!: InboxItemView['action'];
}

export class DecidedRoundRefResponse {
  @ApiProperty({ format: 'uuid', example: ROUND_ID }) id!: string;
  @ApiProperty({ example: 'Samarbeidsavtale 2023' }) title!: string;
  @ApiProperty({ type: CouncilSummaryResponse }) council!: CouncilSummaryResponse;
  @ApiProperty({ enum: [...ROUND_STATUSES], example: 'approved', description: "The round's status now" }) status!: DecidedRoundView['round']['status'];
}

export class DecidedMemberResponse {
  @ApiProperty({ enum: [...FINAL_DECISIONS], example: 'adopted' }) status!: DecidedRoundView['member']['status'];
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2022-11-24', description: 'The meeting that decided it' }) meetingDate!: string | null;
}

export class DecidedRoundResponse implements DecidedRoundView {
  @ApiProperty({ type: DecidedRoundRefResponse }) round!: DecidedRoundRefResponse;
  @ApiProperty({ type: DecidedMemberResponse, description: "What this municipality's kommunestyre decided" }) member!: DecidedMemberResponse;
}

/** `GET /api/municipalities/{municipalityNumber}/inbox` */
export class MunicipalityInboxResponse {
  @ApiProperty({ type: InboxMunicipalityResponse }) municipality!: InboxMunicipalityResponse;
  @ApiProperty({ format: 'date-time', example: '2022-11-25T11:00:00.000Z', description: 'The instant the inbox shows' }) asOf!: string;
  @ApiProperty({
    type: [InboxItemResponse],
    description:
      'One per open round the municipality is in, across every council. Most urgent first: those with `action: register` first, ' +
      'then by deadline (earliest first), then by council slug, then by round id',
  })
  items!: InboxItemResponse[];
  @ApiProperty({
    type: [DecidedRoundResponse],
    description:
      'The last ten rounds, of any status, in which its kommunestyre has made a final decision (adopted, rejected or adopted_with_amendments): ' +
      'the latest meeting first',
  })
  decided!: DecidedRoundResponse[];
}

