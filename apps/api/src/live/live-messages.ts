import type { MessageEvent } from '@nestjs/common';
import { Observable, connect, endWith, ignoreElements, interval, map, merge, takeUntil } from 'rxjs';
import type { LiveEvent } from '@app/application';

/** Proxies and load balancers drop a connection that has been quiet for 30–60 s; a comment every 15 s keeps it. */
export const HEARTBEAT_MS = 15_000;

/** A comment line (`: heartbeat`): EventSource ignores it and keeps the last event id. */
const HEARTBEAT: MessageEvent = { comment: 'heartbeat' };

/**
 * The SSE messages of a council's feed: `id:` the event id (what the browser sends back as
 * Last-Event-ID), `event:` its type, `data:` the event as JSON; and a heartbeat comment every
 * `heartbeatMs` until the feed ends.
 */
export function liveMessages(changes: Observable<LiveEvent>, heartbeatMs = HEARTBEAT_MS): Observable<MessageEvent> {
  return changes.pipe(
    map(
      (event): MessageEvent => ({
        id: event.id,
        type: event.type,
        data: { id: event.id, type: event.type, at: event.at, roundId: event.roundId, actor: event.actor, data: event.data },
      }),
    ),
    // One subscription to the feed, shared by the messages and by the heartbeat that ends with them.
    connect((messages) =>
      merge(
        messages,
        interval(heartbeatMs).pipe(
          map(() => HEARTBEAT),
          takeUntil(messages.pipe(ignoreElements(), endWith(true))),
        ),
      ),
    ),
  );
}
