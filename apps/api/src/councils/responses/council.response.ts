import { ApiProperty } from '@nestjs/swagger';
import type { CouncilSummaryView, CouncilView, MemberView } from '@app/application';

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

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The day it left the council; null while a member', example: '2024-12-31' })
  leftOn!: string | null;

  @ApiProperty({ description: 'Seats in representantskapet', example: 2 })
  representatives!: number;
}

/** A council with its members and the names of its cost keys. */
export class CouncilResponse extends CouncilSummaryResponse implements CouncilView {
  @ApiProperty({ type: [MemberResponse], description: 'Current members first, then past ones, each by kommunenummer' })
  members!: MemberResponse[];

  @ApiProperty({ type: [String], description: 'Names of the council’s cost keys', example: ['fees-2022', 'percent-2025'] })
  costKeys!: string[];
}
