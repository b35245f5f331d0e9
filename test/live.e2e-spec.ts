import { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import { CouncilEventReader, CouncilLiveFeed } from '@app/application';
import { LiveStreams } from '../apps/api/src/live/live-streams';
import { TestApi, startTestApi } from './support/api';
import { COUNCIL, decision, launchFeeRound, register } from './support/round-story';
import { adminToken, clerkToken, leaderToken, secretariatToken, tokenFor } from './support/tokens';
import { waitFor } from './support/wait';

// GET /api/councils/{slug}/live over a real socket: the secretariat's dashboard sees each change
// of the council's rounds within a tick, catches up with Last-Event-ID after a reconnect, and
// leaves nothing running on the server once it has gone.

/** One message of the stream as EventSource would see it; `comment` for `: …` lines. */
interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

interface OpenStream {
  response: Response;
  messages: SseMessage[];
  /** Waits for the first message (from the start of the stream) that `matches`. */
  next(matches: (message: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

const isEvent = (type: string) => (message: SseMessage) => message.event === type;

/** Opens the stream with node's fetch and parses it by hand, as the HTML spec's EventSource does. */
async function openStream(base: string, token: string | null, headers: Record<string, string> = {}, slug: string = COUNCIL): Promise<OpenStream> {
  const abort = new AbortController();
  const response = await fetch(`${base}/api/councils/${slug}/live`, {
    headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    signal: abort.signal,
  });
  const messages: SseMessage[] = [];
  const listeners = new Set<() => void>();
  const ended = (async () => {
    if (!response.ok || !response.body) return;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: SseMessage = {};
          for (const line of block.split('\n')) {
            if (line === '') continue;
            if (line.startsWith(':')) message.comment = line.slice(1).trim();
            const [, field, value] = /^([a-z]+): ?(.*)$/i.exec(line) ?? [];
            if (field === 'id' || field === 'event') message[field] = value;
            if (field === 'data') message.data = message.data === undefined ? value : `${message.data}\n${value}`;
          }
          if (Object.keys(message).length) messages.push(message);
          listeners.forEach((listener) => listener());
        }
      }
    } catch {
      // aborted by close()
    } finally {
      listeners.forEach((listener) => listener());
    }
  })();
  const next = (matches: (message: SseMessage) => boolean, timeoutMs = 3000) =>
    new Promise<SseMessage>((resolve, reject) => {
      const check = () => {
        const found = messages.find(matches);
        if (!found) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  return { response, messages, next, ended, close: () => abort.abort() };
}

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function listen(api: TestApi): Promise<string> {
  await api.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(api.http.address() as AddressInfo).port}`;
}

type StreamArgs = Parameters<typeof openStream> extends [string, ...infer Rest] ? Rest : never;

/** What a describe's tests reach: its own api, listening, and `open`, a stream to it that is closed after the test. */
interface LiveApi {
  api: TestApi;
  base: string;
  feed: CouncilLiveFeed;
  open(...args: StreamArgs): Promise<OpenStream>;
}

/**
 * An api of the describe's own on the application's clock in 2022 (a token's lifetime is real
 * time all the same). After each test the streams it opened are closed, and the test waits until
 * the feed, and whatever `letGo` asks about, has let go of them.
 */
function liveApi(letGo: (api: TestApi) => boolean = () => true): LiveApi {
  const streams: OpenStream[] = [];
  const live = {
    open: async (...args: StreamArgs) => {
      const stream = await openStream(live.base, ...args);
      streams.push(stream);
      return stream;
    },
  } as LiveApi;

  beforeAll(async () => {
    live.api = await startTestApi({ seed: true, now: '2022-10-01T10:00:00+02:00' });
    live.base = await listen(live.api);
    live.feed = live.api.app.get(CouncilLiveFeed);
  });

  afterEach(async () => {
    streams.splice(0).forEach((stream) => stream.close());
    await until(() => live.feed.subscriberCount() === 0 && letGo(live.api));
  });

  afterAll(() => live.api?.close());
  return live;
}

describe('GET /api/councils/{slug}/live', () => {
  const live = liveApi();

  it('sends the secretariat round.launched, then decision.registered, each with its id, type and round', async () => {
    live.api.clock.set('2022-10-01T10:00:00+02:00');
    const stream = await live.open(await secretariatToken(COUNCIL));
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get('cache-control')).toMatch(/no-cache/);

    const round = await launchFeeRound(live.api);
    const launched = await stream.next(isEvent('round.launched'));
    live.api.clock.set('2022-11-25T12:00:00+01:00');
    expect((await register(live.api, round.id, '5031', decision('adopted', '2022-11-24'))).status).toBe(200);
    const registered = await stream.next(isEvent('decision.registered'));

    const launchedData = JSON.parse(launched.data!);
    expect(launchedData).toEqual({
      id: launched.id,
      type: 'round.launched',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      roundId: round.id,
      actor: 'sekretariat.trondheimsregionen',
      data: expect.objectContaining({ after: expect.objectContaining({ deadline: '2022-12-15' }) }),
    });
    expect(JSON.parse(registered.data!)).toMatchObject({ id: registered.id, type: 'decision.registered', roundId: round.id, actor: 'clerk.5031' });
    expect(BigInt(registered.id!)).toBeGreaterThan(BigInt(launched.id!));
    // The events arrive in the order they were written, each once.
    const events = stream.messages.filter((message) => message.event);
    expect(events.map((message) => message.event)).toEqual(['round.launched', 'decision.registered']);
  });

  it('after a reconnect with Last-Event-ID, sends only what came later: the missed events first, then the new ones', async () => {
    live.api.clock.set('2022-10-01T10:00:00+02:00');
    const token = await secretariatToken(COUNCIL);
    const first = await live.open(token);
    const round = await launchFeeRound(live.api, { subject: { type: 'fees', total: '1000.00', costKey: 'fees-2022', effectiveFrom: '2024-01-01' } });
    const launched = await first.next((message) => message.event === 'round.launched' && JSON.parse(message.data!).roundId === round.id);
    first.close();
    await until(() => live.feed.subscriberCount() === 0);

    // Missed while disconnected.
    live.api.clock.set('2022-11-25T12:00:00+01:00');
    expect((await register(live.api, round.id, '5031', decision('adopted', '2022-11-24'))).status).toBe(200);
    expect((await register(live.api, round.id, '5001', decision('adopted', '2022-11-24'))).status).toBe(200);

    const again = await live.open(token, { 'Last-Event-ID': launched.id! });
    await again.next((message) => message.event === 'decision.registered' && JSON.parse(message.data!).data.municipalityNumber === '5001');
    expect((await register(live.api, round.id, '5028', decision('scheduled', '2022-12-08'))).status).toBe(200);
    await again.next((message) => message.event === 'decision.registered' && JSON.parse(message.data!).data.municipalityNumber === '5028');

    const events = again.messages.filter((message) => message.event);
    expect(events.map((message) => [message.event, JSON.parse(message.data!).data.municipalityNumber])).toEqual([
      ['decision.registered', '5031'],
      ['decision.registered', '5001'],
      ['decision.registered', '5028'],
    ]);
    const ids = events.map((message) => BigInt(message.id!));
    expect(ids.every((id, index) => id > BigInt(launched.id!) && (index === 0 || id > ids[index - 1]))).toBe(true);

    // Without Last-Event-ID, a stream starts from now: nothing of the past is replayed.
    const fresh = await live.open(token);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(fresh.messages.filter((message) => message.event)).toEqual([]);
  });

  it('lets a leader and the admin follow, answers a clerk 403, a leader of another council 404, no token 401, a bad Last-Event-ID 400', async () => {
    for (const token of [await leaderToken(COUNCIL), await adminToken()]) {
      const stream = await live.open(token);
      expect(stream.response.status).toBe(200);
    }
    const refused: Array<[string | null, Record<string, string>, number, string]> = [
      [await clerkToken('5031'), {}, 403, '/problems/access-secretariat-or-leader-only'],
      [await leaderToken('innherred'), {}, 404, '/problems/council-not-found'],
      [await secretariatToken('innherred'), {}, 404, '/problems/council-not-found'],
      [null, {}, 401, '/problems/unauthenticated'],
      [await secretariatToken(COUNCIL), { 'Last-Event-ID': 'abc' }, 400, '/problems/validation-failed'],
    ];
    for (const [token, headers, status, type] of refused) {
      const stream = await live.open(token, headers);
      expect({ status: stream.response.status, type: stream.response.headers.get('content-type') }).toEqual({
        status,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(((await stream.response.json()) as { type: string }).type).toBe(type);
    }
    const unknown = await live.open(await adminToken(), {}, 'no-such-council');
    expect(unknown.response.status).toBe(404);
  });

  it('reads each council once per tick however many follow it, and stops when the last client goes', async () => {
    // Four people with five streams each: as many as each may have open.
    const tokens = await Promise.all([1, 2, 3, 4].map((n) => secretariatToken(COUNCIL, `sekretariat.${n}`)));
    const reader = live.api.app.get(CouncilEventReader);
    const reads = jest.spyOn(reader, 'after');
    try {
      const many = await Promise.all(Array.from({ length: 20 }, (_, index) => live.open(tokens[index % 4])));
      expect(many.every((stream) => stream.response.status === 200)).toBe(true);
      expect(live.feed.subscriberCount()).toBe(20);
      expect(live.feed.pollerCount()).toBe(1);
      reads.mockClear();
      await new Promise((resolve) => setTimeout(resolve, 1600));
      // 500 ms a tick: about three reads in all, not three per client.
      expect(reads.mock.calls.length).toBeGreaterThanOrEqual(1);
      expect(reads.mock.calls.length).toBeLessThanOrEqual(5);

      many.forEach((stream) => stream.close());
      await until(() => live.feed.subscriberCount() === 0);
      expect(live.feed.pollerCount()).toBe(0);
      reads.mockClear();
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });
});

describe('GET /api/councils/{slug}/live and the token it was opened with', () => {
  const live = liveApi((api) => api.app.get(LiveStreams).count() === 0);

  it('ends the stream when its token expires, with a last token-expired message under the last event’s id, and lets go of the feed', async () => {
    const token = await tokenFor({ sub: 'sekretariat.kort', roles: [{ role: 'secretariat', council: COUNCIL }] }, { expiresInSeconds: 3 });
    const { exp } = decodeJwt(token);
    const stream = await live.open(token);
    expect(stream.response.status).toBe(200);
    expect(live.feed.subscriberCount()).toBe(1);
    await launchFeeRound(live.api);
    const launched = await stream.next(isEvent('round.launched'));
    await Promise.race([stream.ended, new Promise((_, reject) => setTimeout(() => reject(new Error('the stream outlived its token')), 6000))]);
    const endedAt = Date.now();
    // Ended at `exp` (whole seconds), by the system's clock, whatever the application's clock says.
    expect(endedAt).toBeGreaterThanOrEqual(exp! * 1000 - 50);
    expect(endedAt).toBeLessThan(exp! * 1000 + 1500);
    const last = stream.messages[stream.messages.length - 1];
    // The id is the last event's: the client's Last-Event-ID stays where it was, and a reconnect misses nothing.
    expect(last).toEqual({ id: launched.id, event: 'token-expired', data: expect.any(String) });
    expect(JSON.parse(last.data!)).toMatchObject({ reason: 'expired' });
    await until(() => live.feed.subscriberCount() === 0);

    // Without any event sent, it keeps the id the client came with (here none).
    const quiet = await live.open(await tokenFor({ sub: 'sekretariat.kort', roles: [{ role: 'secretariat', council: COUNCIL }] }, { expiresInSeconds: 2 }));
    expect(quiet.response.status).toBe(200);
    await quiet.ended;
    expect(quiet.messages.filter((message) => message.event)).toEqual([{ id: '', event: 'token-expired', data: expect.any(String) }]);
  });

  it('refuses to open a stream with a token past its expiry that the verifier still tolerates (clock skew): 401, so the client renews', async () => {
    const token = await tokenFor({ sub: 'sekretariat.sen', roles: [{ role: 'secretariat', council: COUNCIL }] }, { expiresInSeconds: -5 });
    const stream = await live.open(token);
    expect(stream.response.status).toBe(401);
    expect(stream.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(stream.response.headers.get('www-authenticate')).toMatch(/invalid_token/);
    expect(await stream.response.json()).toMatchObject({ type: '/problems/invalid-token', reason: 'expired' });
  });

  it('lets a person have five streams open at once and refuses the sixth with 429 and Retry-After, until one closes', async () => {
    const token = await secretariatToken(COUNCIL, 'sekretariat.mange');
    const five = await Promise.all(Array.from({ length: 5 }, () => live.open(token)));
    expect(five.map((stream) => stream.response.status)).toEqual([200, 200, 200, 200, 200]);

    const sixth = await live.open(token);
    expect(sixth.response.status).toBe(429);
    expect(sixth.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(sixth.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await sixth.response.json()).toMatchObject({ type: '/problems/too-many-streams', status: 429, limit: 5 });
    // Someone else is not held back by it.
    expect((await live.open(await leaderToken(COUNCIL))).response.status).toBe(200);

    five[0].close();
    await until(() => live.feed.subscriberCount() === 5);
    const again = (await waitFor('a stream once one has closed', async () => {
      const stream = await live.open(token);
      return stream.response.status === 200 ? stream : (stream.close(), null);
    }, 3000, 50))!;
    expect(again.response.status).toBe(200);
  });
});

describe('the live feed when the api shuts down', () => {
  it('ends the open streams and closes promptly', async () => {
    const api = await startTestApi({ seed: true });
    let closed = false;
    try {
      const base = await listen(api);
      const feed = api.app.get(CouncilLiveFeed);
      const stream = await openStream(base, await secretariatToken(COUNCIL));
      expect(stream.response.status).toBe(200);
      expect(feed.subscriberCount()).toBe(1);
      const started = Date.now();
      await api.app.close();
      closed = true;
      await stream.ended;
      expect(Date.now() - started).toBeLessThan(2000);
      expect(feed.subscriberCount()).toBe(0);
      expect(feed.pollerCount()).toBe(0);
    } finally {
      if (closed) await api.database.drop();
      else await api.close();
    }
  });
});
