import { Controller, Headers, MessageEvent, Param, Req, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { FollowCouncilHandler, SystemClock } from '@app/application';
import { Actor } from '@app/identity';
import { CurrentActor } from '../auth';
import { ApiProblems } from '../problem-details/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { ProblemResponse } from '../problem-details/problem.response';
import { CouncilSlugParams } from '../rounds/dto/round-params.dto';
import { LiveEventResponse } from './live-event.response';
import { endingAfter, liveMessages } from './live-messages';
import { LiveStreams } from './live-streams';

// What EventSource sends back is the id we sent: a bigint event id.
const EVENT_ID = /^\d{1,19}$/;
// Streams end when their owners close them; a dashboard that was refused comes back after this.
const STREAMS_RETRY_AFTER_SECONDS = 30;

const EXAMPLE_STREAM =
  'id: 41\nevent: round.launched\ndata: {"id":"41","type":"round.launched","at":"2022-10-01T08:00:00.000Z","roundId":"9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a","actor":"secretariat.trondheimsregionen","data":{"after":{"title":"Medlemsavgift 2023"}}}\n\n' +
  ': heartbeat\n\n' +
  'id: 42\nevent: decision.registered\ndata: {"id":"42","type":"decision.registered","at":"2022-11-25T11:00:00.000Z","roundId":"9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a","actor":"clerk.5031","data":{"municipalityNumber":"5031"}}\n\n';

@ApiTags('live')
@ApiBearerAuth()
@ApiExtraModels(LiveEventResponse)
@Controller()
export class LiveController {
  // A stream ends when its token does, on the clock the token is checked on: the system's (see
  // AuthModule), not the application's Clock, which a rehearsal or a test may have moved.
  private readonly realTime = new SystemClock();

  constructor(
    private readonly follow: FollowCouncilHandler,
    private readonly streams: LiveStreams,
  ) {}

  @Sse('councils/:slug/live')
  @ApiOperation({
    summary: "Follow the council's rounds as they change (secretariat, leader): Server-Sent Events",
    description:
      'One message per change of one of the council’s rounds: `id:` the event id, `event:` its type (round.launched, ' +
      'decision.registered, decision.corrected, round.settled, round.extended, round.withdrawn …), `data:` the event as JSON ' +
      `(see ${getSchemaPath(LiveEventResponse)}). A comment (\`: heartbeat\`) every 15 s keeps proxies from closing a quiet ` +
      'connection. On reconnect, send the last id received as `Last-Event-ID` (EventSource does) to get what was missed first, ' +
      'up to the 500 latest. The stream ends when the bearer token expires, after a last message `event: token-expired` (its ' +
      '`id:` that of the last event sent): reconnect with a fresh token. A person may have 5 streams open at once (per api process).',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The id of the last event received: the events after it are sent first (at most the 500 latest)',
    example: '42',
  })
  @ApiOkResponse({
    description: 'An open event stream; each `data:` is a LiveEventResponse',
    content: { 'text/event-stream': { schema: { type: 'string', example: EXAMPLE_STREAM } } },
  })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({
    status: 429,
    description: 'The person has as many streams open as allowed (or a request budget is spent); `Retry-After` says when to try again',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemResponse) } } },
  })
  async live(
    @CurrentActor() actor: Actor,
    @Param() { slug }: CouncilSlugParams,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: Request,
  ): Promise<Observable<MessageEvent>> {
    if (lastEventId !== undefined && !EVENT_ID.test(lastEventId)) {
      throw ProblemException.of(400, 'validation-failed', 'Bad Request', 'Last-Event-ID must be the id of an event this stream sent.', {
        errors: [{ field: 'Last-Event-ID', message: 'Last-Event-ID must be an event id (digits)' }],
      });
    }
    const response = request.res!;
    const msLeft = actor.expiresAt ? actor.expiresAt.getTime() - this.realTime.now().getTime() : null;
    // The verifier lets a token pass for a while after `exp` (clock skew); a stream opened then
    // would end at once, and a client that has not renewed would reconnect with it in a loop.
    if (msLeft !== null && msLeft <= 0) {
      response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token", error_description="expired"');
      throw ProblemException.of(401, 'invalid-token', 'Unauthorized', 'The bearer token has expired; a stream needs one with time left. Sign in again.', {
        reason: 'expired',
      });
    }
    const release = this.streams.acquire(actor);
    if (!release) {
      response.setHeader('Retry-After', String(STREAMS_RETRY_AFTER_SECONDS));
      throw ProblemException.of(
        429,
        'too-many-streams',
        'Too Many Requests',
        `You have ${LiveStreams.MAX_PER_PERSON} live streams open already (other tabs or windows); close one, or try again later.`,
        { limit: LiveStreams.MAX_PER_PERSON },
      );
    }
    // Whichever way the answer ends (an error, the client leaving, the stream ending), the stream no longer counts.
    response.once('close', release);
    const changes = await this.follow.follow(actor, slug, lastEventId === undefined ? undefined : BigInt(lastEventId));
    // The stream is sent with `Connection: keep-alive`; once the server ends it (at shutdown, or
    // when the token expires), the connection would idle until the keep-alive timeout and hold up
    // the server's close. A client reconnects with a new request anyway, so the connection goes with the stream.
    response.once('finish', () => request.socket.destroySoon());
    const messages = liveMessages(changes);
    return msLeft === null ? messages : endingAfter(messages, msLeft, lastEventId);
  }
}
