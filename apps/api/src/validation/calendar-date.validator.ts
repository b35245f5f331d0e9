import { registerDecorator, ValidationOptions } from 'class-validator';
import { isCalendarDate } from '@app/domain';

/** A real calendar date written YYYY-MM-DD ("2023-02-30" is refused), as the domain reads dates. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: (args) => dateProblem(args?.property ?? 'date', args?.value),
      },
    });
}

function dateProblem(property: string, value: unknown): string {
  return value === undefined || value === null
    ? `${property} is required: a date written YYYY-MM-DD, such as "2023-01-01".`
    : `${property} must be a real calendar date written YYYY-MM-DD, such as "2023-01-01"; got ${JSON.stringify(value)}.`;
}
