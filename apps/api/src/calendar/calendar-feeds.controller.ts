import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CalendarFeedSummary, IssuedCalendarFeed, MyCalendarFeedsHandler } from '@app/application';
import { Actor, FeedScope } from '@app/identity';
import { CurrentActor } from '../auth';
import { pageRequestOf } from '../paging/page-query.dto';
import { ApiPageResponse, answerPage } from '../paging/paged-response';
import { ApiProblems } from '../problem-details/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { CalendarFeedResponse, CalendarFeedSummaryResponse } from './dto/calendar-feed.response';
import { CalendarFeedParams, ListCalendarFeedsQueryDto } from './dto/calendar-feeds.query.dto';
import { IssueCalendarFeedDto } from './dto/issue-calendar-feed.dto';

@ApiTags('calendar')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('me/calendar-feeds')
export class CalendarFeedsController {
  constructor(private readonly feeds: MyCalendarFeedsHandler) {}

  @Post()
  @ApiOperation({
    summary: 'Issue a personal calendar feed of a council or a municipality you may see',
    description:
      'Answers the address of an iCalendar feed (deadlines of open rounds and of those closed in the last three months, scheduled ' +
      'kommunestyre meetings) with a token of its own in `?token=`, valid for 90 days or the `expiresInDays` asked for. The address is ' +
      'shown this once: only a hash of the token is kept. The token opens only that feed, every fetch checks that you may still see it ' +
      'with the grants of your latest sign-in, and you can revoke it (`DELETE /api/me/calendar-feeds/{id}`).',
  })
  @ApiCreatedResponse({ type: CalendarFeedResponse })
  @ApiProblems(400, 403, 404, 413, 422)
  issue(@CurrentActor() actor: Actor, @Body() body: IssueCalendarFeedDto): Promise<IssuedCalendarFeed> {
    return this.feeds.issue(actor, scopeOf(body), { days: body.expiresInDays });
  }

  @Get()
  @ApiOperation({
    summary: 'Your calendar feeds, newest first',
    description:
      'Every feed you issued and have not revoked, expired ones too, with what it follows and when it runs out. Never the token: only its ' +
      'first characters. In pages: `limit` (1–200, default 50), the next page in the Link header.',
  })
  @ApiPageResponse(CalendarFeedSummaryResponse)
  @ApiProblems(400)
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListCalendarFeedsQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CalendarFeedSummary[]> {
    const page = pageRequestOf(query);
    return answerPage(request, response, page.limit, await this.feeds.list(actor, page));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke one of your calendar feeds',
    description: 'Its address is refused from the next fetch on (401). Revoking it again answers 204 as well; a feed that is not yours is 404.',
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems(400, 404)
  async revoke(@CurrentActor() actor: Actor, @Param() { id }: CalendarFeedParams): Promise<void> {
    await this.feeds.revoke(actor, id);
  }
}

/** The scope the body names; the field of the other scope is refused rather than ignored. */
function scopeOf(body: IssueCalendarFeedDto): FeedScope {
  const stray = body.scope === 'council' ? 'municipality' : 'council';
  if (body[stray] !== undefined) {
    const message = `${stray} goes with scope "${stray}", not with scope "${body.scope}"`;
    throw ProblemException.of(400, 'validation-failed', 'Bad Request', 'The request has a field that cannot be accepted.', {
      errors: [{ field: stray, message }],
    });
  }
  return body.scope === 'council' ? { type: 'council', council: body.council! } : { type: 'municipality', municipality: body.municipality! };
}
