import type { Range } from 'vscode-languageserver-types';
import type { Attribute, Block, FileModel } from '../model/types';
import type { StackBlock } from './types';
import { parseExpression, UNKNOWN, type Value } from './values';

/** The files of one configuration: what policies evaluate, across files. */
export interface StackFile {
  uri: string;
  model: FileModel;
}

const MAX_DEPTH = 8;

/**
 * The resources, data sources, variables and locals of a configuration (one module directory), with value
 * evaluation (`var.x` → its default, `local.y` → its expression) and links between blocks (which
 * aws_s3_bucket_versioning points at which aws_s3_bucket).
 */
export class Stack {
  readonly blocks: StackBlock[] = [];
  private readonly byType = new Map<string, StackBlock[]>();
  private readonly byAddress = new Map<string, StackBlock>();
  private readonly variables = new Map<string, Attribute | null>();
  private readonly locals = new Map<string, Attribute>();
  private readonly models = new Map<string, FileModel>();
  private readonly cache = new Map<Attribute, Value>();

  constructor(files: readonly StackFile[]) {
    for (const file of files) {
      this.models.set(file.uri, file.model);
      for (const block of file.model.blocks) {
        const type = block.labels[0]?.text;
        if ((block.type === 'resource' || block.type === 'data') && type && block.labels[1]) {
          const name = block.labels[1].text;
          const address = block.type === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
          const sb: StackBlock = { kind: block.type, type, name, address, uri: file.uri, block };
          this.blocks.push(sb);
          const key = block.type === 'data' ? `data.${type}` : type;
          let list = this.byType.get(key);
          if (!list) this.byType.set(key, (list = []));
          list.push(sb);
          if (!this.byAddress.has(address)) this.byAddress.set(address, sb);
        } else if (block.type === 'variable' && block.labels[0]) {
          this.variables.set(block.labels[0].text, attribute(block, 'default') ?? null);
        } else if (block.type === 'locals') {
          for (const a of block.attributes) this.locals.set(a.name, a);
        }
      }
    }
  }

  /** Resources of a type; `data.<type>` for data sources. */
  ofType(type: string): StackBlock[] {
    return this.byType.get(type) ?? [];
  }

  get(address: string): StackBlock | undefined {
    return this.byAddress.get(address);
  }

  /** The value of an attribute, with variables and locals resolved; undefined when the attribute is absent. */
  value(attribute: Attribute | undefined): Value | undefined {
    if (!attribute) return undefined;
    let v = this.cache.get(attribute);
    if (!v) {
      v = this.resolve(parseExpression(attribute.valueText), 0);
      this.cache.set(attribute, v);
    }
    return v;
  }

  /** Resolves `var.x` to its default and `local.y` to its value, recursively; other references stay refs. */
  resolve(value: Value, depth: number): Value {
    if (depth > MAX_DEPTH) return UNKNOWN;
    switch (value.kind) {
      case 'list':
        return { kind: 'list', items: value.items.map((v) => this.resolve(v, depth + 1)) };
      case 'object':
        return {
          kind: 'object',
          entries: new Map([...value.entries].map(([k, v]) => [k, this.resolve(v, depth + 1)])),
        };
      case 'ref': {
        const [root, name, ...rest] = value.parts;
        if ((root === 'var' || root === 'local') && name) {
          const source = root === 'var' ? this.variables.get(name) : this.locals.get(name);
          if (!source) return UNKNOWN;
          const base = this.resolve(parseExpression(source.valueText), depth + 1);
          return index(base, rest);
        }
        return value;
      }
      default:
        return value;
    }
  }

  /** The addresses an attribute's value refers to (`aws_s3_bucket.site`, `data.aws_iam_policy_document.x`). */
  referencedAddresses(sb: StackBlock, attribute: Attribute | undefined): string[] {
    if (!attribute) return [];
    const model = this.models.get(sb.uri);
    if (!model) return [];
    const out: string[] = [];
    for (const r of model.references) {
      if (r.address && within(r.range, attribute.valueRange)) out.push(r.address);
    }
    return out;
  }

  /**
   * Resources of `type` whose `attributeName` refers to `target` (by reference, or by the same literal name the
   * target has in `targetNameAttribute`): the versioning, encryption, public access block of a bucket.
   */
  linked(
    type: string,
    attributeName: string,
    target: StackBlock,
    targetNameAttribute?: string,
  ): StackBlock[] {
    const targetName = targetNameAttribute
      ? this.value(attribute(target.block, targetNameAttribute))
      : undefined;
    return this.ofType(type).filter((candidate) => {
      const a = attribute(candidate.block, attributeName);
      if (!a) return false;
      if (this.referencedAddresses(candidate, a).includes(target.address)) return true;
      const v = this.value(a);
      return (
        targetName?.kind === 'string' &&
        v?.kind === 'string' &&
        v.value === targetName.value &&
        v.value !== ''
      );
    });
  }
}

function index(value: Value, path: string[]): Value {
  let v = value;
  for (const key of path) {
    if (v.kind === 'object') v = v.entries.get(key) ?? UNKNOWN;
    else if (v.kind === 'list' && /^\d+$/.test(key)) v = v.items[Number(key)] ?? UNKNOWN;
    else return UNKNOWN;
  }
  return v;
}

function within(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** The (last) attribute of that name in a block. */
export function attribute(block: Block, name: string): Attribute | undefined {
  for (let i = block.attributes.length - 1; i >= 0; i--)
    if (block.attributes[i].name === name) return block.attributes[i];
  return undefined;
}

/** Nested blocks of that type (not `dynamic` ones: their content is not known statically). */
export function nestedBlocks(block: Block, type: string): Block[] {
  return block.blocks.filter((b) => b.type === type);
}

// -------------------------------------------------------------------------------------------------------------
// Reading values

/** true/false for a bool (or "true"/"false" string), undefined when not known. */
export function truth(v: Value | undefined): boolean | undefined {
  if (!v) return undefined;
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'string' && (v.value === 'true' || v.value === 'false')) return v.value === 'true';
  return undefined;
}

export function asString(v: Value | undefined): string | undefined {
  return v?.kind === 'string' ? v.value : undefined;
}

export function asNumber(v: Value | undefined): number | undefined {
  if (v?.kind === 'number') return v.value;
  if (v?.kind === 'string' && v.value.trim() !== '' && !isNaN(Number(v.value))) return Number(v.value);
  return undefined;
}

/** The known strings of a string or list value (unknown items are left out). */
export function strings(v: Value | undefined): string[] {
  if (!v) return [];
  if (v.kind === 'string') return [v.value];
  if (v.kind === 'list') return v.items.flatMap((i) => (i.kind === 'string' ? [i.value] : []));
  return [];
}

/** Whether an attribute is set to something other than null or an empty string. */
export function isSet(v: Value | undefined): boolean {
  if (!v) return false;
  if (v.kind === 'null') return false;
  if (v.kind === 'string') return v.value !== '';
  return true;
}
