/**
 * What text the api takes. PostgreSQL refuses NUL in text and jsonb, and a lone UTF-16 surrogate
 * is no character at all (node-postgres would silently store U+FFFD, jsonb refuses the escape);
 * other C0 control characters are never meant in a name, a note or a case number and only hide
 * what a reader sees. Tab, line feed and carriage return stay: notes and sections run over lines.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
/** In an address (path and query) no control character at all, DEL included. */
// eslint-disable-next-line no-control-regex -- likewise
const CONTROL_IN_ADDRESS = /[\u0000-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextKind = 'text' | 'address';

/** What is wrong with a piece of text ("has a control character (U+0000)…"), or undefined. */
export function textProblem(text: string, kind: TextKind): string | undefined {
  const control = (kind === 'text' ? CONTROL_IN_TEXT : CONTROL_IN_ADDRESS).exec(text);
  if (control) {
    return kind === 'text'
      ? `has a control character (${codePoint(control[0])}); text may hold tab and line breaks, but no other control character`
      : `has a control character (${codePoint(control[0])}), which an address may not hold`;
  }
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) return `has a lone surrogate (${codePoint(surrogate[0])}), which is not a character; send the text as UTF-8`;
  return undefined;
}

function codePoint(character: string): string {
  return `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}
