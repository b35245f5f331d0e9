import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Min, ValidateNested } from 'class-validator';
import { VerifyAuditChainHandler } from '@app/application';
import { Actor } from '@app/identity';
import { CurrentActor } from '../auth';
import { ApiProblems } from '../problem-details/api-problems.decorator';
import { IsList } from '../validation/text.validator';
import { validatesWith } from '../validation/problem.validator';

const COUNCIL_ID = '0b7c2f0e-5d43-4a8e-9d0a-2f1c3b4a5d6e';
const HASH = '3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class BrokenLinkResponse {
  @ApiProperty({ example: '4711' }) eventId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: COUNCIL_ID }) councilId!: string | null;
  @ApiProperty({ example: 'decision.registered' }) type!: string;
  @ApiProperty({ example: '2022-11-25T11:00:00.000Z' }) at!: string;
  @ApiProperty({ enum: ['content changed', 'previous event missing or changed'], example: 'content changed' }) reason!: string;
}

export class ChainHeadResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: COUNCIL_ID, description: 'Null for the events of no council' })
  councilId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'trondheimsregionen' }) councilSlug!: string | null;
  @ApiProperty({ example: 128, description: 'Events in the chain' }) length!: number;
  @ApiProperty({ example: '4711', description: 'The chain’s newest event' }) headEventId!: string;
  @ApiProperty({ example: HASH, description: 'The hash of the chain’s newest event: keep it, with the length, outside the database' })
  headHash!: string;
}

export class HeadCheckResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: COUNCIL_ID }) councilId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'trondheimsregionen' }) councilSlug!: string | null;
  @ApiProperty({ example: 128, description: 'The length recorded' }) length!: number;
  @ApiProperty({ example: HASH, description: 'The head hash recorded' }) headHash!: string;
  @ApiProperty({
    enum: ['present', 'truncated', 'missing'],
    example: 'truncated',
    description:
      '`present`: the chain still has that hash at that length; `truncated`: the chain is now shorter (its newest events were removed); ' +
      '`missing`: the chain is that long, but another event stands at that position (history was rewritten)',
  })
  status!: string;
  @ApiProperty({ example: 126, description: 'Events in the chain now' }) chainLength!: number;
  @ApiProperty({ type: String, nullable: true, example: HASH, description: 'The hash now at the recorded length; null when the chain is shorter' })
  foundHash!: string | null;
}

export class AuditChainResponse {
  @ApiProperty({ example: true, description: 'Every link holds, and every recorded head is present' }) intact!: boolean;
  @ApiProperty({ example: 1234, description: 'Events walked: all of them' }) events!: number;
  @ApiProperty({ example: 3, description: 'Chains walked: one per council' }) chains!: number;
  @ApiProperty({ type: BrokenLinkResponse, nullable: true, description: 'The first event whose link does not hold' })
  firstBrokenLink!: BrokenLinkResponse | null;
  @ApiProperty({ type: [ChainHeadResponse], description: 'Where each chain ends now, by council slug' }) heads!: ChainHeadResponse[];
  @ApiProperty({ type: [HeadCheckResponse], description: 'The recorded heads sent with POST, each checked; empty for GET' })
  recordedHeads!: HeadCheckResponse[];
  @ApiProperty({
    example: true,
    description:
      'The api’s own database role can neither alter nor drop the audit tables (they and their schema belong to another role, and it is no ' +
      'superuser). When false, the append-only triggers hold against mistakes, not against that role: see the README on handing the trail over',
  })
  guardedFromApplication!: boolean;
}

/** A chain's head as recorded earlier; `councilSlug` and `headEventId` of GET's answer may be sent along and are not checked. */
export class RecordedHeadDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: COUNCIL_ID, description: 'The council, or null for the events of no council' })
  @validatesWith('isCouncilIdOrNull', (value) =>
    value === null || (typeof value === 'string' && UUID.test(value)) ? undefined : 'must be the id (a UUID) of a council, or null for the events of no council',
  )
  councilId!: string | null;

  @ApiProperty({ example: 128, minimum: 1, description: 'How many events the chain had' })
  @IsInt({ message: 'length must be a whole number of events' })
  @Min(1, { message: 'length must be at least 1' })
  length!: number;

  @ApiProperty({ example: HASH, pattern: '^[0-9a-f]{64}$', description: 'The hash of its newest event then' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'headHash must be a sha256 hash in 64 lowercase hex digits' })
  headHash!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'trondheimsregionen' })
  @IsOptional()
  @IsString()
  councilSlug?: string | null;

  @ApiPropertyOptional({ example: '4711' })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'headEventId must be an event id (digits)' })
  headEventId?: string;
}

/** `POST /api/audit/verify` */
export class VerifyAgainstHeadsDto {
  @ApiProperty({
    type: [RecordedHeadDto],
    description: 'Heads recorded earlier (the `heads` of an earlier answer will do), at most 1000',
    example: [{ councilId: COUNCIL_ID, length: 128, headHash: HASH }],
  })
  @IsList(1, 1000)
  @ValidateNested({ each: true })
  @Type(() => RecordedHeadDto)
  heads!: RecordedHeadDto[];
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly verify: VerifyAuditChainHandler) {}

  @Get('verify')
  @ApiOperation({
    summary: 'Walk the audit chain, name the first broken link, and tell where each chain ends (admin)',
    description:
      'Removing a chain’s newest events leaves a shorter chain whose links all hold. Record the `heads` outside the database ' +
      '(`npm run audit:verify -- --write heads.json` does), and check against them later with POST.',
  })
  @ApiOkResponse({ type: AuditChainResponse })
  @ApiProblems(401, 403)
  verifyChain(@CurrentActor() actor: Actor): Promise<AuditChainResponse> {
    return this.verify.execute(actor);
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Walk the audit chain and check it against heads recorded earlier (admin)',
    description:
      'The same walk as GET; besides, each recorded head must still be in its chain at its length: one that is not is reported as ' +
      '`truncated` (the chain is shorter now) or `missing` (another event stands there), and `intact` is false. Nothing is written.',
  })
  @ApiBody({ type: VerifyAgainstHeadsDto })
  @ApiOkResponse({ type: AuditChainResponse })
  @ApiProblems(400, 401, 403, 413)
  verifyAgainst(@CurrentActor() actor: Actor, @Body() body: VerifyAgainstHeadsDto): Promise<AuditChainResponse> {
    return this.verify.execute(
      actor,
      body.heads.map(({ councilId, length, headHash }) => ({ councilId, length, headHash })),
    );
  }
}
