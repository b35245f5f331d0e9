import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CouncilDashboardHandler, CouncilDashboardView } from '@app/application';
import { Actor } from '@app/identity';
import { CurrentActor } from '../auth';
import { ApiProblems } from '../problem-details/api-problems.decorator';
import { CouncilSlugParams } from '../rounds/dto/round-params.dto';
import { CouncilDashboardResponse } from './dto/dashboard.response';

@ApiTags('views')
@ApiBearerAuth()
@Controller()
export class DashboardController {
  constructor(private readonly dashboard: CouncilDashboardHandler) {}

  @Get('councils/:slug/dashboard')
  @ApiOperation({
    summary: "The council's dashboard (secretariat, leaders): open rounds with progress, overdue members and forecast, as a members × rounds matrix",
    description:
      'Each open round has a cell per current member of the council; a member that is not in the round’s electorate has `status: null`. ' +
      'A fee round carries its fee table with a sum row. Then the last ten settled rounds. ' +
      'A clerk of a member sees the council but gets 403 here; whoever cannot see the council gets 404.',
  })
  @ApiOkResponse({ type: CouncilDashboardResponse })
  @ApiProblems(400, 401, 403, 404)
  read(@CurrentActor() actor: Actor, @Param() { slug }: CouncilSlugParams): Promise<CouncilDashboardView> {
    return this.dashboard.read(actor, slug);
  }
}
