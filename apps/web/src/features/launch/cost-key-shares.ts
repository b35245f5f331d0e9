import type { Language } from '../../i18n/i18n';

/** A weight as an integer over a power of ten, so weights with different decimals add up exactly. */
interface Scaled {
  digits: bigint;
  scale: number;
}

function scaled(weight: string): Scaled {
  const [whole, fraction = ''] = weight.split('.');
  return { digits: BigInt(`${whole || '0'}${fraction}`), scale: fraction.length };
}

function toScale({ digits, scale }: Scaled, target: number): bigint {
  return digits * 10n ** BigInt(target - scale);
}

function written(digits: bigint, scale: number): string {
  const text = digits.toString().padStart(scale + 1, '0');
  if (scale === 0) return text;
  const fraction = text.slice(-scale).replace(/0+$/, '');
  return fraction ? `${text.slice(0, -scale)}.${fraction}` : text.slice(0, -scale);
}

export interface WeightShare {
  municipalityNumber: string;
  weight: string;
  /** Its share of the key in hundredths of a percent, rounded half up: for reading, never for money. */
  shareBasisPoints: bigint;
}

/** Each member's weight and share of a cost key, and the sum of the weights, exactly. */
export function costKeyShares(weights: Record<string, string>): { shares: WeightShare[]; sum: string } {
  const entries = Object.entries(weights).map(([municipalityNumber, weight]) => ({ municipalityNumber, weight, value: scaled(weight) }));
  const scale = Math.max(0, ...entries.map((entry) => entry.value.scale));
  const sum = entries.reduce((total, entry) => total + toScale(entry.value, scale), 0n);
  const shares = entries.map(({ municipalityNumber, weight, value }) => ({
    municipalityNumber,
    weight,
    shareBasisPoints: sum === 0n ? 0n : (toScale(value, scale) * 20000n + sum) / (2n * sum),
  }));
  return { shares, sum: written(sum, scale) };
}

/** "3320454" as "3 320 454", "2.5" as "2,5": the decimals the key has, no more. */
export function formatWeight(weight: string, language: Language): string {
  const [whole, fraction] = weight.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, language === 'en' ? ',' : '\u00a0');
  return fraction ? `${grouped}${language === 'en' ? '.' : ','}${fraction}` : grouped;
}

/** 6700 basis points as "67,00 %". */
export function formatShare(basisPoints: bigint, language: Language): string {
  const whole = basisPoints / 100n;
  const fraction = (basisPoints % 100n).toString().padStart(2, '0');
  return `${whole}${language === 'en' ? '.' : ','}${fraction}\u00a0%`;
}
