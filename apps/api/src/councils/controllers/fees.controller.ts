import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { FeesInForceHandler, RecordFeesHandler } from '@app/application';
import type { Actor } from '@app/identity';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { CouncilParams } from '../dto/council.dto';
import { FeeScheduleParams, RecordFeesDto } from '../dto/fees.dto';
import { InForceQuery } from '../dto/in-force.query.dto';
import { FeeScheduleResponse } from '../responses/fee-schedule.response';
import { ApiCouncilProblems, BAD_PARAMETER, ApiRuleRefused, ApiStateConflict } from '../responses/api-council-problems.decorator';

@ApiTags('fees')
@ApiBearerAuth()
@Controller('councils/:slug/fees')
export class FeesController {
  constructor(
    private readonly recordFees: RecordFeesHandler,
    private readonly feesInForce: FeesInForceHandler,
  ) {}

  @Put(':effectiveFrom')
  @ApiOperation({
    summary: 'Record a fee schedule adopted before the council used this system (secretariat)',
    description:
      'One amount per current member, in force from `effectiveFrom`. Schedules are history: the same schedule again is answered with 200 ' +
      'and changes nothing; a different one for the same date is refused. New fees are decided in fee rounds, where every member’s ' +
      'kommunestyre votes, so onboarding is refused (409, naming the round in `details.roundId` and `details.title`) on a date an open ' +
      'fee round proposes, on or after the day a schedule approved in a round came into force, and, once the council has launched its ' +
      'first fee round, from a date after today (Europe/Oslo).',
  })
  @ApiCreatedResponse({ type: FeeScheduleResponse, description: 'The schedule was recorded' })
  @ApiOkResponse({ type: FeeScheduleResponse, description: 'The same schedule was recorded already; nothing changed' })
  @ApiCouncilProblems({ forbidden: 'The caller can see the council but is not its secretariat' })
  @ApiRuleRefused(
    'The fees do not cover exactly the current members (`errors[].field` is `fees`, `details.municipalityNumbers` names them), or the reason is blank',
  )
  @ApiStateConflict(
    'Only a fee round may set these fees; `code` says why and `details.roundId` and `details.title` name the round: ' +
      '`FEES.DATE_PROPOSED_BY_ROUND` (an open round proposes fees from that date), `FEES.CHANGE_NEEDS_ROUND` (a future date after the ' +
      'council’s first fee round), `FEES.AFTER_ROUND` (a schedule approved in a round came into force on or before it), or ' +
      '`FEES.SCHEDULE_EXISTS` (a different schedule from that date is recorded)',
  )
  async put(
    @CurrentActor() actor: Actor,
    @Param() params: FeeScheduleParams,
    @Body() body: RecordFeesDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<FeeScheduleResponse> {
    const { created, schedule } = await this.recordFees.execute(actor, {
      slug: params.slug,
      effectiveFrom: params.effectiveFrom,
      fees: body.fees.map(({ municipalityNumber, amount }) => ({ municipalityNumber, amount })),
      reason: body.reason,
    });
    response.status(created ? 201 : 200);
    return schedule;
  }

  @Get()
  @ApiOperation({
    summary: 'The fee schedule in force on a date',
    description:
      'Whether recorded at onboarding or approved in a round; past or future; today (Europe/Oslo) when `on` is left out. For whoever can see the council.',
  })
  @ApiOkResponse({ type: FeeScheduleResponse })
  @ApiCouncilProblems({ badRequest: BAD_PARAMETER, notFound: 'No such council that the caller can see, or no schedule in force on that date' })
  inForce(@CurrentActor() actor: Actor, @Param() params: CouncilParams, @Query() query: InForceQuery): Promise<FeeScheduleResponse> {
    return this.feesInForce.execute(actor, params.slug, query.on);
  }
}
