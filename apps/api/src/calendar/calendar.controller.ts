import { Controller, Get, Header, Param, Query, applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CalendarFeedHandler, Clock } from '@app/application';
import { AppConfig } from '@app/config';
import { FeedScope, InvalidTokenError, VerifiedFeedToken, verifyFeedToken } from '@app/identity';
import { Public } from '../auth';
import { ApiProblems } from '../problem-details/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { CouncilSlugParams } from '../rounds/dto/round-params.dto';
import { renderCalendar } from './calendar.ics';
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

/** What a feed route answers and how it is documented: iCalendar, or problem+json with these statuses. */
function ApiCalendarFeed(...problems: number[]): MethodDecorator {
  return applyDecorators(
    ApiQuery({
      name: 'token',
      required: true,
      description: 'The feed token from `POST /api/me/calendar-feeds`; a bearer token is not accepted here',
      example: FEED_TOKEN_EXAMPLE,
    }),
    ApiProduces('text/calendar'),
    ApiOkResponse({
      description: 'An iCalendar object (RFC 5545): all-day events for the deadlines and the scheduled meetings',
      content: { 'text/calendar': { schema: { type: 'string', example: ICS_EXAMPLE } } },
    }),
    ApiProblems(...problems),
    Header('Content-Type', 'text/calendar; charset=utf-8'),
    // The address carries the token: no shared cache may keep the answer.
    Header('Cache-Control', 'private, no-cache'),
  );
}

/**
 * The calendar feeds. Calendar apps send no bearer token, so these routes are public to the
 * AuthenticationGuard and check the feed token of `?token=` themselves: its signature, its
 * lifetime, that it was issued for this very feed, and that its holder may still see it.
 */
@Public()
@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(
    private readonly feeds: CalendarFeedHandler,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get('councils/:slug/calendar.ics')
  @ApiOperation({ summary: 'The council’s feed: deadlines of its open rounds and its members’ scheduled meetings' })
  @ApiCalendarFeed(400, 401, 404)
  async council(@Param() { slug }: CouncilSlugParams, @Query('token') token: unknown): Promise<string> {
    return this.feed(token, { type: 'council', council: slug });
  }

  @Get('municipalities/:municipalityNumber/calendar.ics')
  @ApiOperation({ summary: 'The municipality’s feed: deadlines of the open rounds it is in, across its councils, and its own meetings' })
  @ApiCalendarFeed(400, 401, 403, 404)
  async municipality(@Param() { municipalityNumber }: MunicipalityParams, @Query('token') token: unknown): Promise<string> {
    return this.feed(token, { type: 'municipality', municipality: municipalityNumber });
  }

  private async feed(token: unknown, path: FeedScope): Promise<string> {
    const { actor, scope } = await this.verify(token);
    // A token opens only the feed it was issued for; any other is, to its holder, not there.
    if (!sameScope(scope, path)) {
      throw ProblemException.of(404, 'calendar-feed-not-found', 'Not Found', 'This feed token is for another calendar feed.');
    }
    return renderCalendar(await this.feeds.read(actor, scope));
  }

  private async verify(token: unknown): Promise<VerifiedFeedToken> {
    if (typeof token !== 'string' || token === '') {
      throw ProblemException.of(401, 'unauthenticated', 'Unauthorized', 'Add the feed token: ?token=<token from POST /api/me/calendar-feeds>.');
    }
    try {
      return await verifyFeedToken(this.config.jwtSecret, token, { now: this.clock.now() });
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      throw ProblemException.of(401, 'invalid-token', 'Unauthorized', `The feed token was refused: ${error.reason}. Issue a new feed.`, {
        reason: error.reason,
      });
    }
  }
}

function sameScope(a: FeedScope, b: FeedScope): boolean {
  return a.type === 'council' ? b.type === 'council' && a.council === b.council : b.type === 'municipality' && a.municipality === b.municipality;
}
