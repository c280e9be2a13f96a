/** What kind of literal an attribute's source text is, or undefined for anything computed. */
export type LiteralKind = 'string' | 'number' | 'bool' | 'null' | 'tuple' | 'object';

const PLAIN_STRING = /^"(?:[^"\\$%]|\\.|\$(?!\{)|%(?!\{)|\$\$\{|%%\{)*"$/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

export function literalKind(text: string): { kind: LiteralKind; value?: string } | undefined {
  const t = text.trim();
  if (PLAIN_STRING.test(t)) return { kind: 'string', value: t.slice(1, -1) };
  if (NUMBER.test(t)) return { kind: 'number', value: t };
  if (t === 'true' || t === 'false') return { kind: 'bool', value: t };
  if (t === 'null') return { kind: 'null' };
  // Only brackets that surely hold a literal collection, not a for expression.
  if (t.startsWith('[') && !/^\[\s*for\s/.test(t)) return { kind: 'tuple' };
  if (t.startsWith('{') && !/^\{\s*for\s/.test(t)) return { kind: 'object' };
  return undefined;
}

function typeFamily(type: string): 'string' | 'number' | 'bool' | 'sequence' | 'mapping' | 'any' {
  if (type === 'string') return 'string';
  if (type === 'number') return 'number';
  if (type === 'bool') return 'bool';
  if (/^(list|set|tuple)\(/.test(type)) return 'sequence';
  if (/^(map|object)\(/.test(type)) return 'mapping';
  return 'any';
}

const DESCRIBE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  bool: 'a bool',
  sequence: 'a list',
  mapping: 'a map or object',
};

/**
 * Why a literal cannot be converted to the attribute's type, following Terraform's conversions ("1" is a
 * fine number, "true" a fine bool, 5 a fine string), or undefined when it can.
 */
export function literalMismatch(type: string, text: string): string | undefined {
  const literal = literalKind(text);
  const family = typeFamily(type);
  if (!literal || literal.kind === 'null' || family === 'any') return undefined;
  const got =
    literal.value !== undefined
      ? `${literal.kind} ${literal.kind === 'string' ? `"${literal.value}"` : literal.value}`
      : literal.kind === 'tuple'
        ? 'a list'
        : 'an object';
  const fail = () => `expects ${DESCRIBE[family]}, got ${got}`;
  switch (family) {
    case 'string':
      return literal.kind === 'tuple' || literal.kind === 'object' ? fail() : undefined;
    case 'number':
      if (literal.kind === 'number') return undefined;
      if (literal.kind === 'string' && NUMBER.test(literal.value!.trim())) return undefined;
      return fail();
    case 'bool':
      if (literal.kind === 'bool') return undefined;
      if (literal.kind === 'string' && (literal.value === 'true' || literal.value === 'false'))
        return undefined;
      return fail();
    case 'sequence':
      return literal.kind === 'tuple' ? undefined : fail();
    case 'mapping':
      return literal.kind === 'object' ? undefined : fail();
  }
}
