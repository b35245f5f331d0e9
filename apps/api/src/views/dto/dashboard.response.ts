import { ApiProperty } from '@nestjs/swagger';
import type { DashboardCellView, FeeItemView, FeeTableView, SettledRoundView } from '@app/application';
import { MEMBER_DECISION_STATUSES } from '@app/domain';
import { CouncilSummaryResponse } from '../../councils/responses/council.response';
import { DecisionRuleResponse, ForecastResponse, ProgressResponse, SubjectResponse } from '../../rounds/dto/round.response';

const ROUND_ID = '9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a';

/** A row of the members × rounds matrix. */
export class DashboardMemberResponse {
  @ApiProperty({ description: 'Official four-digit kommunenummer', example: '5001' }) municipalityNumber!: string;
  @ApiProperty({ example: 'Trondheim' }) name!: string;
}

export class DashboardCellResponse implements DashboardCellView {
  @ApiProperty({ example: '5028' }) municipalityNumber!: string;
  @ApiProperty({
    type: String,
    enum: [...MEMBER_DECISION_STATUSES],
    nullable: true,
    example: 'scheduled',
    description: "The member's status in this round; null when the municipality is not in the round's electorate (it joined the council after the launch)",
  })
  status!: DashboardCellView['status'];
  @ApiProperty({ example: false, description: 'Undecided after the deadline; false outside the electorate' }) overdue!: boolean;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2022-12-08',
    description: 'The meeting registered: the one it is scheduled for, or the one that decided or postponed it',
  })
  meetingDate!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2022-12-20', description: 'When postponed: the next meeting, if known' })
  nextMeetingDate!: string | null;
}

export class FeeItemResponse implements FeeItemView {
  @ApiProperty({ example: '5001' }) municipalityNumber!: string;
  @ApiProperty({ example: 'Trondheim', description: 'The name at launch' }) name!: string;
  @ApiProperty({ example: '3320454.00', description: 'The fee in force at launch, NOK' }) currentFee!: string;
  @ApiProperty({ example: '5194646.68', description: 'The fee the round proposes, NOK' }) newFee!: string;
  @ApiProperty({ example: '1874192.68', description: 'newFee − currentFee; negative when the fee goes down' }) change!: string;
}

export class FeeSumResponse {
  @ApiProperty({ example: '6392069.00' }) currentFee!: string;
  @ApiProperty({ example: '10000000.00', description: "The round's total, to the øre" }) newFee!: string;
  @ApiProperty({ example: '3607931.00' }) change!: string;
}

export class FeeTableResponse implements FeeTableView {
  @ApiProperty({ type: [FeeItemResponse], description: 'The allocation frozen at launch, by kommunenummer' }) items!: FeeItemResponse[];
  @ApiProperty({ type: FeeSumResponse, description: 'The sum of each column, computed exactly' }) sum!: FeeSumResponse;
}

// Not `implements DashboardRoundView`: one subject class documents both kinds of subject.
export class DashboardRoundResponse {
  @ApiProperty({ format: 'uuid', example: ROUND_ID }) id!: string;
  @ApiProperty({ example: 'Medlemsavgift fra 2023-01-01: NOK 10000000.00' }) title!: string;
  @ApiProperty({ type: SubjectResponse }) subject!: SubjectResponse;
  @ApiProperty({ type: DecisionRuleResponse, description: 'How the round is decided, frozen at launch' }) decisionRule!: DecisionRuleResponse;
  @ApiProperty({ format: 'date', example: '2022-12-15', description: 'Ends 23:59:59 Europe/Oslo' }) deadline!: string;
  @ApiProperty({ example: 20, description: 'Calendar days from today in Europe/Oslo (by the clock of `asOf`) to the deadline; 0 on the day, negative once past' })
  daysToDeadline!: number;
  @ApiProperty({ type: ProgressResponse, description: "The electorate's count per status, `total`, and how many are `overdue`" }) progress!: ProgressResponse;
  @ApiProperty({ type: [String], example: ['5027'], description: 'Kommunenummer of the overdue members, lowest first' }) overdue!: string[];
  @ApiProperty({ type: ForecastResponse, description: '`pastDeadline` is the warning: a planned meeting after the deadline' }) forecast!: ForecastResponse;
  @ApiProperty({
    type: [DashboardCellResponse],
    description: "One per member of `members`, in that order: this round's column of the members × rounds matrix",
  })
  cells!: DashboardCellResponse[];
  @ApiProperty({ type: FeeTableResponse, nullable: true, description: 'For a fee round; null for an agreement' }) fees!: FeeTableResponse | null;
}

export class SettledRoundResponse implements SettledRoundView {
  @ApiProperty({ format: 'uuid', example: ROUND_ID }) id!: string;
  @ApiProperty({ example: 'Medlemsavgift fra 2023-01-01: NOK 10000000.00' }) title!: string;
  @ApiProperty({ enum: ['approved', 'rejected'], example: 'approved' }) status!: SettledRoundView['status'];
  @ApiProperty({ format: 'date-time', example: '2022-12-09T08:00:00.000Z' }) settledAt!: string;
  @ApiProperty({ example: '5054', description: 'The member whose decision settled it' }) decisiveMunicipalityNumber!: string;
}

/** `GET /api/councils/{slug}/dashboard` */
export class CouncilDashboardResponse {
  @ApiProperty({ type: CouncilSummaryResponse }) council!: CouncilSummaryResponse;
  @ApiProperty({ format: 'date-time', example: '2022-11-25T11:00:00.000Z', description: 'The instant the dashboard shows' }) asOf!: string;
  @ApiProperty({ type: [DashboardMemberResponse], description: "The council's current members in kommunenummer order: the rows of the matrix" })
  members!: DashboardMemberResponse[];
  @ApiProperty({ type: [DashboardRoundResponse], description: 'Every open round, the nearest deadline first (then the earliest launched)' })
  openRounds!: DashboardRoundResponse[];
  @ApiProperty({
    type: [SettledRoundResponse],
    description: 'The last ten rounds settled by their outcome (approved or rejected), the latest first; withdrawn and expired rounds have no outcome and are not listed',
  })
  recentlySettled!: SettledRoundResponse[];
}
