// Comparing what the code says with what the cloud has, attribute by attribute. Only literal code values are
// compared (strings, numbers, bools, lists, maps, jsonencode(...) and JSON heredocs, and `var.x` with a literal
// default): anything computed is left alone, since a drift finding must never be a guess.
import type { Range } from 'vscode-languageserver-types';
import type { LiveResource } from '../cloud/snapshot';
import type { Attribute, Block } from '../model/types';
import { parseExpression, type Value } from '../policies/values';
import type { BlockSchemaView } from '../schemaView/types';
import type { ModuleIndex } from '../workspace/moduleIndex';

/** Returned for any expression that is not a literal. */
export const NOT_LITERAL: unique symbol = Symbol('not literal');
export type Literal = unknown;

export type PathSegment = string | number;

export interface AttributeDrift {
  /** `['instance_type']`, `['tags', 'Env']`, `['metadata_options', 0, 'http_tokens']`. */
  path: PathSegment[];
  /** How messages name it: `instance_type`, `tags.Env`, `metadata_options.http_tokens`, `policy`. */
  display: string;
  /** The `lifecycle.ignore_changes` entry: `instance_type`, `tags["Env"]`, `metadata_options[0].http_tokens`. */
  ignorePath: string;
  /** Where the diagnostic goes: the value's exact range (a nested block's header when the block is missing live). */
  range: Range;
  code: Literal;
  /** The live value; undefined when the live side does not have it (`liveMissing`). */
  live: Literal;
  liveMissing: boolean;
  /** For a map entry: the whole `key = value` range (adopting a missing key removes it). */
  entryRange?: Range;
  /** The values were compared as JSON documents (policies). */
  json: boolean;
  /** Inside a JSON document, the first place the two differ (`Statement[0].Action`), with both values there. */
  detail?: { path: string; code: Literal; live: Literal };
  /** True when the finding is a nested block with no live counterpart: there is no value to adopt. */
  nestedBlock?: boolean;
  /** The code attribute; its `valueText` decides how an adopted value is rendered (jsonencode, heredoc, …). */
  attribute?: Attribute;
}

export interface CompareContext {
  /** Literal defaults of the module's variables (`var.x` resolves to them). */
  variables: ReadonlyMap<string, Literal>;
  /** The resource type's schema, when loaded: tells sets from lists. */
  schema?: BlockSchemaView;
}

const META_ATTRIBUTES = new Set(['count', 'for_each', 'provider', 'depends_on']);
const META_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection', 'dynamic', 'timeouts']);

// ---------------------------------------------------------------------------------------------------------------
// Literal values

/** The literal value of an expression's source text, or NOT_LITERAL. */
export function literalValue(text: string, variables: ReadonlyMap<string, Literal> = EMPTY): Literal {
  return toLiteral(parseExpression(text), variables);
}

const EMPTY: ReadonlyMap<string, Literal> = new Map();

function toLiteral(value: Value, variables: ReadonlyMap<string, Literal>): Literal {
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return value.value;
    case 'null':
      return null;
    case 'list': {
      const out: Literal[] = [];
      for (const item of value.items) {
        const v = toLiteral(item, variables);
        if (v === NOT_LITERAL) return NOT_LITERAL;
        out.push(v);
      }
      return out;
    }
    case 'object': {
      const out: Record<string, Literal> = {};
      for (const [key, item] of value.entries) {
        if (key === '\u0000') return NOT_LITERAL;
        const v = toLiteral(item, variables);
        if (v === NOT_LITERAL) return NOT_LITERAL;
        out[key] = v;
      }
      return out;
    }
    case 'ref':
      if (value.parts.length === 2 && value.parts[0] === 'var' && variables.has(value.parts[1]))
        return variables.get(value.parts[1]);
      return NOT_LITERAL;
    default:
      return NOT_LITERAL;
  }
}

/** The module's variables that have a literal, non-null default. */
export function variableDefaults(module: ModuleIndex): Map<string, Literal> {
  const out = new Map<string, Literal>();
  for (const [address, declarations] of module.declarations) {
    if (!address.startsWith('var.')) continue;
    const block = declarations[0].block;
    const attribute = block?.attributes.find((a) => a.name === 'default');
    if (!attribute) continue;
    const value = literalValue(attribute.valueText);
    if (value !== NOT_LITERAL && value !== null) out.set(address.slice(4), value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Equality

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown) =>
  v === null ||
  v === undefined ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (isObject(v) && Object.keys(v).length === 0);
const isScalar = (v: unknown) => v === null || typeof v !== 'object';

function parseJsonDocument(text: string): unknown {
  const t = text.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return NOT_LITERAL;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return NOT_LITERAL;
  }
}

/** Terraform converts between a string and a number or bool, so `"8080"` equals `8080` and `"true"` equals `true`. */
function scalarEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b)) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a === 'number' || typeof b === 'number') {
    if (typeof a === 'object' || typeof b === 'object') return false;
    const sa = String(a).trim();
    const sb = String(b).trim();
    return sa !== '' && sb !== '' && Number(sa) === Number(sb);
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a) === String(b);
  return false;
}

interface EqualMode {
  /** Arrays are sets: order does not matter. */
  set: boolean;
  /** Inside a JSON policy document: arrays are sets and a one-element array equals its element. */
  json: boolean;
}

/** Whether the code value and the live value mean the same. */
export function valuesEqual(code: unknown, live: unknown, mode: EqualMode): boolean {
  if (isEmpty(code) && isEmpty(live)) return true;
  // JSON documents: parsed on whichever side is still text.
  if (typeof code === 'string' && typeof live !== 'string' && !isScalar(live)) {
    const parsed = parseJsonDocument(code);
    if (parsed !== NOT_LITERAL) return valuesEqual(parsed, live, { set: true, json: true });
  }
  if (typeof live === 'string' && typeof code !== 'string' && !isScalar(code)) {
    const parsed = parseJsonDocument(live);
    if (parsed !== NOT_LITERAL) return valuesEqual(code, parsed, { set: true, json: true });
  }
  if (typeof code === 'string' && typeof live === 'string') {
    if (code === live) return true;
    const a = parseJsonDocument(code);
    const b = a === NOT_LITERAL ? NOT_LITERAL : parseJsonDocument(live);
    return a !== NOT_LITERAL && b !== NOT_LITERAL && valuesEqual(a, b, { set: true, json: true });
  }
  if (Array.isArray(code) || Array.isArray(live)) {
    if (!Array.isArray(code) || !Array.isArray(live)) {
      if (!mode.json) return false;
      const [array, scalar] = Array.isArray(code) ? [code, live] : [live as unknown[], code];
      return array.length === 1 && valuesEqual(array[0], scalar, mode);
    }
    if (code.length !== live.length) return false;
    if (!mode.set && !mode.json) return code.every((item, i) => valuesEqual(item, live[i], mode));
    const inner = { set: mode.json, json: mode.json };
    const used = new Array<boolean>(live.length).fill(false);
    return code.every((item) => {
      const at = live.findIndex((candidate, i) => !used[i] && valuesEqual(item, candidate, inner));
      if (at === -1) return false;
      used[at] = true;
      return true;
    });
  }
  if (isObject(code) || isObject(live)) {
    if (!isObject(code) || !isObject(live)) return false;
    const inner = { set: mode.json, json: mode.json };
    for (const key of Object.keys(code)) if (!valuesEqual(code[key], live[key], inner)) return false;
    for (const key of Object.keys(live)) if (!(key in code) && !isEmpty(live[key])) return false;
    return true;
  }
  return scalarEqual(code, live);
}

/** The first place two JSON documents differ, for a message that points at it. */
function firstDifference(
  code: unknown,
  live: unknown,
  path: string,
): { path: string; code: unknown; live: unknown } {
  if (isObject(code) && isObject(live)) {
    const mode = { set: true, json: true };
    for (const key of Object.keys(code))
      if (!valuesEqual(code[key], live[key], mode))
        return firstDifference(code[key], live[key], join(path, key));
    for (const key of Object.keys(live))
      if (!(key in code) && !isEmpty(live[key]))
        return { path: join(path, key), code: undefined, live: live[key] };
  }
  if (Array.isArray(code) && Array.isArray(live) && code.length === 1 && live.length === 1)
    return firstDifference(code[0], live[0], `${path}[0]`);
  return { path, code, live };
}

const join = (path: string, key: string) =>
  /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;

function asDocument(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const parsed = parseJsonDocument(v);
  return parsed === NOT_LITERAL ? v : parsed;
}

// ---------------------------------------------------------------------------------------------------------------
// Resources

/** The attributes of one resource block that disagree with the live resource. */
export function compareResource(block: Block, live: LiveResource, context: CompareContext): AttributeDrift[] {
  const ignored = ignoredPaths(block);
  if (ignored === 'all') return [];
  const out: AttributeDrift[] = [];
  compareBody(block, live.attributes, [], '', '', context.schema, context, ignored, true, out);
  const tags = block.attributes.find((a) => a.name === 'tags');
  if (tags && !isIgnored(ignored, 'tags')) compareTags(tags, live, context, ignored, out);
  return out;
}

function compareBody(
  block: Block,
  live: Json,
  path: PathSegment[],
  display: string,
  ignorePrefix: string,
  schema: BlockSchemaView | undefined,
  context: CompareContext,
  ignored: Set<string>,
  topLevel: boolean,
  out: AttributeDrift[],
): void {
  for (const attribute of block.attributes) {
    if (
      topLevel &&
      (META_ATTRIBUTES.has(attribute.name) || attribute.name === 'tags' || attribute.name === 'tags_all')
    )
      continue;
    const ignorePath = ignorePrefix ? `${ignorePrefix}.${attribute.name}` : attribute.name;
    if (isIgnored(ignored, ignorePath)) continue;
    if (!(attribute.name in live) || live[attribute.name] === undefined) continue;
    const code = literalValue(attribute.valueText, context.variables);
    if (code === NOT_LITERAL) continue;
    const liveValue = live[attribute.name];
    const type = schema?.attributes.get(attribute.name)?.type;
    const set = type ? type.startsWith('set(') : Array.isArray(code) && code.every(isScalar);
    const encoded = /^jsonencode\s*\(/.test(attribute.valueText.trim());
    if (valuesEqual(code, liveValue, { set: set || encoded, json: encoded })) continue;
    const codeDoc = asDocument(code);
    const liveDoc = asDocument(liveValue);
    const json =
      !isScalar(codeDoc) && !isScalar(liveDoc) && (encoded || codeDoc !== code || liveDoc !== liveValue);
    out.push({
      path: [...path, attribute.name],
      display: display ? `${display}.${attribute.name}` : attribute.name,
      ignorePath,
      range: attribute.valueRange,
      code,
      live: liveValue,
      liveMissing: false,
      json,
      detail: json ? firstDifference(codeDoc, liveDoc, '') : undefined,
      attribute,
    });
  }
  const groups = new Map<string, Block[]>();
  for (const nested of block.blocks) {
    if (META_BLOCKS.has(nested.type) && (topLevel || nested.type === 'dynamic')) continue;
    const list = groups.get(nested.type);
    if (list) list.push(nested);
    else groups.set(nested.type, [nested]);
  }
  for (const [type, codeBlocks] of groups) {
    const raw = live[type];
    if (raw === undefined) continue;
    const liveItems = (Array.isArray(raw) ? raw : raw === null ? [] : [raw]).filter(isObject);
    const info = schema?.blocks.get(type);
    const single = codeBlocks.length === 1;
    const pairs = pairBlocks(codeBlocks, liveItems, info?.schema, context);
    codeBlocks.forEach((codeBlock, i) => {
      const liveIndex = pairs[i];
      const prefix = single ? `${ignorePrefix ? `${ignorePrefix}.` : ''}${type}[0]` : undefined;
      const blockDisplay = display ? `${display}.${type}` : type;
      if (prefix === undefined && isIgnored(ignored, ignorePrefix ? `${ignorePrefix}.${type}` : type)) return;
      if (liveIndex === undefined) {
        out.push({
          path: [...path, type, i],
          display: blockDisplay,
          ignorePath: ignorePrefix ? `${ignorePrefix}.${type}` : type,
          range: codeBlock.headerRange,
          code: undefined,
          live: undefined,
          liveMissing: true,
          json: false,
          nestedBlock: true,
        });
        return;
      }
      // Terraform can ignore one attribute of a single nested block (`x[0].y`), only the whole of repeated ones.
      const blockIgnorePath = ignorePrefix ? `${ignorePrefix}.${type}` : type;
      const found: AttributeDrift[] = [];
      compareBody(
        codeBlock,
        liveItems[liveIndex],
        [...path, type, liveIndex],
        blockDisplay,
        prefix ?? blockIgnorePath,
        info?.schema,
        context,
        prefix === undefined ? new Set() : ignored,
        false,
        found,
      );
      for (const drift of found)
        out.push(prefix === undefined ? { ...drift, ignorePath: blockIgnorePath } : drift);
    });
  }
}

/**
 * Pairs code blocks with live items: first those that agree completely (order does not matter, as in a set),
 * then what is left in order.
 */
function pairBlocks(
  codeBlocks: Block[],
  liveItems: Json[],
  schema: BlockSchemaView | undefined,
  context: CompareContext,
): (number | undefined)[] {
  const pairs: (number | undefined)[] = new Array(codeBlocks.length).fill(undefined);
  if (codeBlocks.length === 1 && liveItems.length === 1) return [0];
  const used = new Array<boolean>(liveItems.length).fill(false);
  codeBlocks.forEach((codeBlock, i) => {
    const at = liveItems.findIndex((item, j) => {
      if (used[j]) return false;
      const drifts: AttributeDrift[] = [];
      compareBody(codeBlock, item, [], '', 'x', schema, context, new Set(), false, drifts);
      return drifts.length === 0;
    });
    if (at !== -1) {
      used[at] = true;
      pairs[i] = at;
    }
  });
  let next = 0;
  pairs.forEach((pair, i) => {
    if (pair !== undefined) return;
    while (next < liveItems.length && used[next]) next++;
    if (next < liveItems.length) {
      used[next] = true;
      pairs[i] = next;
    }
  });
  return pairs;
}

/** Tags: only the keys the code sets are compared, against tags_all (provider default_tags add keys). */
function compareTags(
  attribute: Attribute,
  live: LiveResource,
  context: CompareContext,
  ignored: Set<string>,
  out: AttributeDrift[],
): void {
  const code = literalValue(attribute.valueText, context.variables);
  if (!isObject(code)) return;
  const liveTags = live.attributes.tags;
  const liveTagsAll = live.attributes.tags_all;
  if (!isObject(liveTags) && !isObject(liveTagsAll) && !live.tags) return;
  const all: Json = {
    ...(live.tags ?? {}),
    ...(isObject(liveTags) ? liveTags : {}),
    ...(isObject(liveTagsAll) ? liveTagsAll : {}),
  };
  const entries = objectEntries(attribute.valueText);
  for (const [key, value] of Object.entries(code)) {
    const ignorePath = `tags[${JSON.stringify(key)}]`;
    if (isIgnored(ignored, ignorePath)) continue;
    const liveValue = all[key];
    if (liveValue !== undefined && scalarEqual(value, liveValue)) continue;
    const entry = entries.get(key);
    out.push({
      path: ['tags', key],
      display: /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `tags.${key}` : `tags[${JSON.stringify(key)}]`,
      ignorePath,
      range: entry ? rangeIn(attribute, entry.valueStart, entry.valueEnd) : attribute.valueRange,
      code: value,
      live: liveValue,
      liveMissing: liveValue === undefined,
      entryRange: entry ? rangeIn(attribute, entry.keyStart, entry.valueEnd) : undefined,
      json: false,
      attribute,
    });
  }
}

function rangeIn(attribute: Attribute, startOffset: number, endOffset: number): Range {
  const at = (offset: number) => {
    const before = attribute.valueText.slice(0, offset);
    const newline = before.lastIndexOf('\n');
    if (newline === -1)
      return {
        line: attribute.valueRange.start.line,
        character: attribute.valueRange.start.character + offset,
      };
    let line = attribute.valueRange.start.line;
    for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line++;
    return { line, character: offset - newline - 1 };
  };
  return { start: at(startOffset), end: at(endOffset) };
}

/** The top-level entries of an object literal's text, with offsets of the key and the value. */
export function objectEntries(
  text: string,
): Map<string, { keyStart: number; valueStart: number; valueEnd: number }> {
  const out = new Map<string, { keyStart: number; valueStart: number; valueEnd: number }>();
  let i = text.indexOf('{');
  if (i === -1 || text.slice(0, i).trim() !== '') return out;
  i++;
  const n = text.length;
  const skipString = (at: number) => {
    let j = at + 1;
    while (j < n && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  while (i < n) {
    while (i < n && /[\s,]/.test(text[i])) i++;
    if (i >= n || text[i] === '}') break;
    if (text[i] === '#' || (text[i] === '/' && text[i + 1] === '/')) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const keyStart = i;
    let key: string;
    if (text[i] === '"') {
      i = skipString(i);
      try {
        key = JSON.parse(text.slice(keyStart, i)) as string;
      } catch {
        return out;
      }
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i));
      if (!m) return out;
      key = m[0];
      i += m[0].length;
    }
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] !== '=' && text[i] !== ':') return out;
    i++;
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    const valueStart = i;
    let depth = 0;
    let end = i;
    while (i < n) {
      const c = text[i];
      if (c === '"') {
        i = skipString(i);
        end = i;
        continue;
      }
      if (
        depth === 0 &&
        (c === '\n' || c === ',' || c === '}' || c === '#' || (c === '/' && text[i + 1] === '/'))
      )
        break;
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth--;
      i++;
      if (!/\s/.test(c)) end = i;
    }
    out.set(key, { keyStart, valueStart, valueEnd: end });
    while (i < n && text[i] !== '\n' && text[i] !== ',' && text[i] !== '}') i++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// lifecycle.ignore_changes

/** The paths in the block's `lifecycle { ignore_changes = [...] }`, whitespace removed; 'all' for `all`. */
export function ignoredPaths(block: Block): Set<string> | 'all' {
  const lifecycle = block.blocks.find((b) => b.type === 'lifecycle');
  const attribute = lifecycle?.attributes.find((a) => a.name === 'ignore_changes');
  if (!attribute) return new Set();
  const text = attribute.valueText.trim();
  if (text === 'all' || text === '"all"') return 'all';
  return new Set(
    splitList(text)
      .map((item) => item.replace(/\s+/g, ''))
      .map((item) => (/^"[^"]*"$/.test(item) ? item.slice(1, -1) : item))
      .filter((item) => item !== ''),
  );
}

/** The items of a list literal's text, split at top-level commas and newlines; comments dropped. */
export function splitList(text: string): string[] {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return [];
  const body = t.slice(1, -1);
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') {
      let j = i + 1;
      while (j < body.length && body[j] !== '"') j += body[j] === '\\' ? 2 : 1;
      current += body.slice(i, j + 1);
      i = j;
      continue;
    }
    if (depth === 0 && (c === '#' || (c === '/' && body[i + 1] === '/'))) {
      while (i < body.length && body[i] !== '\n') i++;
      i--;
      continue;
    }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    if (depth === 0 && (c === ',' || c === '\n')) {
      if (current.trim()) items.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim()) items.push(current.trim());
  return items;
}

function isIgnored(ignored: Set<string>, path: string): boolean {
  if (ignored.size === 0) return false;
  if (ignored.has(path)) return true;
  for (let i = 0; i < path.length; i++) {
    if ((path[i] === '.' || path[i] === '[') && ignored.has(path.slice(0, i))) return true;
  }
  return false;
}
