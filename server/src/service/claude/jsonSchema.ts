// A validator for the JSON-schema subset ts-json-schema-generator emits for plan.ts (and the hand-written
// submit_files schema): type, properties, required, additionalProperties, items, enum, const, anyOf. Its messages
// go back to the model verbatim, so they name the path and say what was expected.

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  minItems?: number;
  description?: string;
}

export interface SchemaProblem {
  /** `components[2].engine`; empty for the value itself. */
  path: string;
  message: string;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

const show = (value: unknown) => JSON.stringify(value);

/** The `kind` a union's branches are told apart by, when every branch has a constant one. */
function discriminator(branches: JsonSchema[]): Map<unknown, JsonSchema> | undefined {
  const byKind = new Map<unknown, JsonSchema>();
  for (const branch of branches) {
    const kind = branch.properties?.kind?.const;
    if (kind === undefined) return undefined;
    byKind.set(kind, branch);
  }
  return byKind;
}

export function validateJson(value: unknown, schema: JsonSchema, path = ''): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const fail = (message: string) => problems.push({ path, message });

  if (schema.anyOf) {
    const byKind = discriminator(schema.anyOf);
    if (byKind && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const kind = (value as Record<string, unknown>).kind;
      const branch = byKind.get(kind);
      if (!branch) {
        fail(`kind ${show(kind)} is not one of ${[...byKind.keys()].map(show).join(', ')}`);
        return problems;
      }
      return validateJson(value, branch, path);
    }
    let best: SchemaProblem[] | undefined;
    for (const branch of schema.anyOf) {
      const found = validateJson(value, branch, path);
      if (found.length === 0) return [];
      if (!best || found.length < best.length) best = found;
    }
    return best ?? [];
  }

  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => matchesType(value, t))) {
      fail(
        `expected ${types.join(' or ')}, got ${typeOf(value)}${typeOf(value) === 'string' ? ` ${show(value)}` : ''}`,
      );
      return problems;
    }
  }
  if ('const' in schema && value !== schema.const) {
    fail(`must be ${show(schema.const)}, not ${show(value)}`);
    return problems;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    fail(`${show(value)} is not one of ${schema.enum.map(show).join(', ')}`);
    return problems;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      fail(`needs at least ${schema.minItems} item(s)`);
    if (schema.items)
      value.forEach((item, i) => problems.push(...validateJson(item, schema.items!, join(path, i))));
    return problems;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? [])
      if (record[key] === undefined) problems.push({ path: join(path, key), message: 'is required' });
    for (const [key, item] of Object.entries(record)) {
      if (item === undefined) continue; // absent in JSON
      const property = schema.properties?.[key];
      if (property) problems.push(...validateJson(item, property, join(path, key)));
      else if (schema.additionalProperties === false)
        problems.push({
          path: join(path, key),
          message: `is not a field here (fields: ${Object.keys(schema.properties ?? {}).join(', ')})`,
        });
      else if (typeof schema.additionalProperties === 'object')
        problems.push(...validateJson(item, schema.additionalProperties, join(path, key)));
    }
  }
  return problems;
}

/** One line per problem, at most `limit`, for a tool_result the model reads. */
export function describeProblems(problems: readonly SchemaProblem[], limit = 25): string {
  const lines = problems.slice(0, limit).map((p) => `- ${p.path || '(the input)'}: ${p.message}`);
  if (problems.length > limit) lines.push(`- … and ${problems.length - limit} more`);
  return lines.join('\n');
}
