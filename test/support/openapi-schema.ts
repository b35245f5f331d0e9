import request from 'supertest';
import { TestApi } from './api';

/** The part of an OpenAPI schema that says what a value may be. */
export interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
}

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  security?: Array<Record<string, string[]>>;
}

/** The api's own OpenAPI document, and what it says of one operation. */
export class OpenApiDocument {
  private constructor(private readonly document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } }) {}

  static async of(api: TestApi): Promise<OpenApiDocument> {
    return new OpenApiDocument((await request(api.http).get('/api/docs-json').expect(200)).body);
  }

  operation(method: string, path: string): Operation {
    const operation = this.document.paths[path]?.[method];
    if (!operation) throw new Error(`the document has no ${method} ${path}`);
    return operation;
  }

  /** The schema of an operation's answer with that status. */
  schemaOf(method: string, path: string, status: number, type = 'application/json'): Schema {
    const schema = this.operation(method, path).responses[String(status)]?.content?.[type]?.schema;
    if (!schema) throw new Error(`${method} ${path} documents no ${type} body for ${status}`);
    return schema;
  }

  /** Fields of the answer the schema does not name, required ones it leaves out, values of another type or outside the enum. */
  undocumented(value: unknown, schema: Schema, at: string): string[] {
    const resolved = this.resolve(schema);
    if (value === null) return resolved.nullable ? [] : [`${at}: null, but not nullable`];
    if (Array.isArray(value)) {
      if (resolved.type !== 'array' || !resolved.items) return [`${at}: a list, documented as ${resolved.type}`];
      return value.flatMap((item, index) => this.undocumented(item, resolved.items!, `${at}[${index}]`));
    }
    if (typeof value === 'object') {
      if (resolved.additionalProperties) return [];
      const properties = resolved.properties ?? {};
      const fields = value as Record<string, unknown>;
      const missing = (resolved.required ?? []).filter((name) => !(name in fields)).map((name) => `${at}.${name}: required, but absent`);
      return [
        ...missing,
        ...Object.entries(fields).flatMap(([name, field]) =>
          properties[name] ? this.undocumented(field, properties[name], `${at}.${name}`) : [`${at}.${name}: not documented`],
        ),
      ];
    }
    if (resolved.enum && !resolved.enum.includes(value)) return [`${at}: ${String(value)} is not in its enum`];
    const declared = resolved.type === 'integer' ? 'number' : resolved.type;
    return typeof value === declared ? [] : [`${at}: ${typeof value}, documented as ${resolved.type}`];
  }

  /** Every field of the schemas an operation's answers use that has neither an example, an enum nor a schema of its own. */
  fieldsWithoutExample(method: string, path: string): string[] {
    const offenders: string[] = [];
    const visited = new Set<string>();
    const visit = (schema: Schema | undefined): void => {
      if (!schema) return;
      if (schema.$ref) {
        const name = schema.$ref.replace('#/components/schemas/', '');
        if (visited.has(name)) return;
        visited.add(name);
        const named = this.document.components.schemas[name];
        for (const [property, field] of Object.entries(named.properties ?? {})) {
          const refers = (candidate?: Schema) => !!candidate && (!!candidate.$ref || (candidate.allOf ?? []).some((part) => !!part.$ref));
          const described = (field.example !== undefined && field.example !== null) || !!field.enum || refers(field) || refers(field.items);
          if (!described) offenders.push(`${name}.${property}`);
          visit(field);
        }
        return;
      }
      schema.allOf?.forEach(visit);
      visit(schema.items);
      Object.values(schema.properties ?? {}).forEach(visit);
    };
    for (const response of Object.values(this.operation(method, path).responses)) {
      for (const content of Object.values(response.content ?? {})) visit(content.schema);
    }
    return offenders;
  }

  private resolve(schema: Schema): Schema {
    if (schema.$ref) return this.resolve(this.document.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
    if (schema.allOf?.length === 1) return { ...this.resolve(schema.allOf[0]), nullable: schema.nullable };
    return schema;
  }
}

/**
 * The two checks of one GET operation's documentation: exactly the statuses it answers, problems
 * as problem+json, an example for every field; and every field the suite's answers carried named.
 */
export function itIsDocumented(
  path: string,
  statuses: number[],
  document: () => OpenApiDocument,
  answers: () => request.Response[],
  atLeast: number,
): void {
  it('documents exactly the statuses it answers, its problems as problem+json, and an example for every field', () => {
    const operation = document().operation('get', path);
    expect(Object.keys(operation.responses).sort()).toEqual(['200', ...statuses.map(String)].sort());
    expect(operation.security).toEqual([{ bearer: [] }]);
    for (const status of statuses) {
      expect(document().schemaOf('get', path, status, 'application/problem+json')).toEqual({ $ref: '#/components/schemas/ProblemResponse' });
    }
    expect(document().fieldsWithoutExample('get', path)).toEqual([]);
  });

  it('names every field of what the api answered above', () => {
    expect(answers().length).toBeGreaterThan(atLeast);
    const offenders = answers().flatMap((response) =>
      document().undocumented(
        response.body,
        document().schemaOf('get', path, response.status, response.status === 200 ? 'application/json' : 'application/problem+json'),
        `${response.status}`,
      ),
    );
    expect(offenders).toEqual([]);
  });
}
