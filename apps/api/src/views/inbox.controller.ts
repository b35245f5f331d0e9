import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MunicipalityInboxHandler, MunicipalityInboxView } from '@app/application';
import { Actor } from '@app/identity';
import { CurrentActor } from '../auth';
import { MunicipalityParams } from '../calendar/dto/calendar-params.dto';
import { ApiProblems } from '../problem-details/api-problems.decorator';
import { MunicipalityInboxResponse } from './dto/inbox.response';

@ApiTags('views')
@ApiBearerAuth()
@Controller()
export class InboxController {
  constructor(private readonly inbox: MunicipalityInboxHandler) {}

  @Get('municipalities/:municipalityNumber/inbox')
  @ApiOperation({
    summary: "What awaits the municipality's kommunestyre, across every council it is in (its clerks)",
    description:
      'One item per open round the municipality is in, most urgent first: those with `action: register` first, then by deadline ' +
      '(earliest first), then by council slug, then by round id. Each item carries the ETag to send as If-Match when registering. ' +
      'Then the last ten rounds its kommunestyre decided. Anyone but its clerks and the admin gets 404.',
  })
  @ApiOkResponse({ type: MunicipalityInboxResponse })
  @ApiProblems(400, 401, 404)
  read(@CurrentActor() actor: Actor, @Param() { municipalityNumber }: MunicipalityParams): Promise<MunicipalityInboxView> {
    return this.inbox.read(actor, municipalityNumber);
  }
}
