import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * `?limit=`: how many items a list answers with at most, a whole number from 1 to `max`. Left
 * out, the handler lists `fallback`; the document says so.
 */
export function PageLimit(max: number, fallback: number): PropertyDecorator {
  const message = `limit must be a whole number between 1 and ${max}`;
  return applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: max, default: fallback, example: fallback }),
    IsOptional(),
    Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value)),
    IsInt({ message }),
    Min(1, { message }),
    Max(max, { message }),
  );
}
