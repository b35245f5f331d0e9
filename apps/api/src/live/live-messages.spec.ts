import { Subject } from 'rxjs';
import type { MessageEvent } from '@nestjs/common';
import type { LiveEvent } from '@app/application';
import { endingAfter, liveMessages, tokenExpired } from './live-messages';

describe('liveMessages', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const event: LiveEvent = {
    id: '42',
    type: 'round.settled',
    at: '2022-12-01T10:00:00.000Z',
    roundId: '9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a',
    actor: 'clerk.5054',
    data: { after: { status: 'approved' } },
  };

  it('sends each event with its id and type, and a heartbeat comment while quiet, until the feed ends', () => {
    const changes = new Subject<LiveEvent>();
    const sent: MessageEvent[] = [];
    let completed = false;
    liveMessages(changes, 15_000).subscribe({ next: (message) => sent.push(message), complete: () => (completed = true) });

    jest.advanceTimersByTime(15_000);
    changes.next(event);
    jest.advanceTimersByTime(15_000);
    expect(sent).toEqual([
      { comment: 'heartbeat' },
      { id: '42', type: 'round.settled', data: { id: '42', type: 'round.settled', at: event.at, roundId: event.roundId, actor: 'clerk.5054', data: event.data } },
      { comment: 'heartbeat' },
    ]);

    changes.complete();
    expect(completed).toBe(true);
    jest.advanceTimersByTime(60_000);
    expect(sent).toHaveLength(3);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('stops the heartbeat when the client goes', () => {
    const changes = new Subject<LiveEvent>();
    const subscription = liveMessages(changes, 15_000).subscribe();
    subscription.unsubscribe();
    expect(changes.observed).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });

  describe('endingAfter', () => {
    it('ends the stream when the time is up with token-expired under the id of the last event sent, and lets go of the feed', () => {
      const changes = new Subject<LiveEvent>();
      const sent: MessageEvent[] = [];
      let completed = false;
      endingAfter(liveMessages(changes, 15_000), 20_000, '40').subscribe({ next: (message) => sent.push(message), complete: () => (completed = true) });

      jest.advanceTimersByTime(19_999);
      expect(sent.map((message) => message.id)).toEqual([undefined]);
      changes.next(event);
      jest.advanceTimersByTime(1);
      expect(sent.slice(-1)).toEqual([tokenExpired('42')]);
      expect(completed).toBe(true);
      expect(changes.observed).toBe(false);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('keeps the id the client came with when nothing was sent, and ends without token-expired when the feed ends first', () => {
      const quiet: MessageEvent[] = [];
      endingAfter(liveMessages(new Subject<LiveEvent>(), 15_000), 5_000, '7').subscribe((message) => quiet.push(message));
      jest.advanceTimersByTime(5_000);
      expect(quiet).toEqual([tokenExpired('7')]);

      const changes = new Subject<LiveEvent>();
      const sent: MessageEvent[] = [];
      endingAfter(liveMessages(changes, 15_000), 60_000).subscribe((message) => sent.push(message));
      changes.complete();
      expect(sent).toEqual([]);
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});
