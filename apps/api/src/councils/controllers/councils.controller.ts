import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CreateCouncilHandler, GetCouncilHandler, ListCouncilsHandler } from '@app/application';
import type { Actor } from '@app/identity';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { pageRequestOf } from '../../paging/page-query.dto';
import { ApiPageResponse, answerPage } from '../../paging/paged-response';
import { CouncilParams, CreateCouncilDto, ListCouncilsQueryDto } from '../dto/council.dto';
import { CouncilResponse, CouncilSummaryResponse } from '../responses/council.response';
import { ApiCouncilProblems, ApiStateConflict, BAD_PARAMETER } from '../responses/api-council-problems.decorator';

@ApiTags('councils')
@ApiBearerAuth()
@Controller('councils')
export class CouncilsController {
  constructor(
    private readonly createCouncil: CreateCouncilHandler,
    private readonly listCouncils: ListCouncilsHandler,
    private readonly getCouncil: GetCouncilHandler,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a council (admin)', description: 'A new council without members; the secretariat adds them.' })
  @ApiCreatedResponse({ type: CouncilResponse, description: 'The council; `Location` is its address' })
  @ApiCouncilProblems({ forbidden: 'The caller is not an admin', notFound: false })
  @ApiStateConflict('A council with that slug exists already (`errors[].field` is `slug`)')
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateCouncilDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CouncilResponse> {
    const council = await this.createCouncil.execute(actor, { slug: body.slug, name: body.name });
    response.location(`/api/councils/${council.slug}`);
    return council;
  }

  @Get()
  @ApiOperation({
    summary: 'The councils the caller can see',
    description:
      'All for an admin; for others the councils they are secretariat or leader of, and those their municipality is a current member of. By name. ' +
      'In pages: `limit` (1–200, default 50), the next page in the Link header.',
  })
  @ApiPageResponse(CouncilSummaryResponse)
  @ApiCouncilProblems({ badRequest: BAD_PARAMETER, notFound: false })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListCouncilsQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CouncilSummaryResponse[]> {
    const page = pageRequestOf(query);
    return answerPage(request, response, page.limit, await this.listCouncils.execute(actor, page));
  }

  @Get(':slug')
  @ApiOperation({ summary: 'A council with its members and cost keys', description: '404 when the caller cannot see it.' })
  @ApiOkResponse({ type: CouncilResponse })
  @ApiCouncilProblems({ badRequest: false })
  get(@CurrentActor() actor: Actor, @Param() params: CouncilParams): Promise<CouncilResponse> {
    return this.getCouncil.execute(actor, params.slug);
  }
}
