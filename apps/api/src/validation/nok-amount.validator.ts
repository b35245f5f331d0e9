import { ValidationOptions } from 'class-validator';
import { DomainError, Money } from '@app/domain';
import { validatesWith } from './problem.validator';

/**
 * A NOK amount as the API writes it: a string with at most two decimals, zero or more ("5194646.68").
 * The grammar and the messages are the domain's (Money.fromNok), so the API and the rules never disagree.
 */
export function IsNokAmount(options?: ValidationOptions): PropertyDecorator {
  return validatesWith('isNokAmount', amountProblem, options);
}

function amountProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return 'is required: an amount in NOK as a string, such as "10000000.00".';
  try {
    Money.fromNok(value as string);
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return `is not accepted: ${error.message}`;
    throw error;
  }
}
