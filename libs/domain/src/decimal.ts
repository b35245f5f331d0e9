/** A decimal number held exactly: `digits` × 10^-`scale`, with its sign (no floats anywhere). */
export interface ExactDecimal {
  readonly negative: boolean;
  readonly digits: bigint;
  readonly scale: number;
}

// One grammar for every decimal a user types: digits, optionally a dot and more digits.
// No exponent ("1e5"), no spaces, no comma, no plus sign, so nothing is guessed.
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Reads a plain decimal string such as "12.50" or "3320454" exactly; anything else gives undefined. */
export function parseDecimal(text: unknown): ExactDecimal | undefined {
  if (typeof text !== 'string') return undefined;
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = ''] = match;
  return { negative: sign === '-', digits: BigInt(whole + fraction), scale: fraction.length };
}
