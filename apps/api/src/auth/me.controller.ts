import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { People } from '@app/application';
import type { Actor } from '@app/identity';
import { ApiProblems } from '../problem-details/api-problems.decorator';
import { CurrentActor } from './current-actor.decorator';
import { MeResponse, SettingsDto, SettingsResponse } from './me.response';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly people: People) {}

  @Get('settings')
  @ApiOperation({ summary: 'Your own settings as you last chose them (null: you have not, and your notices follow your municipality)' })
  @ApiOkResponse({ type: SettingsResponse })
  @ApiProblems(401)
  readSettings(@CurrentActor() actor: Actor): Promise<SettingsResponse> {
    return this.people.settings(actor);
  }

  @Put('settings')
  @ApiOperation({
    summary: 'Your own settings: the written standard of your notices (null follows your municipality), and the kinds of notice you take in the app only',
  })
  @ApiOkResponse({ type: SettingsResponse })
  @ApiProblems(400, 401)
  settings(@CurrentActor() actor: Actor, @Body() body: SettingsDto): Promise<SettingsResponse> {
    return this.people.setSettings(actor, { language: body.language, emailOffKinds: body.emailOffKinds });
  }

  @Get()
  @ApiOperation({ summary: 'Who the token says you are, and the roles the API will honour' })
  @ApiOkResponse({ type: MeResponse })
  @ApiUnauthorizedResponse({
    description:
      'No bearer token (`/problems/unauthenticated`) or one the API refuses (`/problems/invalid-token`, `reason` says why); ' +
      'problem+json with a `WWW-Authenticate: Bearer` challenge',
  })
  @ApiServiceUnavailableResponse({ description: 'The identity provider’s keys could not be fetched to check the token' })
  me(@CurrentActor() actor: Actor): MeResponse {
    return { subject: actor.subject, name: actor.name, roles: actor.roles.map((grant) => ({ ...grant })) };
  }
}
