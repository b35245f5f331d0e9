import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, ProblemException } from './problem';

/** Flattens class-validator's tree into `{ field: "subject.total", message }` pairs. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: withoutPropertyPrefix(message, error.property, field) }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

// class-validator starts messages with the bare property name; the caller wants the full path.
function withoutPropertyPrefix(message: string, property: string, field: string): string {
  if (message.startsWith('property ') && message.endsWith(' should not exist')) return `${field} is not a field of this request`;
  return message.startsWith(`${property} `) ? `${field} ${message.slice(property.length + 1)}` : message;
}

/** The one validation pipe: unknown fields are refused, every problem is named by its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const problems = fieldProblems(errors);
      return ProblemException.of(
        400,
        'validation-failed',
        'Bad Request',
        `The request has ${problems.length === 1 ? 'a field' : `${problems.length} fields`} that cannot be accepted.`,
        { errors: problems },
      );
    },
  });
}
