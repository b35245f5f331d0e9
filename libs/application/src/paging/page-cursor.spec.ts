import { ApplicationError } from '../application-error';
import { cursorKeyOf, pageOf } from './page';
import { PageCursor } from './page-cursor';

const ROUNDS = new PageCursor('rounds', ['instant', 'uuid'] as const);
const EVENTS = new PageCursor('round-events', ['integer'] as const);
const ID = '9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a';
const AT = '2022-10-01T08:00:00.123456Z';

describe('PageCursor', () => {
  it('reads back the key it wrote, as base64url without padding', () => {
    const cursor = ROUNDS.encode([AT, ID]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(ROUNDS.decode(cursor)).toEqual([AT, ID]);
    expect(EVENTS.decode(EVENTS.encode(['42']))).toEqual(['42']);
  });

  it('refuses a cursor of another list, of another shape, or not one at all', () => {
    const encode = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
    for (const cursor of [
      EVENTS.encode(['42']),
      encode(['rounds', AT]),
      encode(['rounds', AT, ID, 'more']),
      encode(['rounds', '2022-10-01T08:00:00Z', ID]),
      encode(['rounds', '2022-13-45T08:00:00.000000Z', ID]),
      encode(['rounds', AT, 'not-a-uuid']),
      encode(['rounds', AT, 7]),
      encode({ list: 'rounds' }),
      encode('not json'),
      'not base64!',
      '',
      'A'.repeat(2000),
    ]) {
      expect({ cursor, key: ROUNDS.decode(cursor) }).toEqual({ cursor, key: null });
    }
    expect(EVENTS.decode(new PageCursor('round-events', ['integer'] as const).encode(['-1']))).toBeNull();
    expect(EVENTS.decode(new PageCursor('round-events', ['integer'] as const).encode(['99999999999999999999']))).toBeNull();
  });

  it('is told to the caller of a handler as the field it came in', () => {
    expect(cursorKeyOf(ROUNDS, { limit: 5 })).toBeNull();
    expect(cursorKeyOf(ROUNDS, { limit: 5, cursor: ROUNDS.encode([AT, ID]) })).toEqual([AT, ID]);
    const error = (() => {
      try {
        cursorKeyOf(ROUNDS, { limit: 5, cursor: 'nonsense' });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ApplicationError);
    expect(error).toMatchObject({ code: 'PAGE.CURSOR_UNKNOWN', details: { field: 'cursor' } });
  });
});

describe('pageOf', () => {
  const rows = ['1', '2', '3', '4'].map((id) => ({ id }));

  it('shows `limit` rows and points after the last one shown when one more was read', () => {
    const page = pageOf(rows, 3, EVENTS, (row) => [row.id]);
    expect(page.items).toEqual(rows.slice(0, 3));
    expect(EVENTS.decode(page.next!)).toEqual(['3']);
  });

  it('has no next page when no more than `limit` rows were read', () => {
    expect(pageOf(rows, 4, EVENTS, (row) => [row.id])).toEqual({ items: rows, next: null });
    expect(pageOf([], 4, EVENTS, (row: { id: string }) => [row.id])).toEqual({ items: [], next: null });
  });
});
