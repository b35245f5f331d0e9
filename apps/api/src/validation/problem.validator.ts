import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * A property decorator from one function that says what is wrong with a value (or undefined when
 * nothing is): the message is always "<field> <what is wrong>", so every validator reads alike.
 */
export function validatesWith(name: string, problem: (value: unknown) => string | undefined, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => problem(value) === undefined,
        defaultMessage: (args) => `${args?.property} ${problem(args?.value) ?? 'is not accepted'}`,
      },
    });
}
