import { Body, Controller, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MembershipChangesHandler } from '@app/application';
import type { Actor } from '@app/identity';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { CouncilParams } from '../dto/council.dto';
import { MergeDto, WithdrawalRuleDto } from '../dto/member.dto';
import { MergerResponse, WithdrawalRuleResponse } from '../responses/council.response';
import { ApiCouncilProblems, ApiRuleRefused, ApiStateConflict } from '../responses/api-council-problems.decorator';

@ApiTags('councils')
@ApiBearerAuth()
@Controller('councils/:slug')
export class MembershipsController {
  constructor(private readonly changes: MembershipChangesHandler) {}

  @Post('mergers')
  @ApiOperation({
    summary: 'Record a merger of members (secretariat)',
    description:
      'The predecessors’ memberships end on the day before `effectiveFrom`, and the successor is a member from that day: a new municipality ' +
      '(Orkland, 5059, registered with its name) or one of the predecessors, whose membership goes on (Trondheim absorbing Klæbu). The ' +
      'municipality registry keeps the predecessors’ numbers and names, marked as ceased and succeeded, so history reads as it was. Open rounds ' +
      'keep their electorate until the secretariat amends each (`POST /api/rounds/{id}/amend-electorate`); cost keys must be updated for the ' +
      'successor before the next fee round.',
  })
  @ApiCreatedResponse({ type: MergerResponse, description: 'The predecessors as they end and the successor' })
  @ApiCouncilProblems({ forbidden: 'The caller can see the council but is not its secretariat' })
  @ApiRuleRefused('Fewer than two municipalities merging (or one that keeps its own number), or one named twice')
  @ApiStateConflict(
    'A predecessor is not a member the day before, the successor is already a member under another membership, the successor’s name differs ' +
      'from the registered one, or a predecessor is recorded as merged otherwise in another council',
  )
  async merge(@CurrentActor() actor: Actor, @Param() params: CouncilParams, @Body() body: MergeDto): Promise<MergerResponse> {
    return this.changes.merge(actor, {
      slug: params.slug,
      predecessors: body.predecessors,
      successor: { municipalityNumber: body.successor.municipalityNumber, name: body.successor.name },
      effectiveFrom: body.effectiveFrom,
      representatives: body.representatives,
      reason: body.reason,
    });
  }

  @Put('withdrawal-rule')
  @ApiOperation({
    summary: 'Record how a member withdraws under the agreement (secretariat)',
    description: 'Kommuneloven § 18-4 g: months of notice, and whether the withdrawal then takes effect on 31 December. 12 months to the year’s end until recorded.',
  })
  @ApiOkResponse({ type: WithdrawalRuleResponse })
  @ApiCouncilProblems({ forbidden: 'The caller can see the council but is not its secretariat' })
  async setWithdrawalRule(@CurrentActor() actor: Actor, @Param() params: CouncilParams, @Body() body: WithdrawalRuleDto): Promise<WithdrawalRuleResponse> {
    return this.changes.setWithdrawalRule(actor, params.slug, { noticeMonths: body.noticeMonths, atYearEnd: body.atYearEnd });
  }
}
