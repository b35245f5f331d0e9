import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Actor } from '@app/identity';
import { CurrentActor } from './current-actor.decorator';
import { MeResponse } from './me.response';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('me')
export class MeController {
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
