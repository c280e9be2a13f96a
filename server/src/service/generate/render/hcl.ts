// A small HCL builder: values and blocks as data, printed as plain text; formatHcl does the alignment afterwards.

/** An expression written as-is: a reference (`aws_vpc.main.id`), a template (`"${local.name}-db"`), a call. */
export class Expr {
  constructor(readonly text: string) {}
}

/** A function call whose arguments are structured values (`jsonencode({ … })`). */
export class Call {
  constructor(
    readonly fn: string,
    readonly args: Value[],
  ) {}
}

/** A nested block inside a body. */
export class NestedBlock {
  constructor(
    readonly body: Body,
    readonly labels: string[] = [],
  ) {}
}

/** A comment line inside a body (written `# text`). */
export class Comment {
  constructor(readonly text: string) {}
}

export type Value = string | number | boolean | null | Expr | Call | Value[] | ObjectValue;
export interface ObjectValue {
  [key: string]: Value | undefined;
}

/** A block body: attributes in insertion order; NestedBlock (or arrays of them) are nested blocks; undefined is skipped. */
export interface Body {
  [key: string]: Value | NestedBlock | NestedBlock[] | Comment | undefined;
}

export interface TopBlock {
  type: string;
  labels: string[];
  body: Body;
  /** Comment lines written above the block. */
  leading?: string[];
}

export const ref = (text: string): Expr => new Expr(text);
/** A string template; `${…}` in it is interpolation. */
export const tpl = (text: string): Expr => new Expr(`"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
export const call = (fn: string, ...args: Value[]): Call => new Call(fn, args);
export const block = (body: Body, ...labels: string[]): NestedBlock => new NestedBlock(body, labels);
export const comment = (text: string): Comment => new Comment(text);

/** A checkov inline skip with its reason, placed inside the resource it applies to. */
export const skip = (id: string, reason: string): Comment => new Comment(`checkov:skip=${id}:${reason}`);

export function quote(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, '$${')
    .replace(/%\{/g, '%%{')}"`;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function isScalar(v: Value): boolean {
  return v === null || typeof v !== 'object' || v instanceof Expr;
}

function printValue(v: Value, indent: string): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Expr) return v.text;
  if (v instanceof Call) {
    const args = v.args.map((a) => printValue(a, indent));
    return `${v.fn}(${args.join(', ')})`;
  }
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every(isScalar)) {
      const flat = `[${v.map((x) => printValue(x, inner)).join(', ')}]`;
      if (flat.length <= 80) return flat;
    }
    return `[\n${v.map((x) => `${inner}${printValue(x, inner)},\n`).join('')}${indent}]`;
  }
  const entries = Object.entries(v).filter((e): e is [string, Value] => e[1] !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries
    .map(([k, x]) => `${inner}${IDENT.test(k) ? k : quote(k)} = ${printValue(x, inner)}\n`)
    .join('')}${indent}}`;
}

function printBody(body: Body, indent: string): string {
  let out = '';
  let previous: 'attr' | 'block' | 'comment' | undefined;
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (value instanceof Comment) {
      out += `${indent}# ${value.text}\n`;
      previous = 'comment';
      continue;
    }
    const blocks =
      value instanceof NestedBlock
        ? [value]
        : Array.isArray(value) && value.length > 0 && value.every((x) => x instanceof NestedBlock)
          ? (value as NestedBlock[])
          : undefined;
    if (blocks) {
      for (const b of blocks) {
        if (previous === 'attr' || previous === 'block') out += '\n';
        const labels = b.labels.map((l) => ` ${quote(l)}`).join('');
        const inner = printBody(b.body, indent + '  ');
        out += inner ? `${indent}${name}${labels} {\n${inner}${indent}}\n` : `${indent}${name}${labels} {}\n`;
        previous = 'block';
      }
      continue;
    }
    if (previous === 'block') out += '\n';
    out += `${indent}${name} = ${printValue(value as Value, indent)}\n`;
    previous = 'attr';
  }
  return out;
}

export function printBlock(b: TopBlock): string {
  const leading = (b.leading ?? []).map((l) => `# ${l}\n`).join('');
  const labels = b.labels.map((l) => ` ${quote(l)}`).join('');
  const inner = printBody(b.body, '  ');
  return inner ? `${leading}${b.type}${labels} {\n${inner}}\n` : `${leading}${b.type}${labels} {}\n`;
}

export function printFile(blocks: TopBlock[], header?: string[]): string {
  const head = header && header.length > 0 ? header.map((l) => `# ${l}\n`).join('') + '\n' : '';
  return head + blocks.map(printBlock).join('\n');
}
