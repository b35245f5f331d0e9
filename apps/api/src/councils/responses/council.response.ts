import { ApiProperty } from '@nestjs/swagger';
import type { CouncilSummaryView, CouncilView, MemberView, MergerView, WithdrawalRuleView } from '@app/application';

/** A council in a list. */
export class CouncilSummaryResponse implements CouncilSummaryView {
  @ApiProperty({ example: 'trondheimsregionen' })
  slug!: string;

  @ApiProperty({ example: 'Trondheimsregionen' })
  name!: string;
}

/** A membership, current (`leftOn` null) or past. */
export class MemberResponse implements MemberView {
  @ApiProperty({ description: 'Official four-digit kommunenummer', example: '5035' })
  municipalityNumber!: string;

  @ApiProperty({ example: 'Stjørdal' })
  name!: string;

  @ApiProperty({ format: 'date', example: '2020-01-01' })
  joinedOn!: string;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Its last day as a member (a notice of withdrawal or a merger may set it ahead); null while open-ended',
    example: '2024-12-31',
  })
  leftOn!: string | null;

  @ApiProperty({
    enum: ['left', 'withdrawal', 'merger'],
    nullable: true,
    description: 'How the membership ends: it left, its notice of withdrawal takes effect, or it merged into `succeededBy`; null while open-ended',
    example: 'merger',
  })
  ending!: 'left' | 'withdrawal' | 'merger' | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The day its notice of withdrawal was given', example: '2026-12-02' })
  noticeGivenOn!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The kommunenummer of the municipality it merged into', example: '5001' })
  succeededBy!: string | null;

  @ApiProperty({ description: 'Seats in representantskapet', example: 2 })
  representatives!: number;
}

/** How a member withdraws under the agreement (kommuneloven § 18-4 g). */
export class WithdrawalRuleResponse implements WithdrawalRuleView {
  @ApiProperty({ description: 'Months of notice, from the day the notice is given', example: 12, minimum: 0, maximum: 60 })
  noticeMonths!: number;

  @ApiProperty({ description: 'Whether the withdrawal then takes effect on 31 December of the year the notice runs out', example: true })
  atYearEnd!: boolean;
}

/** A merger as recorded: the predecessors' memberships as they end and the successor's. */
export class MergerResponse implements MergerView {
  @ApiProperty({ format: 'date', description: 'The successor’s first day; the predecessors’ last is the day before', example: '2020-01-01' })
  effectiveFrom!: string;

  @ApiProperty({ type: [MemberResponse], description: 'The predecessors that ended (not the successor when it kept its number)' })
  predecessors!: MemberResponse[];

  @ApiProperty({ type: MemberResponse })
  successor!: MemberResponse;
}

/** A council with its members and the names of its cost keys. */
export class CouncilResponse extends CouncilSummaryResponse implements CouncilView {
  @ApiProperty({ type: [MemberResponse], description: 'Current members first, then past ones, each by kommunenummer' })
  members!: MemberResponse[];

  @ApiProperty({ type: [String], description: 'Names of the council’s cost keys', example: ['fees-2022', 'percent-2025'] })
  costKeys!: string[];

  @ApiProperty({ type: WithdrawalRuleResponse })
  withdrawalRule!: WithdrawalRuleResponse;
}
