import { parseDecimal } from './decimal';
import { DomainError } from './domain-error';

const ORE_PER_KRONE = 100n;

/** The largest amount accepted, NOK 10^15 in øre: far beyond any budget, so a slip of extra digits is caught. */
export const MAX_AMOUNT_ORE = 10n ** 15n * ORE_PER_KRONE;

/** Whether a negative amount makes sense where the amount is read (a change may be negative, a fee may not). */
export interface MoneyOptions {
  readonly allowNegative?: boolean;
}

/** An amount in NOK held exactly as whole øre, so sums always add up to the last øre. */
export class Money {
  /** Nothing: NOK 0.00. */
  static readonly ZERO = new Money(0n);

  private constructor(readonly ore: bigint) {}

  /** Reads NOK as written in the API, with a dot and at most two decimals: "5194646.68", "100000". */
  static fromNok(text: string, options: MoneyOptions = {}): Money {
    const decimal = parseDecimal(text);
    if (!decimal) {
      throw invalidAmount(
        text,
        typeof text === 'number'
          ? 'Amounts must be given as a string such as "12.50", not as a number, which cannot hold øre exactly.'
          : `"${String(text)}" is not an amount; write NOK with digits, a dot and at most two decimals, such as "5194646.68".`,
      );
    }
    if (decimal.scale > 2) {
      throw invalidAmount(text, `"${text}" has more than two decimals; amounts are in whole øre, such as "12.50".`);
    }
    const ore = decimal.digits * 10n ** BigInt(2 - decimal.scale);
    return Money.checked(decimal.negative ? -ore : ore, text, options);
  }

  /** Takes an amount already counted in whole øre (a bigint, e.g. from the database). */
  static fromOre(ore: bigint, options: MoneyOptions = {}): Money {
    if (typeof ore !== 'bigint') {
      throw invalidAmount(ore, 'An amount in øre must be a whole number given as a bigint, such as 519464668n.');
    }
    return Money.checked(ore, `${ore} øre`, options);
  }

  /** Adds amounts exactly; an empty list gives NOK 0.00. */
  static sum(amounts: Iterable<Money>): Money {
    let ore = 0n;
    for (const amount of amounts) ore += amount.ore;
    return new Money(ore);
  }

  private static checked(ore: bigint, written: unknown, { allowNegative = false }: MoneyOptions): Money {
    if (ore < 0n && !allowNegative) {
      throw invalidAmount(written, `The amount ${String(written)} is negative; a positive amount or zero is expected here.`);
    }
    if (ore > MAX_AMOUNT_ORE || ore < -MAX_AMOUNT_ORE) {
      throw invalidAmount(written, `The amount ${String(written)} is larger than NOK 10^15; check for extra digits.`);
    }
    return new Money(ore);
  }

  /** This amount plus another. */
  plus(other: Money): Money {
    return new Money(this.ore + other.ore);
  }

  /** This amount minus another; may be negative (a fee that goes down). */
  minus(other: Money): Money {
    return new Money(this.ore - other.ore);
  }

  /** Whether the amount is below zero. */
  isNegative(): boolean {
    return this.ore < 0n;
  }

  /** Whether both are the same amount to the øre. */
  equals(other: Money): boolean {
    return this.ore === other.ore;
  }

  /** The amount as the API writes it: NOK with a dot and always two decimals, e.g. "5194646.68" or "-12.50". */
  toNok(): string {
    const abs = this.ore < 0n ? -this.ore : this.ore;
    const ore = (abs % ORE_PER_KRONE).toString().padStart(2, '0');
    return `${this.ore < 0n ? '-' : ''}${abs / ORE_PER_KRONE}.${ore}`;
  }

  /** JSON has no bigint, so an amount serialises as its NOK string. */
  toJSON(): string {
    return this.toNok();
  }

  /** Same as toNok, so an amount reads right in messages and logs. */
  toString(): string {
    return this.toNok();
  }
}

function invalidAmount(value: unknown, message: string): DomainError {
  return new DomainError('MONEY.INVALID_AMOUNT', message, { value: String(value) });
}
