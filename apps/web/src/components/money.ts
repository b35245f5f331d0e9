/** Exact sums of NOK decimal strings, in whole øre: a float would lose øre on large sums. */
export function toOre(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = amount.replace(/^[-+]/, '').split('.');
  const ore = BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -ore : ore;
}

export function fromOre(ore: bigint): string {
  const negative = ore < 0n;
  const abs = negative ? -ore : ore;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export function sumNok(amounts: readonly string[]): string {
  return fromOre(amounts.reduce((sum, amount) => sum + toOre(amount), 0n));
}
