import { Subject } from 'rxjs';
import type { MessageEvent } from '@nestjs/common';
import type { LiveEvent } from '@app/application';
import { liveMessages } from './live-messages';

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
});
