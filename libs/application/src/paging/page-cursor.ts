/** What one part of a list's sort key is, so that a cursor handed back can be checked before it reaches SQL. */
export type KeyPart = 'instant' | 'uuid' | 'integer' | 'text';

/** A sort key as the cursor carries it: one string per part. */
export type CursorKey<Parts extends readonly KeyPart[]> = { [Index in keyof Parts]: string };

const MAX_CURSOR_LENGTH = 1000;
const MAX_TEXT_LENGTH = 300;

// An instant exactly as the lists' SQL writes it: UTC, to the microsecond, as PostgreSQL keeps it.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INTEGER = /^(0|[1-9]\d{0,17})$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const VALID: Record<KeyPart, (value: string) => boolean> = {
  instant: (value) => INSTANT.test(value) && !Number.isNaN(Date.parse(value)),
  uuid: (value) => UUID.test(value),
  integer: (value) => INTEGER.test(value),
  text: (value) => value.length <= MAX_TEXT_LENGTH,
};

/**
 * The opaque cursor of one list: the sort key of the last item shown, with the list's name, as
 * base64url JSON. A cursor is a position, never a permission (every page is filtered by what the
 * caller may see), so it needs no signature; it is checked part by part so that a malformed
 * cursor, or one from another list, is refused rather than sent to the database.
 */
export class PageCursor<Parts extends readonly KeyPart[]> {
  constructor(
    readonly list: string,
    private readonly parts: Parts,
  ) {}

  encode(key: CursorKey<Parts>): string {
    return Buffer.from(JSON.stringify([this.list, ...key]), 'utf8').toString('base64url');
  }

  /** The key the cursor names, or null when it is not a cursor of this list. */
  decode(cursor: string): CursorKey<Parts> | null {
    if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!Array.isArray(parsed) || parsed.length !== this.parts.length + 1 || parsed[0] !== this.list) return null;
    const key = parsed.slice(1);
    const valid = key.every((value, index) => typeof value === 'string' && VALID[this.parts[index]](value));
    return valid ? (key as unknown as CursorKey<Parts>) : null;
  }
}

/**
 * SQL that writes a timestamptz column as a cursor's instant: to the microsecond, so that the next
 * page starts exactly after the last row shown (a JavaScript Date keeps only milliseconds).
 */
export function instantKeySql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
