import { Controller, Get, Param, Query, Req, Res, applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CalendarFeedHandler, FeedTokenRefusedError } from '@app/application';
import { FeedScope } from '@app/identity';
import { Public } from '../auth';
import { ApiProblems } from '../problem-details/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { CouncilSlugParams } from '../rounds/dto/round-params.dto';
import { calendarEtag, renderCalendar } from './calendar.ics';
import { FEED_TOKEN_EXAMPLE } from './dto/calendar-feed.response';
import { MunicipalityParams } from './dto/calendar-params.dto';

const ICS_EXAMPLE = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'X-WR-CALNAME:Trondheimsregionen: frister og kommunestyremøter',
  'BEGIN:VEVENT',
  'UID:deadline-9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a@vedtaksrunde',
  'DTSTART;VALUE=DATE:20221215',
  'SUMMARY:Frist: Medlemsavgift fra 2023-01-01: NOK 10000000.00',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

/**
 * The address carries the token, so no shared cache may keep the answer. Calendar apps poll on
 * their own schedule (the feed asks for hourly); a quarter of an hour of reuse spares a client that
 * asks more often, and every later fetch is revalidated with the ETag, a 304 when nothing changed.
 */
const CACHE_CONTROL = 'private, max-age=900';
const ETAG_EXAMPLE = '"v2Hk8p0Qm1sTt4yZb7cD9fGh3jK5lN6q"';
const LAST_MODIFIED_EXAMPLE = 'Sat, 01 Oct 2022 08:00:00 GMT';

/** What a feed route answers and how it is documented: iCalendar, 304, or problem+json with these statuses. */
function ApiCalendarFeed(...problems: number[]): MethodDecorator {
  return applyDecorators(
    ApiQuery({
      name: 'token',
      required: true,
      description: 'The feed token from `POST /api/me/calendar-feeds`; a bearer token, or a signed feed token of old, is not accepted here',
      example: FEED_TOKEN_EXAMPLE,
    }),
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'The ETag of the copy the calendar app has: 304 when it is still current',
      example: ETAG_EXAMPLE,
    }),
    ApiHeader({
      name: 'If-Modified-Since',
      required: false,
      description: 'The Last-Modified of the copy the calendar app has: 304 when nothing changed since',
      example: LAST_MODIFIED_EXAMPLE,
    }),
    ApiProduces('text/calendar'),
    ApiOkResponse({
      description:
        'An iCalendar object (RFC 5545): all-day events for the deadlines of the open rounds and of those closed in the last three months ' +
        '(a withdrawn round’s is CANCELLED), and the scheduled meetings',
      headers: {
        ETag: { description: 'Changes whenever the feed’s content does', schema: { type: 'string', example: ETAG_EXAMPLE } },
        'Last-Modified': { description: 'When the feed’s content last changed', schema: { type: 'string', example: LAST_MODIFIED_EXAMPLE } },
        'Cache-Control': { description: 'Private to the subscriber: the address carries a credential', schema: { type: 'string', example: CACHE_CONTROL } },
      },
      content: { 'text/calendar': { schema: { type: 'string', example: ICS_EXAMPLE } } },
    }),
    ApiResponse({ status: 304, description: 'Not Modified: the copy named by If-None-Match or If-Modified-Since is current' }),
    ApiProblems(...problems),
  );
}

/**
 * The calendar feeds. Calendar apps send no bearer token, so these routes are public to the
 * AuthenticationGuard and check the feed token of `?token=` themselves: that it is one issued and
 * still live, that it was issued for this very feed, and that its holder may still see it.
 */
@Public()
@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly feeds: CalendarFeedHandler) {}

  @Get('councils/:slug/calendar.ics')
  @ApiOperation({ summary: 'The council’s feed: deadlines of its rounds and its members’ scheduled meetings' })
  @ApiCalendarFeed(400, 401, 404)
  council(@Param() { slug }: CouncilSlugParams, @Query('token') token: unknown, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.feed(token, { type: 'council', council: slug }, request, response);
  }

  @Get('municipalities/:municipalityNumber/calendar.ics')
  @ApiOperation({ summary: 'The municipality’s feed: deadlines of the rounds it is in, across its councils, and its own meetings' })
  @ApiCalendarFeed(400, 401, 403, 404)
  municipality(
    @Param() { municipalityNumber }: MunicipalityParams,
    @Query('token') token: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.feed(token, { type: 'municipality', municipality: municipalityNumber }, request, response);
  }

  private async feed(token: unknown, path: FeedScope, request: Request, response: Response): Promise<void> {
    if (typeof token !== 'string' || token === '') {
      throw ProblemException.of(401, 'unauthenticated', 'Unauthorized', 'Add the feed token: ?token=<token from POST /api/me/calendar-feeds>.');
    }
    const opened = await this.feeds.open(token, path).catch((error: unknown) => {
      if (!(error instanceof FeedTokenRefusedError)) throw error;
      // No WWW-Authenticate: calendar apps would ask their user for a password that does not exist.
      throw ProblemException.of(401, 'invalid-token', 'Unauthorized', `The feed token was refused: ${error.reason}. Issue a new feed.`, {
        reason: error.reason,
      });
    });
    const etag = calendarEtag(opened.view);
    const lastModified = await this.feeds.recordFetch(opened.feedId, etag);
    response.setHeader('Cache-Control', CACHE_CONTROL);
    response.setHeader('ETag', etag);
    response.setHeader('Last-Modified', lastModified.toUTCString());
    // The calendar app's copy is current (If-None-Match, or If-Modified-Since without it: RFC 9110 § 13.2.2):
    // 304, without writing the feed at all.
    if (request.fresh) {
      response.status(304).end();
      return;
    }
    response.status(200).setHeader('Content-Type', 'text/calendar; charset=utf-8');
    response.send(renderCalendar(opened.view));
  }
}
