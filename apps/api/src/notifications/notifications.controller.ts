import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MyNoticesHandler } from '@app/application';
import { Actor } from '@app/identity';
import { CurrentActor } from '../auth';
import { ApiProblems } from '../problem-details/api-problems.decorator';
import { NotificationResponse } from './dto/notification.response';
import { ListNotificationsQueryDto, NotificationParams } from './dto/notifications.query.dto';

const DEFAULT_LIMIT = 50;

@ApiTags('notifications')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notices: MyNoticesHandler) {}

  @Get()
  @ApiOperation({
    summary: 'Your notices, newest first',
    description: 'Reminders, deadlines, outcomes and coming into force, as they were sent to you (also by e-mail when it is on).',
  })
  @ApiOkResponse({ type: [NotificationResponse] })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: ListNotificationsQueryDto): Promise<NotificationResponse[]> {
    return this.notices.list(actor, { unreadOnly: query.unread ?? false, limit: query.limit ?? DEFAULT_LIMIT });
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your notices read', description: 'Marking it again keeps the time it was first read.' })
  @ApiOkResponse({ type: NotificationResponse })
  @ApiProblems(400, 404)
  markRead(@CurrentActor() actor: Actor, @Param() { id }: NotificationParams): Promise<NotificationResponse> {
    return this.notices.markRead(actor, id);
  }
}
