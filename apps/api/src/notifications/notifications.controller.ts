import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { MyNoticesHandler } from '@app/application';
import { Actor } from '@app/identity';
import { CurrentActor } from '../auth';
import { pageRequestOf } from '../paging/page-query.dto';
import { ApiPageResponse, answerPage } from '../paging/paged-response';
import { ApiProblems } from '../problem-details/api-problems.decorator';
import { NotificationResponse } from './dto/notification.response';
import { ListNotificationsQueryDto, NotificationParams } from './dto/notifications.query.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notices: MyNoticesHandler) {}

  @Get()
  @ApiOperation({
    summary: 'Your notices, newest first',
    description:
      'Reminders, deadlines, outcomes and coming into force, as they were sent to you (also by e-mail when it is on). ' +
      'In pages: `limit` (1–200, default 50), the next page in the Link header.',
  })
  @ApiPageResponse(NotificationResponse)
  @ApiProblems(400)
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListNotificationsQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<NotificationResponse[]> {
    const page = pageRequestOf(query);
    return answerPage(request, response, page.limit, await this.notices.list(actor, { unreadOnly: query.unread ?? false }, page));
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
