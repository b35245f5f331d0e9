import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
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

/** The field that names the body itself, as a JSON Pointer names the whole document: "". */
export const BODY_FIELD = '';

/**
 * A body must be the JSON object its endpoint takes. A list (or any other JSON value) would
 * otherwise be validated item by item and its problems named "0.decision"; it is one problem, of
 * the body itself.
 */
class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && takesObject(metadata.metatype) && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      const given = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
      throw ProblemException.of(400, 'validation-failed', 'Bad Request', `The request body must be a JSON object, not ${given}.`, {
        errors: [{ field: BODY_FIELD, message: `the body must be a JSON object, not ${given}` }],
      });
    }
    return super.transform(value, metadata);
  }
}

function takesObject(metatype: ArgumentMetadata['metatype']): boolean {
  return typeof metatype === 'function' && ![String, Boolean, Number, Array, Object].includes(metatype as never);
}

/** The one validation pipe: unknown fields are refused, every problem is named by its field. */
export function createValidationPipe(): ValidationPipe {
  return new BodyValidationPipe({
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
