import { ApplicationError } from '../application-error';
import { CursorKey, KeyPart, PageCursor } from './page-cursor';

/** The lists' page size when none is asked for, and the most one page may hold (API.md § Lists). */
export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/** Which page of a list is asked for: at most `limit` items after the position the cursor names. */
export interface PageRequest {
  limit: number;
  /** The opaque cursor of the previous page's answer; absent for the first page. */
  cursor?: string;
}

/** One page of a list and the cursor of the next, or null when this is the last. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/**
 * The key the request's cursor names, or null for the first page. The api refuses a bad cursor
 * with 400 before it gets here; a caller of the handler itself is told the same.
 */
export function cursorKeyOf<Parts extends readonly KeyPart[]>(codec: PageCursor<Parts>, request: PageRequest): CursorKey<Parts> | null {
  if (request.cursor === undefined) return null;
  const key = codec.decode(request.cursor);
  if (!key) {
    throw ApplicationError.invalid('PAGE.CURSOR_UNKNOWN', 'cursor is not one this list handed out; follow the Link header of the previous page.', {
      field: 'cursor',
    });
  }
  return key;
}

/**
 * The page out of `limit + 1` rows read in sort order: the extra row only tells that a next page
 * exists, and the next page starts after the last row shown.
 */
export function pageOf<Row, Parts extends readonly KeyPart[]>(
  rows: readonly Row[],
  limit: number,
  codec: PageCursor<Parts>,
  keyOf: (row: Row) => CursorKey<Parts>,
): Page<Row> {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit && items.length > 0 ? codec.encode(keyOf(items[items.length - 1])) : null };
}
