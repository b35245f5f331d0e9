import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetCostKeyHandler, PutCostKeyHandler } from '@app/application';
import type { Actor } from '@app/identity';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { CostKeyParams, PutCostKeyDto } from '../dto/cost-key.dto';
import { CostKeyResponse } from '../responses/cost-key.response';
import { ApiCouncilProblems, BAD_PARAMETER, ApiRuleRefused } from '../responses/api-council-problems.decorator';

@ApiTags('councils')
@ApiBearerAuth()
@Controller('councils/:slug/cost-keys')
export class CostKeysController {
  constructor(
    private readonly putCostKey: PutCostKeyHandler,
    private readonly getCostKey: GetCostKeyHandler,
  ) {}

  @Put(':key')
  @ApiOperation({
    summary: 'Create or replace a cost key (secretariat)',
    description: 'Checked against the council’s current members: one weight each, none negative, not all zero. Rounds already launched keep the weights they froze.',
  })
  @ApiOkResponse({ type: CostKeyResponse, description: 'The key as stored, created or replaced' })
  @ApiCouncilProblems({ forbidden: 'The caller can see the council but is not its secretariat' })
  @ApiRuleRefused(
    'The weights break a rule; `code` says which: ALLOCATION.MEMBER_MISSING, ALLOCATION.NOT_A_MEMBER, ALLOCATION.NEGATIVE_WEIGHT, ' +
      'ALLOCATION.ALL_ZERO_WEIGHTS, ALLOCATION.INVALID_WEIGHT, ALLOCATION.EMPTY_KEY, COST_KEY.WEIGHT_TOO_PRECISE; `details.municipalityNumbers` names them',
  )
  put(@CurrentActor() actor: Actor, @Param() params: CostKeyParams, @Body() body: PutCostKeyDto): Promise<CostKeyResponse> {
    return this.putCostKey.execute(actor, { slug: params.slug, key: params.key, weights: body.weights }).then((result) => result.costKey);
  }

  @Get(':key')
  @ApiOperation({ summary: 'A cost key with its weights', description: 'For whoever can see the council.' })
  @ApiOkResponse({ type: CostKeyResponse })
  @ApiCouncilProblems({ badRequest: BAD_PARAMETER, notFound: 'No such council that the caller can see, or no such key in it' })
  get(@CurrentActor() actor: Actor, @Param() params: CostKeyParams): Promise<CostKeyResponse> {
    return this.getCostKey.execute(actor, params.slug, params.key);
  }
}
