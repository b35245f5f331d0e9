import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PreviewAllocationHandler } from '@app/application';
import type { Actor } from '@app/identity';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { PreviewAllocationDto } from '../dto/allocation.dto';
import { CouncilParams } from '../dto/council.dto';
import { AllocationPreviewResponse } from '../responses/allocation.response';
import { ApiCouncilProblems, ApiRuleRefused } from '../responses/api-council-problems.decorator';

@ApiTags('councils')
@ApiBearerAuth()
@Controller('councils/:slug/allocations')
export class AllocationsController {
  constructor(private readonly previewAllocation: PreviewAllocationHandler) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Preview how a total would be shared over a cost key (secretariat, leader)',
    description:
      'Largest-remainder method in whole øre (or kroner): the parts add up to the total exactly. The change is measured against the fee ' +
      'schedule in force today (Europe/Oslo). Nothing is saved.',
  })
  @ApiOkResponse({ type: AllocationPreviewResponse })
  @ApiCouncilProblems({ forbidden: 'The caller can see the council but is neither its secretariat nor a leader' })
  @ApiRuleRefused(
    'No cost key by that name, or one that no longer matches the members (`errors[].field` is `costKey`); a total with øre shared in kroner (`total`)',
  )
  preview(@CurrentActor() actor: Actor, @Param() params: CouncilParams, @Body() body: PreviewAllocationDto): Promise<AllocationPreviewResponse> {
    return this.previewAllocation.execute(actor, { slug: params.slug, total: body.total, costKey: body.costKey, roundTo: body.roundTo });
  }
}
