import { ValidationOptions } from 'class-validator';
import { isMunicipalityNumber } from '@app/domain';
import { validatesWith } from './problem.validator';

/**
 * Whole numbers given as JSON numbers are exact, so they are read as their decimal string; a number
 * with decimals (0.1) may already have lost digits in the JSON parser and is refused.
 */
export function weightsAsStrings({ value }: { value: unknown }): unknown {
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([number, weight]) => [number, Number.isSafeInteger(weight) ? String(weight) : weight]));
}

/**
 * The shape of a cost key's weights: an object from kommunenummer to a decimal string. Whether the
 * numbers are members and the weights sensible is the domain's to say (assertValidCostKey).
 */
export function IsCostKeyWeights(options?: ValidationOptions): PropertyDecorator {
  return validatesWith('isCostKeyWeights', (value) => {
    const problems = weightProblems(value);
    return problems.length === 0 ? undefined : problems.join('; ');
  }, options);
}

function weightProblems(value: unknown): string[] {
  if (value === undefined || value === null) return ['is required: an object of weights such as { "5001": "67", "5035": "8" }'];
  if (!isPlainObject(value)) return ['must be an object from kommunenummer to weight, such as { "5001": "67", "5035": "8" }'];
  const problems = Object.entries(value).flatMap(([number, weight]) => {
    const own: string[] = [];
    if (!isMunicipalityNumber(number)) own.push(`"${number}" is not a kommunenummer (four digits)`);
    if (typeof weight === 'number') {
      own.push(
        Number.isInteger(weight)
          ? `the weight of ${number} is the JSON number ${weight}, too large to be exact; write it as a string of digits`
          : `the weight of ${number} is the JSON number ${weight}; write it as a string such as "${weight}", since a number with decimals is not exact`,
      );
    } else if (typeof weight !== 'string') {
      own.push(`the weight of ${number} must be a decimal string such as "67"`);
    }
    return own;
  });
  return problems.length > 0 ? [`cannot be read: ${problems[0]}`, ...problems.slice(1)] : [];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
