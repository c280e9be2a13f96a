/**
 * Turns live cloud resources that no configuration manages into Terraform: a resource block per object, written
 * with the arguments the provider schema lets users set, plus an `import` block binding it to its cloud ID. IDs
 * and ARNs of other resources in the same set (or already in code) become references, so the result reads like
 * hand-written configuration rather than a dump of literal IDs.
 */
import type { LiveResource } from '../cloud/snapshot';
import { formatHcl } from '../format/formatter';
import type { BlockSchemaView, SchemaView } from '../schemaView/types';

export interface ImportOptions {
  /** Addresses already declared in code; generated names never collide with them. */
  existingAddresses?: Set<string>;
  /** Cloud ID (or ARN) → address of a resource already in code: such objects are referenced, not imported. */
  existingIds?: Map<string, string>;
  schemas: SchemaView;
}

export interface ImportResult {
  files: { path: string; content: string }[];
  addresses: string[];
}

/** A raw HCL expression (a reference or function call), rendered as is. */
class Expr {
  constructor(readonly text: string) {}
}

/** Arguments never written: the ID itself, and the per-resource region override the provider fills in. */
const SKIPPED = new Set(['id', 'region', 'tags_all']);

/** Arguments that conflict with another one the scanner also reports: dropped when the other is present. */
const CONFLICTS: Record<string, [drop: string, when: string][]> = {
  aws_subnet: [['availability_zone_id', 'availability_zone']],
  aws_instance: [['ipv6_address_count', 'ipv6_addresses']],
};

/** Argument names whose values are (by the provider's convention) the ID or name of another object. */
const REFERENCE_KEY =
  /(_ids?|_arns?|_name|_url)$|^(bucket|role|roles|security_groups|iam_instance_profile|queue|function_name|target)$/;
/** EC2-style generated IDs, references wherever they appear. */
const GENERATED_ID = /^[a-z]+(-[a-z]+)*-[0-9a-f]{8,17}$/;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Turns a cloud name into a Terraform identifier: lower case, `_` separated, starting with a letter. */
export function sanitizeName(raw: string): string {
  let s = raw
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!s) return 'this';
  if (!/^[a-z_]/.test(s)) s = `r_${s}`;
  return s;
}

function nameSource(r: LiveResource): string {
  const a = r.attributes;
  const pick = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return (
    pick(r.tags?.Name) ??
    pick(r.name) ??
    pick(a.name) ??
    pick(a.bucket) ??
    pick(a.identifier) ??
    pick(a.function_name) ??
    r.id
  );
}

const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && !(v instanceof Expr) && Object.keys(v).length === 0);

export function hclString(s: string): string {
  const escaped = s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, '$${')
    .replace(/%\{/g, '%%{');
  return `"${escaped}"`;
}

const key = (k: string): string => (IDENTIFIER.test(k) ? k : hclString(k));

function renderValue(v: unknown, indent: string): string {
  if (v instanceof Expr) return v.text;
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return hclString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every((x) => !x || typeof x !== 'object' || x instanceof Expr))
      return `[${v.map((x) => renderValue(x, inner)).join(', ')}]`;
    return `[\n${v.map((x) => `${inner}${renderValue(x, inner)},\n`).join('')}${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${key(k)} = ${renderValue(x, inner)}\n`).join('')}${indent}}`;
}

interface Target {
  address: string;
  id: string;
  arn?: string;
}

export function importUnmanaged(resources: LiveResource[], options: ImportOptions): ImportResult {
  const existingAddresses = options.existingAddresses ?? new Set<string>();
  const existingIds = options.existingIds ?? new Map<string, string>();
  const wanted = resources.filter(
    (r) => !existingIds.has(r.id) && !(r.arn && existingIds.has(r.arn)) && options.schemas.resource(r.type),
  );

  // Names first, so every resource can refer to every other.
  const taken = new Set(existingAddresses);
  const targets = new Map<LiveResource, Target>();
  for (const r of wanted) {
    const base = sanitizeName(nameSource(r));
    let name = base;
    for (let n = 2; taken.has(`${r.type}.${name}`); n++) name = `${base}_${n}`;
    taken.add(`${r.type}.${name}`);
    targets.set(r, { address: `${r.type}.${name}`, id: r.id, arn: r.arn });
  }
  const byId = new Map<string, string>();
  const byArn = new Map<string, string>();
  for (const [cloudId, address] of existingIds)
    (cloudId.startsWith('arn:') ? byArn : byId).set(cloudId, address);
  for (const t of targets.values()) {
    byId.set(t.id, t.address);
    if (t.arn) byArn.set(t.arn, t.address);
  }

  /** The reference a literal becomes, if it names another resource. */
  const referenceFor = (value: string, argName: string, self: string): Expr | undefined => {
    const arnOf = byArn.get(value);
    if (arnOf && arnOf !== self) return new Expr(`${arnOf}.arn`);
    const idOf = byId.get(value);
    if (idOf && idOf !== self && (REFERENCE_KEY.test(argName) || GENERATED_ID.test(value)))
      return new Expr(`${idOf}.id`);
    return undefined;
  };
  /** Replaces literals naming other resources, through lists and objects (never inside tags). */
  const withReferences = (v: unknown, argName: string, self: string): unknown => {
    if (typeof v === 'string') return referenceFor(v, argName, self) ?? v;
    if (Array.isArray(v)) return v.map((x) => withReferences(x, argName, self));
    if (v && typeof v === 'object' && !(v instanceof Expr)) {
      if (argName === 'tags') return v;
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, withReferences(x, k, self)]),
      );
    }
    return v;
  };

  const renderBody = (
    attrs: Record<string, unknown>,
    schema: BlockSchemaView,
    indent: string,
    self: string,
    type?: string,
  ): string => {
    const lines: string[] = [];
    const drop = new Set<string>();
    for (const [d, when] of (type && CONFLICTS[type]) || []) if (!isEmpty(attrs[when])) drop.add(d);
    for (const [name, raw] of Object.entries(attrs)) {
      if (SKIPPED.has(name) || drop.has(name) || isEmpty(raw)) continue;
      const attr = schema.attributes.get(name);
      if (attr) {
        if (!attr.required && !attr.optional) continue;
        let value = withReferences(raw, name, self);
        if (attr.type === 'string' && typeof value === 'object' && !(value instanceof Expr))
          value = new Expr(`jsonencode(${renderValue(value, indent)})`);
        if (attr.type === 'string' && typeof value !== 'string' && !(value instanceof Expr)) continue;
        lines.push(`${indent}${name} = ${renderValue(value, indent)}`);
        continue;
      }
      const block = schema.blocks.get(name);
      if (!block) continue;
      const items = Array.isArray(raw) ? raw : [raw];
      for (const item of items) {
        if (!item || typeof item !== 'object') continue;
        const body = renderBody(item as Record<string, unknown>, block.schema, `${indent}  `, self);
        lines.push(`${indent}${name} {\n${body}${indent}}`);
      }
    }
    return lines.map((l) => `${l}\n`).join('');
  };

  const chunks: string[] = [];
  for (const r of wanted) {
    const t = targets.get(r)!;
    const schema = options.schemas.resource(r.type)!;
    const name = t.address.slice(r.type.length + 1);
    const attributes = { ...r.attributes };
    if (r.tags && Object.keys(r.tags).length > 0 && attributes.tags === undefined) attributes.tags = r.tags;
    chunks.push(`import {\n  to = ${t.address}\n  id = ${hclString(r.id)}\n}\n`);
    chunks.push(
      `resource ${hclString(r.type)} ${hclString(name)} {\n${renderBody(attributes, schema, '  ', t.address, r.type)}}\n`,
    );
  }
  if (chunks.length === 0) return { files: [], addresses: [] };
  return {
    files: [{ path: 'imported.tf', content: formatHcl(chunks.join('\n')) }],
    addresses: [...targets.values()].map((t) => t.address),
  };
}
