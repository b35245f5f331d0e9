import { Module } from '@nestjs/common';
import { CouncilDashboardHandler } from './dashboard/council-dashboard.handler';
import { MunicipalityInboxHandler } from './inbox/municipality-inbox.handler';

const HANDLERS = [CouncilDashboardHandler, MunicipalityInboxHandler];

/** The people's views: the council's dashboard and the municipality's inbox, read side only. */
@Module({ providers: HANDLERS, exports: HANDLERS })
export class ViewsApplicationModule {}
