import type { MessageEvent } from '@nestjs/common';
import { Observable, connect, endWith, ignoreElements, interval, map, merge, takeUntil } from 'rxjs';
import type { LiveEvent } from '@app/application';

/** Proxies and load balancers drop a connection that has been quiet for 30–60 s; a comment every 15 s keeps it. */
export const HEARTBEAT_MS = 15_000;

/** A comment line (`: heartbeat`): EventSource ignores it and keeps the last event id. */
const HEARTBEAT: MessageEvent = { comment: 'heartbeat' };

/**
 * The last message of a stream whose token has run out, under the id the client already has (an
 * SSE message without one would get a new id from the server and spoil the client's
 * Last-Event-ID). Without a `type` in its data, so a client that reads every message as a change
 * passes it by.
 */
export function tokenExpired(lastId: string): MessageEvent {
  return {
    id: lastId,
    type: 'token-expired',
    data: { reason: 'expired', detail: 'The token this stream was opened with has expired: reconnect with a fresh one and Last-Event-ID.' },
  };
}

// setTimeout takes at most a signed 32-bit number of milliseconds (about 24.8 days) and fires at once beyond it.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

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

/**
 * Ends `messages` after `msLeft` with tokenExpired(), so that no stream outlives the token it was
 * opened with; a feed that ends first (the api shutting down) ends the stream without it.
 * `lastId` is the Last-Event-ID the client connected with ('' for none).
 */
export function endingAfter(messages: Observable<MessageEvent>, msLeft: number, lastId = ''): Observable<MessageEvent> {
  return new Observable<MessageEvent>((subscriber) => {
    let sentId = lastId;
    const expiry = setTimeout(() => {
      subscriber.next(tokenExpired(sentId));
      subscriber.complete();
    }, Math.min(Math.max(0, msLeft), LONGEST_TIMER_MS));
    const subscription = messages.subscribe({
      next: (message) => {
        if (message.id !== undefined) sentId = message.id;
        subscriber.next(message);
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });
    return () => {
      clearTimeout(expiry);
      subscription.unsubscribe();
    };
  });
}
