import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CalendarFeedHandler, IssuedCalendarFeed } from '@app/application';
import { Actor, FeedScope } from '@app/identity';
import { CurrentActor } from '../auth';
import { ApiProblems } from '../problem-details/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { CalendarFeedResponse } from './dto/calendar-feed.response';
import { IssueCalendarFeedDto } from './dto/issue-calendar-feed.dto';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('me/calendar-feeds')
export class CalendarFeedsController {
  constructor(private readonly feeds: CalendarFeedHandler) {}

  @Post()
  @ApiOperation({
    summary: 'Issue a personal calendar feed of a council or a municipality you may see',
    description:
      'Answers the address of an iCalendar feed (deadlines of open rounds, scheduled kommunestyre meetings) with a token of its own in ' +
      '`?token=`, valid for a year. The token opens only that feed, and the feed checks on every fetch that you may still see it.',
  })
  @ApiCreatedResponse({ type: CalendarFeedResponse })
  @ApiProblems(400, 401, 403, 404, 413)
  issue(@CurrentActor() actor: Actor, @Body() body: IssueCalendarFeedDto): Promise<IssuedCalendarFeed> {
    return this.feeds.issue(actor, scopeOf(body));
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
