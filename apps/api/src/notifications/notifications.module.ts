import { Module } from '@nestjs/common';
import { NoticesApplicationModule } from '@app/application';
import { NotificationsController } from './notifications.controller';

/** The caller's own notices: `GET /api/me/notifications` and marking one read. */
@Module({ imports: [NoticesApplicationModule], controllers: [NotificationsController] })
export class NotificationsModule {}
