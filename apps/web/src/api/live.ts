import { EventStreamContentType, fetchEventSource } from '@microsoft/fetch-event-source';
import { QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { session } from '../auth/session';
import { useSession } from '../auth/use-session';
import type { Schemas } from './client';

/** A change in one of the council's rounds, as `GET /api/councils/{slug}/live` sends it. */
export type LiveEvent = Schemas['LiveEventResponse'];

/** `open` while changes arrive as they happen; `retrying` between a lost connection and the next. */
export type LiveState = 'connecting' | 'open' | 'retrying' | 'stopped';

const MAX_RETRY_MS = 30_000;

/** The stream should come back (after `delayMs`, or the backoff when absent). */
class Reconnect extends Error {
  constructor(readonly delayMs?: number) {
    super('reconnect');
  }
}

/** The api refused the stream for a reason asking again will not change (403, 404, an ended session). */
class Refused extends Error {
  constructor(readonly status: number) {
    super(`refused with ${status}`);
  }
}

// EventSource cannot send a bearer token; this reads the token at each (re)connect, so a retry
// after a renewed sign-in goes with the new one.
const withBearer: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  const token = session.accessToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

/** What may have changed with an event: the dashboard, the round itself, every inbox. */
function invalidateFor(queryClient: QueryClient, slug: string, roundId: string | undefined): void {
  void queryClient.invalidateQueries({ queryKey: ['dashboard', slug] });
  if (roundId) void queryClient.invalidateQueries({ queryKey: ['round', roundId] });
  void queryClient.invalidateQueries({ queryKey: ['inbox'] });
}

function parse(data: string): LiveEvent | null {
  try {
    const event = JSON.parse(data) as LiveEvent;
    return typeof event === 'object' && event !== null && typeof event.type === 'string' ? event : null;
  } catch {
    return null;
  }
}

function backoff(failures: number): number {
  const base = Math.min(MAX_RETRY_MS, 1000 * 2 ** Math.max(0, failures - 1));
  // Spread out so that a restarted api is not met by every open page in the same second.
  return Math.round(base / 2 + Math.random() * (base / 2));
}

/**
 * Follows the council's rounds live (secretariat, leaders): every change refetches the queries
 * that show rounds, so a decision registered elsewhere shows here within a second. Reconnects
 * after a lost connection with the last event id (the api sends what was missed first), keeps
 * going while the tab is hidden, renews the sign-in once when the token is refused, and stops
 * when the component goes.
 */
export function useCouncilLive(slug: string | undefined, onEvent?: (event: LiveEvent) => void): LiveState {
  const queryClient = useQueryClient();
  const { status } = useSession();
  const [state, setState] = useState<LiveState>('connecting');
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  }, [onEvent]);

  const signedIn = status === 'signed-in';
  useEffect(() => {
    if (!slug || !signedIn) return;
    const controller = new AbortController();
    const report = (next: LiveState) => {
      if (!controller.signal.aborted) setState(next);
    };
    let failures = 0;
    report('connecting');

    void fetchEventSource(`/api/councils/${encodeURIComponent(slug)}/live`, {
      signal: controller.signal,
      openWhenHidden: true,
      fetch: withBearer,
      async onopen(response) {
        const type = response.headers.get('content-type') ?? '';
        if (response.ok && type.startsWith(EventStreamContentType)) {
          failures = 0;
          report('open');
          // What changed while no stream was open (before the first, or during an outage the
          // replay may not cover) is only in a fresh read.
          invalidateFor(queryClient, slug, undefined);
          void queryClient.invalidateQueries({ queryKey: ['round'] });
          return;
        }
        if (response.status === 401) {
          const token = await session.renewAfterRefusal();
          if (token) throw new Reconnect(0);
          throw new Refused(401);
        }
        if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
          throw new Refused(response.status);
        }
        throw new Reconnect();
      },
      onmessage(message) {
        // A heartbeat comment arrives as a message without data. The api ends a stream when its
        // token expires, after `token-expired`: onclose then reconnects with the current token.
        if (!message.data || message.event === 'token-expired') return;
        const event = parse(message.data);
        if (!event) return;
        invalidateFor(queryClient, slug, event.roundId);
        onEventRef.current?.(event);
      },
      onclose() {
        // The api ends streams when it shuts down and when their token expires; the next one
        // resumes from the last id, with the token the session holds by then.
        throw new Reconnect(0);
      },
      onerror(error: unknown) {
        if (error instanceof Refused) throw error;
        failures += 1;
        report('retrying');
        return error instanceof Reconnect && error.delayMs !== undefined && failures === 1 ? error.delayMs : backoff(failures);
      },
    }).catch(() => report('stopped'));

    return () => controller.abort();
  }, [slug, signedIn, queryClient]);

  return state;
}
