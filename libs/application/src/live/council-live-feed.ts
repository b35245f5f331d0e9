import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { EMPTY, Observable, Subject } from 'rxjs';
import { CouncilEventReader } from './council-event.reader';
import { LiveEvent } from './live-event';

/** How often the audit trail is read, and how much a reconnecting client gets replayed. */
export interface LiveFeedSettings {
  /** Milliseconds between two reads of a council's new events (one read per council, however many listen). */
  pollMs: number;
  /** At most this many missed events are replayed on reconnect: the newest ones. */
  replayLimit: number;
  /** At most this many events are read at a time; a full batch is followed by another read at once. */
  batchSize: number;
}

export const LIVE_FEED_SETTINGS = Symbol('LIVE_FEED_SETTINGS');

const DEFAULT_SETTINGS: LiveFeedSettings = { pollMs: 500, replayLimit: 500, batchSize: 500 };

/**
 * The changes of every council someone is watching, read from the audit trail and fanned out.
 *
 * Why polling the `event` table rather than LISTEN/NOTIFY: the table is already the record of
 * every change (written in the change's own transaction, by the api and the worker alike), so a
 * read of "id > last seen" cannot miss one that a process forgot to NOTIFY, needs no trigger or
 * dedicated connection, and is the same query that replays a reconnecting client's backlog.
 * It is gap-free because appendEvent holds the lock of the council's chain head until its
 * transaction commits and draws the id under it: a council's ids become visible in increasing
 * order, so no lower id can appear later.
 * One poller per council per process, shared by all its subscribers, so a hundred open
 * dashboards cost one query per tick; it stops with its last subscriber.
 */
@Injectable()
export class CouncilLiveFeed implements OnModuleDestroy {
  private readonly logger = new Logger(CouncilLiveFeed.name);
  private readonly pollers = new Map<string, CouncilPoller>();
  private readonly settings: LiveFeedSettings;
  private closed = false;

  constructor(
    private readonly reader: CouncilEventReader,
    @Optional() @Inject(LIVE_FEED_SETTINGS) settings?: Partial<LiveFeedSettings>,
  ) {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
  }

  /**
   * The council's round events after `afterId`: the missed ones first (at most `replayLimit`, the
   * newest), then each as it is written, every id once and in order. Completes on shutdown.
   */
  changesAfter(councilId: string, afterId: bigint): Observable<LiveEvent> {
    if (this.closed) return EMPTY;
    return new Observable<LiveEvent>((subscriber) => {
      const poller = this.join(councilId);
      let lastSent = afterId;
      // Events the poller fans out while the backlog is being read wait here, so none is lost.
      let waiting: LiveEvent[] | null = [];
      const deliver = (event: LiveEvent) => {
        const id = BigInt(event.id);
        if (id <= lastSent) return;
        lastSent = id;
        subscriber.next(event);
      };
      const live = poller.changes.subscribe({
        next: (event) => (waiting ? waiting.push(event) : deliver(event)),
        complete: () => subscriber.complete(),
      });
      poller.ready
        .then(async () => {
          // Everything after the poller's cursor reaches `live`; what came before it is read here.
          const upTo = poller.cursor;
          const missed = afterId < upTo ? await this.reader.latestBetween(councilId, afterId, upTo, this.settings.replayLimit) : [];
          if (subscriber.closed) return;
          missed.forEach(deliver);
          const queued = waiting ?? [];
          waiting = null;
          queued.forEach(deliver);
        })
        .catch((error: unknown) => subscriber.error(error));
      return () => {
        live.unsubscribe();
        this.leave(poller);
      };
    });
  }

  /** How many streams are open, for one council or for all: what a test or a health probe looks at. */
  subscriberCount(councilId?: string): number {
    if (councilId !== undefined) return this.pollers.get(councilId)?.subscribers ?? 0;
    let count = 0;
    for (const poller of this.pollers.values()) count += poller.subscribers;
    return count;
  }

  /** How many councils are being read: one poller each, whatever the number of subscribers. */
  pollerCount(): number {
    return this.pollers.size;
  }

  /** Ends every stream and waits for reads in flight, so nothing queries a closed database. */
  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    const pollers = [...this.pollers.values()];
    this.pollers.clear();
    await Promise.all(pollers.map((poller) => poller.stop()));
  }

  private join(councilId: string): CouncilPoller {
    let poller = this.pollers.get(councilId);
    if (!poller) {
      poller = new CouncilPoller(councilId, this.reader, this.settings, this.logger);
      this.pollers.set(councilId, poller);
      poller.start();
    }
    poller.subscribers += 1;
    return poller;
  }

  private leave(poller: CouncilPoller): void {
    poller.subscribers -= 1;
    if (poller.subscribers > 0) return;
    if (this.pollers.get(poller.councilId) === poller) this.pollers.delete(poller.councilId);
    void poller.stop();
  }
}

/** Reads one council's new events every tick and hands each to the subscribers. */
class CouncilPoller {
  readonly changes = new Subject<LiveEvent>();
  /** Resolves once the cursor is set: from then on, every event after it is fanned out. */
  readonly ready: Promise<void>;
  /** The id of the last event fanned out (at first, the latest at start). */
  cursor = 0n;
  subscribers = 0;

  private markReady!: () => void;
  private started = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> = Promise.resolve();
  private failing = false;

  constructor(
    readonly councilId: string,
    private readonly reader: CouncilEventReader,
    private readonly settings: LiveFeedSettings,
    private readonly logger: Logger,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  start(): void {
    this.run();
  }

  /** Stops reading, ends the subscribers' streams, and resolves once no read is in flight. */
  async stop(): Promise<void> {
    if (this.stopped) return this.inFlight;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.changes.complete();
    return this.inFlight;
  }

  private run(): void {
    this.timer = null;
    if (this.stopped) return;
    this.inFlight = this.tick().then((more) => {
      if (this.stopped) return;
      if (more) return this.run();
      this.timer = setTimeout(() => this.run(), this.settings.pollMs);
      // A poller never keeps the process alive on its own: open connections do.
      this.timer.unref();
    });
  }

  /** One read; true when a full batch came back and more may be waiting. */
  private async tick(): Promise<boolean> {
    try {
      if (!this.started) {
        this.cursor = await this.reader.latestId(this.councilId);
        this.recovered();
        this.started = true;
        this.markReady();
        return false;
      }
      const events = await this.reader.after(this.councilId, this.cursor, this.settings.batchSize);
      this.recovered();
      for (const event of events) {
        if (this.stopped) return false;
        // The cursor moves before the event goes out: a subscriber that reads the cursor later
        // knows that this event has been handed out already.
        this.cursor = BigInt(event.id);
        this.changes.next(event);
      }
      return events.length === this.settings.batchSize;
    } catch (error) {
      // The database may be restarting: keep the streams open and read again next tick.
      if (!this.failing && !this.stopped) this.logger.warn({ err: error }, `Reading the audit trail of council ${this.councilId} failed; retrying`);
      this.failing = true;
      return false;
    }
  }

  private recovered(): void {
    if (this.failing) this.logger.log(`Reading the audit trail of council ${this.councilId} works again`);
    this.failing = false;
  }
}
