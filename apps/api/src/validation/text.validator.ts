import { ValidationOptions } from 'class-validator';
import { validatesWith } from './problem.validator';

/** Required text of at most `maxLength` characters, with one message that says what is wrong (not three). */
export function IsText(maxLength: number, options?: ValidationOptions): PropertyDecorator {
  const problem = (value: unknown): string | undefined => {
    if (value === undefined || value === null) return `is required: text of at most ${maxLength} characters`;
    if (typeof value !== 'string') return `must be text (a JSON string), not ${Array.isArray(value) ? 'a list' : typeof value}`;
    if (value.trim() === '') return 'must not be empty';
    if (value.length > maxLength) return `must be at most ${maxLength} characters; it has ${value.length}`;
    return undefined;
  };
  return validatesWith('isText', problem, options);
}

/** A required list of `min` to `max` items; what each item must be is checked by its own decorators. */
export function IsList(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  const problem = (value: unknown): string | undefined => {
    if (value === undefined || value === null) return `is required: a list of ${min} to ${max} items`;
    if (!Array.isArray(value)) return `must be a list (a JSON array) of ${min} to ${max} items`;
    if (value.length < min) return `must have at least ${min} item${min === 1 ? '' : 's'}`;
    if (value.length > max) return `must have at most ${max} items; it has ${value.length}`;
    return undefined;
  };
  return validatesWith('isList', problem, options);
}
