import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { VerifyAuditChainHandler } from '@app/application';
import { Actor } from '@app/identity';
import { CurrentActor } from '../auth';
import { ApiProblems } from '../problem-details/api-problems.decorator';

export class BrokenLinkResponse {
  @ApiProperty({ example: '4711' }) eventId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0b7c2f0e-5d43-4a8e-9d0a-2f1c3b4a5d6e' }) councilId!: string | null;
  @ApiProperty({ example: 'decision.registered' }) type!: string;
  @ApiProperty({ example: '2022-11-25T11:00:00.000Z' }) at!: string;
  @ApiProperty({ enum: ['content changed', 'previous event missing or changed'], example: 'content changed' }) reason!: string;
}

export class AuditChainResponse {
  @ApiProperty({ example: true, description: 'Every link holds' }) intact!: boolean;
  @ApiProperty({ example: 1234, description: 'Events walked (up to and including a broken one)' }) events!: number;
  @ApiProperty({ example: 3, description: 'Chains walked: one per council' }) chains!: number;
  @ApiProperty({ type: BrokenLinkResponse, nullable: true, description: 'The first event whose link does not hold' })
  firstBrokenLink!: BrokenLinkResponse | null;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly verify: VerifyAuditChainHandler) {}

  @Get('verify')
  @ApiOperation({ summary: 'Walk the audit chain and name the first broken link (admin)' })
  @ApiOkResponse({ type: AuditChainResponse })
  @ApiProblems(401, 403)
  verifyChain(@CurrentActor() actor: Actor) {
    return this.verify.execute(actor);
  }
}
