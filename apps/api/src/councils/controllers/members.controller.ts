import { Body, Controller, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UpsertMemberHandler } from '@app/application';
import type { Actor } from '@app/identity';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { CouncilMemberParams, UpsertMemberDto } from '../dto/member.dto';
import { MemberResponse } from '../responses/council.response';
import { ApiCouncilProblems, ApiRuleRefused, ApiStateConflict } from '../responses/api-council-problems.decorator';

@ApiTags('councils')
@ApiBearerAuth()
@Controller('councils/:slug/members')
export class MembersController {
  constructor(private readonly upsertMember: UpsertMemberHandler) {}

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
}
