import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';

const MEMBER_STATUSES = ['pending', 'scheduled', 'adopted', 'rejected', 'adopted_with_amendments', 'postponed'];
const ROUND_STATUSES = ['open', 'approved', 'rejected', 'withdrawn', 'expired'];
const ROUND_ID = '9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a';

export class VotesResponse {
  @ApiProperty({ example: 35 }) for!: number;
  @ApiProperty({ example: 2 }) against!: number;
  @ApiProperty({ example: 0 }) blank!: number;
}

export class DecisionResponse {
  @ApiProperty({ type: String, nullable: true, example: '2022-11-24' }) meetingDate!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2022-12-08', description: 'When postponed: the next meeting' }) nextMeetingDate!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['kommunestyre', 'bystyre'], example: 'bystyre' }) body!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2022/1234' }) caseNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'https://innsyn.trondheim.kommune.no/moter/2022-11-24#sak-87' }) protocolRef!: string | null;
  @ApiProperty({ nullable: true, type: VotesResponse }) votes!: VotesResponse | null;
  @ApiProperty({ type: String, nullable: true, example: 'Formannskapet innstilte enstemmig.' }) note!: string | null;
  @ApiProperty({ example: 1, description: 'Counts every registration and correction' }) revision!: number;
  @ApiProperty({ type: String, nullable: true, example: '2022-11-25T09:12:00.000Z' }) updatedAt!: string | null;
}

export class RoundMemberResponse {
  @ApiProperty({ example: '5001' }) municipalityNumber!: string;
  @ApiProperty({ example: 'Trondheim' }) name!: string;
  @ApiProperty({ enum: MEMBER_STATUSES, example: 'adopted' }) status!: string;
  @ApiProperty({ example: false, description: 'Undecided after the deadline' }) overdue!: boolean;
  @ApiProperty({ nullable: true, type: DecisionResponse, description: 'null until something is registered' }) decision!: DecisionResponse | null;
}

export class OutcomeResponse {
  @ApiProperty({ enum: ['approved', 'rejected'], example: 'approved' }) status!: string;
  @ApiProperty({ example: '2022-12-01T10:00:00.000Z' }) settledAt!: string;
  @ApiProperty({ example: '5054', description: 'The member whose decision settled it' }) decisiveMunicipalityNumber!: string;
}

export class AllocationLineResponse {
  @ApiProperty({ example: '5001' }) municipalityNumber!: string;
  @ApiProperty({ example: '3320454', description: 'The weight in the cost key, as an exact decimal' }) weight!: string;
  @ApiProperty({ example: '3320454.00' }) currentFee!: string;
  @ApiProperty({ example: '5194646.68' }) newFee!: string;
  @ApiProperty({ example: '1874192.68' }) change!: string;
}

export class ElectorateChangeResponse {
  @ApiProperty({ example: '2020-01-02T09:00:00.000Z' }) at!: string;
  @ApiProperty({ example: 'sekretariat.trondheimsregionen' }) by!: string;
  @ApiProperty({ example: 'Klæbu slått sammen med Trondheim fra 1. januar 2020' }) reason!: string;
  @ApiProperty({
    enum: ['removed', 'added', 'decides_anew'],
    description: 'Taken out of the electorate (left, or merged), brought in as a successor, or a successor that kept its number and decides anew',
    example: 'removed',
  })
  change!: 'removed' | 'added' | 'decides_anew';
  @ApiProperty({ example: '5030' }) municipalityNumber!: string;
  @ApiProperty({ example: 'Klæbu' }) name!: string;
  @ApiProperty({ example: 'pending', description: 'Its status before the change (removed, decides anew) or as it came in (added)' }) status!: string;
  @ApiProperty({ type: String, nullable: true, example: '5001', description: 'For a member removed by a merger: its successor' }) successor!: string | null;
}

export class SubjectResponse {
  @ApiProperty({ enum: ['agreement', 'fees'], example: 'fees' }) type!: string;
  @ApiPropertyOptional({ format: 'uuid', example: '3f1c9a52-4b7e-4c1d-9a43-2f0e8b6d7c11' }) versionId?: string;
  @ApiPropertyOptional({ example: 'Samarbeidsavtale 2020' }) versionTitle?: string;
  @ApiPropertyOptional({ example: '10000000.00' }) total?: string;
  @ApiPropertyOptional({ example: 'fees-2022' }) costKey?: string;
  @ApiProperty({ example: '2023-01-01' }) effectiveFrom!: string;
  @ApiPropertyOptional({ enum: ['ore', 'krone'], example: 'ore' }) roundTo?: string;
}

export class ProgressResponse {
  @ApiProperty({ example: 8 }) total!: number;
  @ApiProperty({ example: 2 }) pending!: number;
  @ApiProperty({ example: 1 }) scheduled!: number;
  @ApiProperty({ example: 5 }) adopted!: number;
  @ApiProperty({ example: 0 }) rejected!: number;
  @ApiProperty({ example: 0 }) adopted_with_amendments!: number;
  @ApiProperty({ example: 0 }) postponed!: number;
  @ApiProperty({ example: 0 }) overdue!: number;
}

export class ForecastResponse {
  @ApiProperty({ type: String, nullable: true, example: '2022-12-08', description: 'Latest scheduled meeting among undecided members' }) date!: string | null;
  @ApiProperty({ example: false, description: 'The forecast is after the deadline: a warning' }) pastDeadline!: boolean;
  @ApiProperty({ type: [String], example: ['5027'], description: 'Undecided members without a meeting date' }) unscheduled!: string[];
}

export class DecisionRuleResponse {
  @ApiProperty({ enum: ['unanimity', 'qualified_majority'], example: 'qualified_majority' }) kind!: string;
  @ApiPropertyOptional({ enum: ['count', 'weight'], example: 'count', description: 'With `qualified_majority`: members counted, or their weights in the cost key' })
  by?: string;
  @ApiPropertyOptional({ example: '2/3', description: 'With `qualified_majority`: the share that must adopt' }) atLeast?: string;
}

export class RoundResponse {
  @ApiProperty({ format: 'uuid', example: ROUND_ID }) id!: string;
  @ApiProperty({ example: 'trondheimsregionen' }) council!: string;
  @ApiProperty({ example: 'Medlemsavgift fra 2023-01-01: NOK 10000000.00' }) title!: string;
  @ApiProperty({ enum: ROUND_STATUSES, example: 'open' }) status!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Nye budsjettrammer', description: 'Why it was withdrawn or closed; null otherwise' })
  statusReason!: string | null;
  @ApiProperty({ type: SubjectResponse }) subject!: SubjectResponse;
  @ApiProperty({ type: DecisionRuleResponse }) decisionRule!: DecisionRuleResponse;
  @ApiProperty({ example: '2022-12-15', description: 'Ends 23:59:59 Europe/Oslo' }) deadline!: string;
  @ApiProperty({ example: 20, description: 'Calendar days from today in Oslo to the deadline: 0 on the day itself, negative once passed' })
  daysToDeadline!: number;
  @ApiProperty({ type: [Number], example: [14, 7, 1] }) reminderDaysBefore!: number[];
  @ApiProperty({ example: false, description: "Shown on the council's public status page" }) public!: boolean;
  @ApiProperty({ example: '2022-10-01T08:00:00.000Z' }) launchedAt!: string;
  @ApiProperty({ example: 'sekretariat.trondheimsregionen' }) launchedBy!: string;
  @ApiProperty({ type: ProgressResponse }) progress!: ProgressResponse;
  @ApiProperty({ type: ForecastResponse }) forecast!: ForecastResponse;
  @ApiProperty({ type: [RoundMemberResponse] }) members!: RoundMemberResponse[];
  @ApiProperty({ type: OutcomeResponse, nullable: true }) outcome!: OutcomeResponse | null;
  @ApiProperty({ type: [AllocationLineResponse], nullable: true, description: 'Frozen at launch (merged members’ shares go to their successor); null for an agreement' })
  allocation!: AllocationLineResponse[] | null;
  @ApiProperty({ type: [ElectorateChangeResponse], description: 'Amendments of the electorate since the launch, oldest first' })
  electorateChanges!: ElectorateChangeResponse[];
}

export class RoundStatusResponse {
  @ApiProperty({ format: 'uuid', example: ROUND_ID }) id!: string;
  @ApiProperty({ enum: ROUND_STATUSES, example: 'approved' }) status!: string;
  @ApiProperty({ type: OutcomeResponse, nullable: true }) outcome!: OutcomeResponse | null;
}

export class RegisterDecisionResponse {
  @ApiProperty({ type: RoundMemberResponse }) member!: RoundMemberResponse;
  @ApiProperty({
    example: 'adopt',
    description: 'The step taken: schedule, reschedule, reopen, adopt, reject, adopt_with_amendments, postpone, correct, correct_references or unchanged',
  })
  transition!: string;
  @ApiProperty({ type: RoundStatusResponse }) round!: RoundStatusResponse;
}

// A revision is dated by registeredAt; updatedAt belongs to the member's current decision only.
export class RevisionResponse extends OmitType(DecisionResponse, ['updatedAt'] as const) {
  @ApiProperty({ enum: MEMBER_STATUSES, example: 'adopted' }) status!: string;
  @ApiProperty({ example: 'adopt' }) transition!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Feil saksnummer', description: 'Why a correction was made' }) reason!: string | null;
  @ApiProperty({ example: 'clerk.5001' }) registeredBy!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Kari Nordmann', description: 'The name of whoever registered it, once they have signed in' })
  registeredByName!: string | null;
  @ApiProperty({ example: '2022-11-25T09:12:00.000Z' }) registeredAt!: string;
}

export class MemberDecisionResponse extends RoundMemberResponse {
  @ApiProperty({ format: 'uuid', example: ROUND_ID }) roundId!: string;
  @ApiProperty({ example: '"3f2a9c1e-5001-2"', description: 'Send it back in If-Match to guard against lost updates' }) etag!: string;
  @ApiProperty({ type: [RevisionResponse] }) revisions!: RevisionResponse[];
}

export class EventResponse {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ example: 'round.settled' }) type!: string;
  @ApiProperty({ example: '2022-12-01T10:00:00.000Z' }) at!: string;
  @ApiProperty({ example: 'clerk.5054' }) actor!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Kari Nordmann', description: 'The name of whoever acted, once they have signed in; null for the system' })
  actorName!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { before: { status: 'open' }, after: { status: 'approved' } } })
  data!: Record<string, unknown>;
}
