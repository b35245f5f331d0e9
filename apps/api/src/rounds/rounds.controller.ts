import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AmendElectorateHandler, ChangeRoundHandler, LaunchRoundHandler, ReadRoundsHandler, RegisterDecisionHandler } from '@app/application';
import { Actor } from '@app/identity';
import { CurrentActor } from '../auth';
import { pageRequestOf } from '../paging/page-query.dto';
import { ApiPageResponse, answerPage } from '../paging/paged-response';
import { ApiProblems } from '../problem-details/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { LaunchRoundDto } from './dto/launch-round.dto';
import { RegisterDecisionDto } from './dto/register-decision.dto';
import { AmendElectorateDto, ExpireRoundDto, ExtendRoundDto, ListRoundsQueryDto, WithdrawRoundDto } from './dto/round-commands.dto';
import { EventResponse, MemberDecisionResponse, RegisterDecisionResponse, RoundResponse } from './dto/round.response';
import { RoundSummaryResponse } from './dto/round-summary.response';
import { CouncilSlugParams, ListEventsQueryDto, MemberParams, RoundParams } from './dto/round-params.dto';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

@ApiTags('rounds')
@ApiBearerAuth()
@ApiProblems(401)
@Controller()
export class RoundsController {
  constructor(
    private readonly launch: LaunchRoundHandler,
    private readonly register: RegisterDecisionHandler,
    private readonly change: ChangeRoundHandler,
    private readonly read: ReadRoundsHandler,
    private readonly amend: AmendElectorateHandler,
  ) {}

  @Post('councils/:slug/rounds')
  @ApiOperation({ summary: 'Launch an approval round (secretariat)', description: 'Freezes the electorate and, for fees, the allocation.' })
  @ApiCreatedResponse({ type: RoundResponse })
  @ApiProblems(400, 403, 404, 409, 413, 422)
  launchRound(@CurrentActor() actor: Actor, @Param() { slug }: CouncilSlugParams, @Body() body: LaunchRoundDto) {
    return this.launch.execute(actor, {
      councilSlug: slug,
      subject:
        body.subject.type === 'agreement'
          ? { type: 'agreement', versionId: body.subject.versionId! }
          : {
              type: 'fees',
              total: body.subject.total!,
              costKey: body.subject.costKey!,
              effectiveFrom: body.subject.effectiveFrom!,
              roundTo: body.subject.roundTo,
            },
      decisionRule: body.decisionRule && { ...body.decisionRule },
      deadline: body.deadline,
      reminderDaysBefore: body.reminderDaysBefore,
      title: body.title,
      expiresAutomatically: body.expiresAutomatically,
      isPublic: body.public,
    });
  }

  @Get('councils/:slug/rounds')
  @ApiOperation({
    summary: "A council's rounds the caller may see, newest first",
    description:
      'The staff see every round, a clerk those their municipality is in. Each item is a summary: the round, its progress and its outcome; ' +
      'the round itself (`GET /api/rounds/{id}`) has the members and their decisions, the allocation and the forecast. ' +
      'In pages: `limit` (1–200, default 50), the next page in the Link header.',
  })
  @ApiPageResponse(RoundSummaryResponse, 'One page of round summaries, newest launch first; the members and decisions are in GET /api/rounds/{id}')
  @ApiProblems(400, 404)
  async listRounds(
    @CurrentActor() actor: Actor,
    @Param() { slug }: CouncilSlugParams,
    @Query() query: ListRoundsQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const page = pageRequestOf(query);
    return answerPage(request, response, page.limit, await this.read.list(actor, slug, { status: query.status }, page));
  }

  @Get('rounds/:id')
  @ApiOperation({ summary: 'A round: members, decisions, outcome, allocation, progress and forecast' })
  @ApiOkResponse({ type: RoundResponse })
  @ApiProblems(400, 404)
  getRound(@CurrentActor() actor: Actor, @Param() { id }: RoundParams) {
    return this.read.get(actor, id);
  }

  @Get('rounds/:id/decisions/:municipalityNumber')
  @ApiOperation({ summary: "A member's decision with every revision; its ETag guards the next PUT" })
  @ApiOkResponse({ type: MemberDecisionResponse, headers: { ETag: { description: 'The current revision', schema: { type: 'string' } } } })
  @ApiProblems(400, 404)
  async getDecision(@CurrentActor() actor: Actor, @Param() params: MemberParams, @Res({ passthrough: true }) response: Response) {
    const view = await this.read.memberDecision(actor, params.id, params.municipalityNumber);
    response.setHeader('ETag', view.etag);
    return view;
  }

  @Put('rounds/:id/decisions/:municipalityNumber')
  @HttpCode(200)
  @ApiOperation({
    summary: "Register the kommunestyre's decision (clerk of the municipality; the secretariat corrects references with a reason)",
    description:
      'Settles the round by its decision rule when the decision completes it, exactly once. ' +
      'A retry with the same Idempotency-Key and body gets the same answer; the same key with another body is 422.',
  })
  @ApiParam({ name: 'municipalityNumber', example: '5031' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Up to 200 visible ASCII characters', example: 'malvik-2022-87-1' })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The ETag of the member decision last read; stale → 412',
    example: '"9b2c4e1a-5031-1"',
  })
  @ApiOkResponse({ type: RegisterDecisionResponse, headers: { ETag: { schema: { type: 'string' } } } })
  @ApiProblems(400, 403, 404, 409, 412, 413, 422)
  async registerDecision(
    @CurrentActor() actor: Actor,
    @Param() params: MemberParams,
    @Body() body: RegisterDecisionDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw ProblemException.of(400, 'validation-failed', 'Bad Request', 'Idempotency-Key must be 1–200 visible ASCII characters.', {
        errors: [{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1–200 visible ASCII characters' }],
      });
    }
    const result = await this.register.execute(actor, {
      roundId: params.id,
      municipalityNumber: params.municipalityNumber,
      registration: { ...body } as never,
      idempotencyKey,
      ifMatch,
    });
    response.setHeader('ETag', result.etag);
    return result.body;
  }

  @Post('rounds/:id/extend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Extend the deadline (secretariat, with a reason); reminders follow the new date' })
  @ApiOkResponse({ type: RoundResponse })
  @ApiProblems(400, 403, 404, 409, 413, 422)
  extend(@CurrentActor() actor: Actor, @Param() { id }: RoundParams, @Body() body: ExtendRoundDto) {
    return this.change.execute(actor, id, { type: 'extend', deadline: body.deadline, reason: body.reason });
  }

  @Post('rounds/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw an open round (secretariat, with a reason)' })
  @ApiOkResponse({ type: RoundResponse })
  @ApiProblems(400, 403, 404, 409, 413)
  withdraw(@CurrentActor() actor: Actor, @Param() { id }: RoundParams, @Body() body: WithdrawRoundDto) {
    return this.change.execute(actor, id, { type: 'withdraw', reason: body.reason });
  }

  @Post('rounds/:id/amend-electorate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Amend an open round’s electorate after members left or merged (secretariat, with a reason)',
    description:
      'Compares the electorate frozen at launch with the council’s members today (Oslo): a member whose membership has ended is taken out, its ' +
      'decision kept in the record; a merged member’s successor takes its place — a successor that kept its number decides anew, a new one comes ' +
      'in pending — unless every predecessor had adopted, when the successor counts as adopted. Members who joined after the launch stay out. A fee ' +
      'round’s shares of merged members go to the successor; a fee round whose member simply left must be withdrawn and launched again (409). ' +
      'If the outcome is then certain, the round settles on the amended electorate, once, with `round.settled` saying `cause: electorate_amended`.',
  })
  @ApiOkResponse({ type: RoundResponse })
  @ApiProblems(400, 403, 404, 409, 413)
  amendElectorate(@CurrentActor() actor: Actor, @Param() { id }: RoundParams, @Body() body: AmendElectorateDto) {
    return this.amend.execute(actor, id, body.reason);
  }

  @Post('rounds/:id/expire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close an open round after its deadline (secretariat)' })
  @ApiOkResponse({ type: RoundResponse })
  @ApiProblems(400, 403, 404, 409, 413)
  expire(@CurrentActor() actor: Actor, @Param() { id }: RoundParams, @Body() body: ExpireRoundDto) {
    return this.change.execute(actor, id, { type: 'expire', reason: body.reason });
  }

  @Get('rounds/:id/events')
  @ApiOperation({ summary: 'The audit trail of the round, oldest first', description: 'In pages: `limit` (1–200, default 50), the next page in the Link header.' })
  @ApiPageResponse(EventResponse)
  @ApiProblems(400, 404)
  async events(
    @CurrentActor() actor: Actor,
    @Param() { id }: RoundParams,
    @Query() query: ListEventsQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const page = pageRequestOf(query);
    return answerPage(request, response, page.limit, await this.read.eventPage(actor, id, page));
  }
}
