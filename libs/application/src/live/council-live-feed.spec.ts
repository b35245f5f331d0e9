import { Logger } from '@nestjs/common';
import { Subscription, firstValueFrom, take, toArray } from 'rxjs';
import { CouncilEventReader } from './council-event.reader';
import { CouncilLiveFeed } from './council-live-feed';
import { LiveEvent } from './live-event';

/** The audit trail in memory: events are appended with increasing ids, as appendEvent does. */
class MemoryReader extends CouncilEventReader {
  readonly events: Array<LiveEvent & { councilId: string }> = [];
  reads = 0;
  /** While set, every read waits for it: lets a test append during a replay. */
  gate: Promise<void> | null = null;

  append(councilId: string, type = 'decision.registered'): LiveEvent {
    const id = String(this.events.length + 1);
    const event = { id, type, at: new Date(0).toISOString(), roundId: `round-${id}`, actor: 'clerk.5031', data: {}, councilId };
    this.events.push(event);
    return event;
  }

  async latestId(councilId: string): Promise<bigint> {
    await this.gate;
    const mine = this.events.filter((event) => event.councilId === councilId);
    return mine.length ? BigInt(mine[mine.length - 1].id) : 0n;
  }

  async after(councilId: string, afterId: bigint, limit: number): Promise<LiveEvent[]> {
    this.reads += 1;
    await this.gate;
    return this.of(councilId).filter((event) => BigInt(event.id) > afterId).slice(0, limit);
  }

  async latestBetween(councilId: string, afterId: bigint, upTo: bigint, limit: number): Promise<LiveEvent[]> {
    await this.gate;
    return this.of(councilId)
      .filter((event) => BigInt(event.id) > afterId && BigInt(event.id) <= upTo)
      .slice(-limit);
  }

  private of(councilId: string): LiveEvent[] {
    return this.events.filter((event) => event.councilId === councilId).map(({ councilId: _council, ...event }) => event);
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('CouncilLiveFeed', () => {
  let reader: MemoryReader;
  let feed: CouncilLiveFeed;
  const subscriptions: Subscription[] = [];

  beforeEach(() => {
    reader = new MemoryReader();
    feed = new CouncilLiveFeed(reader, { pollMs: 5, replayLimit: 3, batchSize: 2 });
  });

  afterEach(async () => {
    subscriptions.splice(0).forEach((subscription) => subscription.unsubscribe());
    await feed.onModuleDestroy();
  });

  function collect(councilId: string, afterId: bigint): LiveEvent[] {
    const received: LiveEvent[] = [];
    subscriptions.push(feed.changesAfter(councilId, afterId).subscribe((event) => received.push(event)));
    return received;
  }

  it('hands every new event to every subscriber of the council, in order, from one reader', async () => {
    const a = collect('tr', 0n);
    const b = collect('tr', 0n);
    const other = collect('innherred', 0n);
    await wait(20);
    for (let i = 0; i < 5; i++) reader.append('tr');
    reader.append('innherred');
    await wait(40);
    expect(a.map((event) => event.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(b).toEqual(a);
    expect(other.map((event) => event.id)).toEqual(['6']);
    expect(feed.subscriberCount('tr')).toBe(2);
    expect(feed.subscriberCount()).toBe(3);
    expect(feed.pollerCount()).toBe(2);
  });

  it('replays the newest missed events (up to the limit) before the new ones, without a gap or a repeat', async () => {
    for (let i = 0; i < 6; i++) reader.append('tr');
    // Hold the reads back while more is written: it must come through the replay or live, once.
    let open!: () => void;
    reader.gate = new Promise((resolve) => (open = resolve));
    const received = collect('tr', 1n);
    reader.append('tr');
    open();
    reader.gate = null;
    await wait(20);
    reader.append('tr');
    await wait(30);
    // Missed: 2–7, of which the newest three are replayed; then 8 as it comes.
    expect(received.map((event) => event.id)).toEqual(['5', '6', '7', '8']);
  });

  it('stops reading when the last subscriber leaves, and starts afresh for the next one', async () => {
    const first = feed.changesAfter('tr', 0n).subscribe();
    const second = feed.changesAfter('tr', 0n).subscribe();
    await wait(20);
    first.unsubscribe();
    expect(feed.pollerCount()).toBe(1);
    second.unsubscribe();
    expect(feed.subscriberCount()).toBe(0);
    expect(feed.pollerCount()).toBe(0);
    const reads = reader.reads;
    await wait(30);
    expect(reader.reads).toBe(reads);

    const later = collect('tr', 0n);
    await wait(20);
    reader.append('tr');
    await wait(30);
    expect(later.map((event) => event.id)).toEqual(['1']);
  });

  it('reads a backlog larger than a batch at once, batch after batch', async () => {
    const received = collect('tr', 0n);
    await wait(20);
    for (let i = 0; i < 7; i++) reader.append('tr');
    await wait(10);
    expect(received.map((event) => event.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  it('keeps the streams open while the database does not answer, and goes on once it does', async () => {
    const received = collect('tr', 0n);
    await wait(20);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      jest.spyOn(reader, 'after').mockRejectedValueOnce(new Error('connection refused'));
      reader.append('tr');
      await wait(40);
      expect(received.map((event) => event.id)).toEqual(['1']);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(log).toHaveBeenCalledWith(expect.stringContaining('works again'));
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
  });

  it('ends every stream at shutdown, and opens none afterwards', async () => {
    const ended = firstValueFrom(feed.changesAfter('tr', 0n).pipe(take(10), toArray()));
    await wait(20);
    reader.append('tr');
    await wait(20);
    await feed.onModuleDestroy();
    expect((await ended).map((event) => event.id)).toEqual(['1']);
    expect(feed.subscriberCount()).toBe(0);
    expect(await firstValueFrom(feed.changesAfter('tr', 0n).pipe(toArray()))).toEqual([]);
  });
});
