import { Body, Controller, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MembershipChangesHandler, UpsertMemberHandler } from '@app/application';
import type { Actor } from '@app/identity';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { CouncilMemberParams, GiveNoticeDto, LeaveDto, UpsertMemberDto } from '../dto/member.dto';
import { MemberResponse } from '../responses/council.response';
import { ApiCouncilProblems, ApiRuleRefused, ApiStateConflict } from '../responses/api-council-problems.decorator';

@ApiTags('councils')
@ApiBearerAuth()
@Controller('councils/:slug/members')
export class MembersController {
  constructor(
    private readonly upsertMember: UpsertMemberHandler,
    private readonly changes: MembershipChangesHandler,
  ) {}

  @Put(':municipalityNumber')
  @ApiOperation({
    summary: 'Add a member, or update its current membership (secretariat)',
    description:
      'Registers the municipality when its kommunenummer is new. Cost keys must cover exactly the current members, so a new member needs ' +
      'its weight in each key before the key can be used again.',
  })
  @ApiOkResponse({ type: MemberResponse, description: 'The membership was updated' })
  @ApiCreatedResponse({ type: MemberResponse, description: 'The municipality was added as a member' })
  @ApiCouncilProblems({ forbidden: 'The caller can see the council but is not its secretariat' })
  @ApiRuleRefused('A date that is not a real date')
  @ApiStateConflict('The kommunenummer is registered under another name (`errors[].field` is `name`); only the admin may rename')
  async put(
    @CurrentActor() actor: Actor,
    @Param() params: CouncilMemberParams,
    @Body() body: UpsertMemberDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MemberResponse> {
    const { created, member } = await this.upsertMember.execute(actor, {
      slug: params.slug,
      municipalityNumber: params.municipalityNumber,
      name: body.name,
      joinedOn: body.joinedOn,
      representatives: body.representatives,
    });
    response.status(created ? 201 : 200);
    return member;
  }

  @Post(':municipalityNumber/withdrawal')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record a member’s notice of withdrawal (secretariat)',
    description:
      'The withdrawal takes effect under the council’s withdrawal rule (`withdrawalRule` of the council: months of notice, then to 31 December): ' +
      'the member answers with `leftOn` set to its last day. Rounds launched until then include it; later ones do not. Recording a notice again ' +
      'replaces the earlier one.',
  })
  @ApiOkResponse({ type: MemberResponse, description: 'The membership with the day the withdrawal takes effect' })
  @ApiCouncilProblems({ forbidden: 'The caller can see the council but is not its secretariat', notFound: 'No such council, or the municipality is not a member on that day' })
  @ApiRuleRefused('A notice dated in the future, or one that would take effect before the member joined')
  async giveNotice(@CurrentActor() actor: Actor, @Param() params: CouncilMemberParams, @Body() body: GiveNoticeDto): Promise<MemberResponse> {
    return this.changes.giveNotice(actor, { slug: params.slug, municipalityNumber: params.municipalityNumber, noticeGivenOn: body.noticeGivenOn, reason: body.reason });
  }

  @Post(':municipalityNumber/leave')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that a member leaves on a day (secretariat)',
    description:
      '`leftOn` is its last day as a member. Open rounds keep it in their electorate until the secretariat amends them (`POST /api/rounds/{id}/amend-electorate`). ' +
      'Its cost-key weights stay as they are: a key that still names it is incomplete for the next fee round until it is updated.',
  })
  @ApiOkResponse({ type: MemberResponse, description: 'The membership as it ends' })
  @ApiCouncilProblems({ forbidden: 'The caller can see the council but is not its secretariat', notFound: 'No such council, or the municipality is not a member on that day' })
  @ApiRuleRefused('A day before it joined')
  @ApiStateConflict('Its membership already ended earlier')
  async leave(@CurrentActor() actor: Actor, @Param() params: CouncilMemberParams, @Body() body: LeaveDto): Promise<MemberResponse> {
    return this.changes.leave(actor, { slug: params.slug, municipalityNumber: params.municipalityNumber, leftOn: body.leftOn, reason: body.reason });
  }
}
