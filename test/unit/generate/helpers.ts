import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LanguageService } from '../../../server/src/service/languageService';
import type { Block } from '../../../server/src/service/model/types';
import { DirectorySchemaSource } from '../../../server/src/service/schema/schemaSource';
import type { BlockSchema, ProviderSchema, TypeExpr } from '../../../server/src/service/schema/types';
import { createSchemaProvider } from '../../../server/src/service/schemaView/fromSource';
import type { RenderedFile } from '../../../server/src/service/generate/render/index';
import { serviceWith, uri } from '../helpers/service';

export const REPO = path.join(__dirname, '../../..');
export const SCHEMA_DIR = path.join(REPO, 'server/schemas');

/** One case of the shared intents file (or of our own phrasings). */
export interface IntentCase {
  id: string;
  intent: string;
  all?: string[];
  anyOf?: string[][];
  minCount?: Record<string, number>;
  attrs?: { type: string; path: string; equals: unknown }[];
  contains?: string[];
  neverRegex?: string[];
  /** Our own phrasings only: regular expressions that must match, the environment the plan must pick, and words that must be reported as not understood. */
  regex?: string[];
  env?: string;
  notUnderstood?: string[];
}

/** The shared intents file: `<repo>/../shared/intents/intents.json` (CI clones beside shared/), else /work/shared. */
export function intentsFile(): string {
  const candidates = [path.join(REPO, '../shared/intents/intents.json'), '/work/shared/intents/intents.json'];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`intents.json not found in ${candidates.join(' or ')}`);
  return found;
}

export function loadIntents(): IntentCase[] {
  return (JSON.parse(readFileSync(intentsFile(), 'utf8')) as { cases: IntentCase[] }).cases;
}

/** A literal HCL value as JSON (true, 90, "postgres"); anything else (references, templates) as its text. */
export function literal(text: string): unknown {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (/^"(?:[^"\\$]|\\.|\$(?!\{))*"$/.test(t)) return JSON.parse(t.replace(/\$\$\{/g, '${'));
  return t;
}

export interface ParsedStack {
  /** Resource blocks by type. */
  resources: Map<string, Block[]>;
  /** All blocks of every file, in order. */
  blocks: { file: string; block: Block }[];
  text: string;
}

/** Values reached by a dotted path: nested blocks, then an attribute of the last one. */
export function valuesAt(block: Block, dotted: string): unknown[] {
  const parts = dotted.split('.');
  let current: Block[] = [block];
  for (const p of parts.slice(0, -1)) current = current.flatMap((b) => b.blocks.filter((n) => n.type === p));
  const last = parts[parts.length - 1];
  return current.flatMap((b) => b.attributes.filter((a) => a.name === last).map((a) => literal(a.valueText)));
}

/** Every expectation of a case that the stack does not meet, as messages. */
export function unmetExpectations(c: IntentCase, stack: ParsedStack): string[] {
  const out: string[] = [];
  const count = (type: string) => stack.resources.get(type)?.length ?? 0;
  for (const type of c.all ?? []) if (count(type) === 0) out.push(`no ${type}`);
  for (const group of c.anyOf ?? [])
    if (!group.some((t) => count(t) > 0)) out.push(`none of ${group.join(', ')}`);
  for (const [type, min] of Object.entries(c.minCount ?? {})) {
    if (count(type) < min) out.push(`${count(type)} × ${type}, expected at least ${min}`);
  }
  for (const a of c.attrs ?? []) {
    const values = (stack.resources.get(a.type) ?? []).flatMap((b) => valuesAt(b, a.path));
    if (!values.some((v) => v === a.equals)) {
      out.push(
        `${a.type}.${a.path} = ${JSON.stringify(a.equals)} not found (found ${JSON.stringify(values)})`,
      );
    }
  }
  for (const text of c.contains ?? [])
    if (!stack.text.includes(text)) out.push(`does not contain ${JSON.stringify(text)}`);
  for (const re of c.regex ?? []) if (!new RegExp(re).test(stack.text)) out.push(`does not match ${re}`);
  for (const re of c.neverRegex ?? []) {
    const m = new RegExp(re).exec(stack.text);
    if (m) out.push(`matches ${re}: ${JSON.stringify(m[0].slice(0, 120))}`);
  }
  return out;
}

let shared:
  | Promise<{
      schemas: ReturnType<typeof createSchemaProvider>;
      aws: ProviderSchema;
      random: ProviderSchema;
      archive: ProviderSchema;
    }>
  | undefined;

/** The shipped provider schemas, loaded once. */
export function schemas() {
  shared ??= (async () => {
    const source = new DirectorySchemaSource(SCHEMA_DIR);
    const provider = createSchemaProvider(source);
    await provider.ensureLoaded(['aws', 'random', 'archive']);
    const [aws, random, archive] = await Promise.all(['aws', 'random', 'archive'].map((p) => source.load(p)));
    return { schemas: provider, aws: aws!, random: random!, archive: archive! };
  })();
  return shared;
}

/** A language service over several stacks at once, each in its own folder (module). */
export async function openStacks(stacks: Record<string, RenderedFile[]>): Promise<LanguageService> {
  const files: Record<string, string> = {};
  for (const [folder, list] of Object.entries(stacks))
    for (const f of list) files[`${folder}/${f.path}`] = f.content;
  const { schemas: provider } = await schemas();
  return serviceWith(files, { schemas: provider });
}

export function parsedStack(service: LanguageService, folder: string, files: RenderedFile[]): ParsedStack {
  const resources = new Map<string, Block[]>();
  const blocks: ParsedStack['blocks'] = [];
  for (const f of files) {
    const doc = service.index.get(uri(`${folder}/${f.path}`));
    if (!doc) throw new Error(`${folder}/${f.path} was not opened`);
    for (const block of doc.model.blocks) {
      blocks.push({ file: f.path, block });
      if (block.type === 'resource' && block.labels[0]) {
        const list = resources.get(block.labels[0].text) ?? [];
        list.push(block);
        resources.set(block.labels[0].text, list);
      }
    }
  }
  return { resources, blocks, text: files.map((f) => f.content).join('\n') };
}

/** Language-service errors (severity 1) in a stack's files. */
export function errorsIn(service: LanguageService, folder: string, files: RenderedFile[]): string[] {
  return files.flatMap((f) =>
    service
      .diagnostics(uri(`${folder}/${f.path}`))
      .filter((d) => d.severity === 1)
      .map((d) => `${f.path}:${d.range.start.line + 1}: ${d.message}`),
  );
}

const META_ATTRIBUTES = new Set(['count', 'for_each', 'provider', 'depends_on']);
const META_BLOCKS = new Set(['lifecycle', 'dynamic', 'provisioner', 'connection']);

function acceptsBlockSyntax(type: TypeExpr): boolean {
  // The AWS schema types some deep nested blocks as dynamic (wafv2 rule statements); object-typed attributes
  // may be written as blocks too.
  return (
    type.kind === 'dynamic' ||
    type.kind === 'object' ||
    ((type.kind === 'list' || type.kind === 'set') && acceptsBlockSyntax(type.element))
  );
}

function walk(block: Block, schema: BlockSchema, where: string, out: string[]): void {
  for (const a of block.attributes) {
    if (META_ATTRIBUTES.has(a.name)) continue;
    const attr = schema.attributes.get(a.name);
    if (!attr) out.push(`${where}: unknown attribute ${a.name}`);
    else if (!attr.optional && !attr.required) out.push(`${where}: ${a.name} is computed-only`);
    else if (attr.deprecated) out.push(`${where}: ${a.name} is deprecated`);
  }
  for (const nested of block.blocks) {
    if (META_BLOCKS.has(nested.type)) continue;
    const sub = schema.blocks.get(nested.type);
    if (sub) {
      walk(nested, sub, `${where}.${nested.type}`, out);
      continue;
    }
    const attr = schema.attributes.get(nested.type);
    if (!attr || !acceptsBlockSyntax(attr.type)) out.push(`${where}: unknown block ${nested.type}`);
  }
  for (const [name, attr] of schema.attributes) {
    if (attr.required && !block.attributes.some((a) => a.name === name))
      out.push(`${where}: missing required ${name}`);
  }
  for (const [name, sub] of schema.blocks) {
    if (sub.minItems > 0 && !block.blocks.some((b) => b.type === name))
      out.push(`${where}: missing required block ${name}`);
  }
}

/** Every resource/data type, attribute and nested block checked against the shipped schemas. */
export async function schemaProblems(stack: ParsedStack): Promise<string[]> {
  const { aws, random, archive } = await schemas();
  const providers: Record<string, ProviderSchema> = { aws, random, archive };
  const out: string[] = [];
  for (const { file, block } of stack.blocks) {
    if (block.type !== 'resource' && block.type !== 'data') continue;
    const type = block.labels[0]?.text ?? '';
    const provider = providers[type.split('_')[0]];
    const where = `${file}: ${block.type} ${type}.${block.labels[1]?.text}`;
    if (!provider) {
      out.push(`${where}: no schema for provider ${type.split('_')[0]}`);
      continue;
    }
    const schema = block.type === 'resource' ? provider.resource(type) : provider.dataSource(type);
    if (!schema) {
      out.push(`${where}: unknown type`);
      continue;
    }
    walk(block, schema, where, out);
  }
  return out;
}
