import { ValidationOptions } from 'class-validator';
import { isCalendarDate } from '@app/domain';
import { validatesWith } from './problem.validator';

/** A real calendar date written YYYY-MM-DD ("2023-02-30" is refused), as the domain reads dates. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return validatesWith('isCalendarDate', dateProblem, options);
}

function dateProblem(value: unknown): string | undefined {
  if (isCalendarDate(value)) return undefined;
  return value === undefined || value === null
    ? 'is required: a date written YYYY-MM-DD, such as "2023-01-01".'
    : `must be a real calendar date written YYYY-MM-DD, such as "2023-01-01"; got ${JSON.stringify(value)}.`;
}
