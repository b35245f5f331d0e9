import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { validatesWith } from './problem.validator';

/**
 * `?limit=`: how many items a list answers with at most, a whole number from 1 to `max`. Left
 * out, the handler lists `fallback`; the document says so. One message however it is wrong.
 */
export function PageLimit(max: number, fallback: number): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: Number,
      minimum: 1,
      maximum: max,
      default: fallback,
      example: fallback,
      description: `How many items the page holds at most: 1 to ${max}; ${fallback} when left out`,
    }),
    IsOptional(),
    Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value)),
    validatesWith('isPageLimit', (value) =>
      typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max ? undefined : `must be a whole number between 1 and ${max}`,
    ),
  );
}
