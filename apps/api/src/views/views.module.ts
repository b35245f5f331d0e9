import { Module } from '@nestjs/common';
import { ViewsApplicationModule } from '@app/application';
import { DashboardController } from './dashboard.controller';
import { InboxController } from './inbox.controller';

/** The people's views: a council's dashboard and a municipality's inbox. */
@Module({ imports: [ViewsApplicationModule], controllers: [DashboardController, InboxController] })
export class ViewsModule {}
