import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AgreementChangesHandler,
  AgreementInForceHandler,
  CreateAgreementVersionHandler,
  GetAgreementVersionHandler,
  ListAgreementVersionsHandler,
  RecordAgreementAdoptedBeforeHandler,
} from '@app/application';
import type { Actor } from '@app/identity';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { pageRequestOf } from '../../paging/page-query.dto';
import { ApiPageResponse, answerPage } from '../../paging/paged-response';
import { AgreementChangesQuery, AgreementVersionParams, CreateAgreementVersionDto, ListAgreementVersionsQueryDto, RecordAdoptedBeforeDto } from '../dto/agreement-version.dto';
import { CouncilParams } from '../dto/council.dto';
import { InForceQuery } from '../dto/in-force.query.dto';
import { AgreementChangesResponse } from '../responses/agreement-changes.response';
import { AgreementVersionResponse } from '../responses/agreement-version.response';
import { ApiCouncilProblems, BAD_PARAMETER, ApiRuleRefused, ApiStateConflict } from '../responses/api-council-problems.decorator';

@ApiTags('agreement')
@ApiBearerAuth()
@Controller('councils/:slug')
export class AgreementController {
  constructor(
    private readonly createVersion: CreateAgreementVersionHandler,
    private readonly listVersions: ListAgreementVersionsHandler,
    private readonly getVersion: GetAgreementVersionHandler,
    private readonly recordAdoptedBefore: RecordAgreementAdoptedBeforeHandler,
    private readonly agreementInForce: AgreementInForceHandler,
    private readonly agreementChanges: AgreementChangesHandler,
  ) {}

  @Post('agreement-versions')
  @ApiOperation({
    summary: 'Write a new version of the samarbeidsavtale (secretariat)',
    description:
      'A version lacking items of kommuneloven § 18-4 is kept as a draft: `missingMinimumContent` lists the letters, and it cannot be ' +
      'sent out in a round or recorded as adopted until none is missing.',
  })
  @ApiCreatedResponse({ type: AgreementVersionResponse, description: 'The version, numbered within the council’s agreement' })
  @ApiCouncilProblems({ forbidden: 'The caller can see the council but is not its secretariat' })
  @ApiRuleRefused('Two sections with the same ref (`errors[].field` is `sections`)')
  async create(
    @CurrentActor() actor: Actor,
    @Param() params: CouncilParams,
    @Body() body: CreateAgreementVersionDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AgreementVersionResponse> {
    const version = await this.createVersion.execute(actor, {
      slug: params.slug,
      title: body.title,
      effectiveFrom: body.effectiveFrom,
      sections: body.sections.map(({ ref, heading, text }) => ({ ref, heading, text })),
      minimumContent: { ...body.minimumContent },
    });
    response.location(`/api/councils/${params.slug}/agreement-versions/${version.id}`);
    return version;
  }

  @Get('agreement-versions')
  @ApiOperation({
    summary: 'Every version of the agreement, drafts included (secretariat, leader)',
    description: 'Oldest first. In pages: `limit` (1–200, default 50), the next page in the Link header.',
  })
  @ApiPageResponse(AgreementVersionResponse)
  @ApiCouncilProblems({ badRequest: BAD_PARAMETER, forbidden: 'The caller can see the council but is neither its secretariat nor a leader' })
  async list(
    @CurrentActor() actor: Actor,
    @Param() params: CouncilParams,
    @Query() query: ListAgreementVersionsQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AgreementVersionResponse[]> {
    const page = pageRequestOf(query);
    return answerPage(request, response, page.limit, await this.listVersions.execute(actor, params.slug, page));
  }

  @Get('agreement-versions/:id')
  @ApiOperation({ summary: 'One version of the agreement (secretariat, leader)' })
  @ApiOkResponse({ type: AgreementVersionResponse })
  @ApiCouncilProblems({
    badRequest: BAD_PARAMETER,
    forbidden: 'The caller can see the council but is neither its secretariat nor a leader',
    notFound: 'No such council that the caller can see, or no such version in it',
  })
  get(@CurrentActor() actor: Actor, @Param() params: AgreementVersionParams): Promise<AgreementVersionResponse> {
    return this.getVersion.execute(actor, params.slug, params.id);
  }

  @Get('agreement-versions/:id/changes')
  @ApiOperation({
    summary: 'What a version changes, section by section and word by word',
    description:
      'Against the version `against`, or by default the one in force today (Europe/Oslo); when none is in force and `against` is left ' +
      'out, every section is `added` and `against` is null. Sections are matched by their ref; a new heading counts as a change. ' +
      'For whoever can see the council, the clerks of its members included.',
  })
  @ApiOkResponse({ type: AgreementChangesResponse })
  @ApiCouncilProblems({
    badRequest: BAD_PARAMETER,
    notFound: 'No such council that the caller can see, or no such version in it (the one in the path or the one in `against`)',
  })
  changes(
    @CurrentActor() actor: Actor,
    @Param() params: AgreementVersionParams,
    @Query() query: AgreementChangesQuery,
  ): Promise<AgreementChangesResponse> {
    return this.agreementChanges.execute(actor, params.slug, params.id, query.against);
  }

  @Post('agreement-versions/:id/adopted-before')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Record that a version was adopted before the council used this system (secretariat)',
    description:
      'For the agreement in force at onboarding; later versions go through approval rounds. It comes into force on its effective date, ' +
      'or on `adoptedOn` if later.',
  })
  @ApiOkResponse({ type: AgreementVersionResponse, description: 'The version, now adopted (`adoption` is `onboarding`)' })
  @ApiCouncilProblems({
    forbidden: 'The caller can see the council but is not its secretariat',
    notFound: 'No such council that the caller can see, or no such version in it',
  })
  @ApiRuleRefused(
    'The version lacks items of § 18-4 (`details.missing` lists the letters), or `adoptedOn` is in the future',
  )
  @ApiStateConflict(
    'The version is adopted already, is out for decision in an open round, or a version adopted in a round came into force first',
  )
  adoptedBefore(
    @CurrentActor() actor: Actor,
    @Param() params: AgreementVersionParams,
    @Body() body: RecordAdoptedBeforeDto,
  ): Promise<AgreementVersionResponse> {
    return this.recordAdoptedBefore.execute(actor, { slug: params.slug, versionId: params.id, adoptedOn: body.adoptedOn, reason: body.reason });
  }

  @Get('agreement')
  @ApiOperation({
    summary: 'The agreement version in force on a date',
    description: 'Past or future; today (Europe/Oslo) when `on` is left out. For whoever can see the council.',
  })
  @ApiOkResponse({ type: AgreementVersionResponse })
  @ApiCouncilProblems({ badRequest: BAD_PARAMETER, notFound: 'No such council that the caller can see, or no version in force on that date' })
  inForce(@CurrentActor() actor: Actor, @Param() params: CouncilParams, @Query() query: InForceQuery): Promise<AgreementVersionResponse> {
    return this.agreementInForce.execute(actor, params.slug, query.on);
  }
}
