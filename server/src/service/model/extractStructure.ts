import type { Range } from 'vscode-languageserver-types';
import type { TreeCursor } from 'web-tree-sitter';
import type { Node } from '../syntax/parser';
import type { Attribute, Block, BlockKind, Declaration, Label } from './types';

const BLOCK_KINDS = new Set<string>([
  'terraform',
  'provider',
  'resource',
  'data',
  'ephemeral',
  'module',
  'variable',
  'output',
  'locals',
  'moved',
  'import',
  'check',
  'removed',
]);

const RECOVERABLE_TOP_LEVEL = new Set([
  'resource',
  'data',
  'ephemeral',
  'module',
  'variable',
  'output',
  'locals',
]);

export function blockKind(type: string): BlockKind {
  return BLOCK_KINDS.has(type) ? (type as BlockKind) : 'other';
}

/** How references inside an attribute's value are treated. */
export type RefMode = 'checked' | 'unchecked' | 'provider' | 'type';

export interface AttributeSpan {
  start: number;
  end: number;
  mode: RefMode;
}

export interface DynamicScope {
  name: string;
  start: number;
  end: number;
}

export interface Structure {
  blocks: Block[];
  attributes: Attribute[];
  declarations: Declaration[];
  /** Every attribute's value span in document order, for assigning references to their context. */
  spans: AttributeSpan[];
  dynamicScopes: DynamicScope[];
}

const PROVIDER_ARGUMENT_OWNERS = new Set(['resource', 'data', 'ephemeral', 'import']);

function attributeMode(path: string[], attr: string): RefMode {
  const top = path[0];
  const here = path[path.length - 1];
  // Terraform requires neither end of a move to exist any more (a `to` may be declared in a later change).
  if (top === 'moved' && path.length === 1) return 'unchecked';
  if (top === 'removed' && path.length === 1 && attr === 'from') return 'unchecked';
  if (here === 'lifecycle' && attr === 'ignore_changes') return 'unchecked';
  if (top === 'variable' && path.length === 1 && attr === 'type') return 'type';
  // Provider references (`aws.west`) look like resource references but name provider configurations.
  if (PROVIDER_ARGUMENT_OWNERS.has(here) && attr === 'provider') return 'provider';
  if (top === 'module' && path.length === 1 && attr === 'providers') return 'provider';
  if (here === 'required_providers') return 'provider';
  return 'checked';
}

export interface TopLevelItem {
  start: number;
  end: number;
  startRow: number;
  endRow: number;
}

export function emptyStructure(): Structure {
  return { blocks: [], attributes: [], declarations: [], spans: [], dynamicScopes: [] };
}

export function extractStructure(root: Node, uri: string): Structure {
  const out = emptyStructure();
  for (const _ of structureSteps(root, uri, out));
  return out;
}

/**
 * Reads the file one top-level item at a time, yielding the item's index range after each, so a caller can
 * pause between items (huge files) or run straight through (everything else). Everything is read through one
 * TreeCursor: each Node object or position read is a call into wasm, and the cursor makes the fewest.
 */
export function* structureSteps(root: Node, uri: string, out: Structure): Generator<TopLevelItem> {
  const cursor = root.walk();
  try {
    if (!cursor.gotoFirstChild()) return;
    do {
      if (cursor.nodeType !== 'body' || !cursor.gotoFirstChild()) continue;
      do {
        // A fresh read: TypeScript would otherwise keep the narrowing from the `body` check above.
        const type = nodeTypeOf(cursor);
        const item = {
          start: cursor.startIndex,
          end: cursor.endIndex,
          startRow: cursor.startPosition.row,
          endRow: cursor.endPosition.row,
        };
        if (type === 'block') {
          const block = readBlock(cursor, [], out, uri);
          out.blocks.push(block);
          declare(block, uri, out.declarations);
        } else if (type === 'attribute') {
          const attribute = readAttribute(cursor);
          if (attribute) {
            out.attributes.push(attribute);
            out.spans.push({ start: item.start, end: item.end, mode: 'checked' });
          }
        } else continue;
        yield item;
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
    } while (cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
}

function nodeTypeOf(cursor: TreeCursor): string {
  return cursor.nodeType;
}

function cursorRange(cursor: TreeCursor): Range {
  const s = cursor.startPosition;
  const e = cursor.endPosition;
  return { start: { line: s.row, character: s.column }, end: { line: e.row, character: e.column } };
}

/** Reads the attribute the cursor is on; the cursor is back on it afterwards. */
export function readAttribute(cursor: TreeCursor): Attribute | undefined {
  const range = cursorRange(cursor);
  if (!cursor.gotoFirstChild()) return undefined;
  try {
    if (cursor.nodeType !== 'identifier') return undefined;
    const name = cursor.nodeText;
    const nameRange = cursorRange(cursor);
    while (cursor.gotoNextSibling()) {
      if (nodeTypeOf(cursor) !== 'expression') continue;
      const valueRange = cursorRange(cursor);
      return {
        name,
        nameRange,
        range,
        valueRange,
        valueText: cursor.nodeText,
        singleLine: valueRange.start.line === valueRange.end.line,
      };
    }
    return {
      name,
      nameRange,
      range,
      valueRange: { start: nameRange.end, end: range.end },
      valueText: '',
      singleLine: true,
    };
  } finally {
    cursor.gotoParent();
  }
}

/** Reads the block the cursor is on, with its body; the cursor is back on it afterwards. */
function readBlock(cursor: TreeCursor, path: string[], out: Structure, uri: string): Block {
  const range = cursorRange(cursor);
  const blockStart = cursor.startIndex;
  const blockEnd = cursor.endIndex;
  cursor.gotoFirstChild();
  const type = cursor.nodeText;
  const typeRange = cursorRange(cursor);
  const labels: Label[] = [];
  let openRange: Range | undefined;
  let closeBrace: Range | undefined;
  let hasBody = false;
  while (cursor.gotoNextSibling()) {
    const kind = cursor.nodeType;
    if (kind === 'string_lit' || (kind === 'identifier' && !openRange)) {
      const text = cursor.nodeText;
      const unquoted =
        kind === 'string_lit'
          ? text.length >= 2 && text.endsWith('"')
            ? text.slice(1, -1)
            : text.slice(1)
          : text;
      labels.push({ text: unquoted, range: cursorRange(cursor) });
    } else if (kind === 'block_start') openRange = cursorRange(cursor);
    else if (kind === 'block_end' && !cursor.nodeIsMissing && cursor.endIndex > cursor.startIndex)
      closeBrace = cursorRange(cursor);
    else if (kind === 'body') hasBody = true;
  }
  cursor.gotoParent();
  const open = openRange ?? typeRange;
  const block: Block = {
    type,
    typeRange,
    labels,
    range,
    headerRange: { start: typeRange.start, end: open.end },
    openBrace: open,
    closeBrace,
    attributes: [],
    blocks: [],
  };
  if (type === 'dynamic' && labels[0])
    out.dynamicScopes.push({ name: labels[0].text, start: blockStart, end: blockEnd });
  if (!hasBody) return block;
  const innerPath = [...path, type];
  cursor.gotoFirstChild();
  while (cursor.nodeType !== 'body' && cursor.gotoNextSibling());
  if (cursor.gotoFirstChild()) {
    do {
      const kind = cursor.nodeType;
      if (kind === 'attribute') {
        const start = cursor.startIndex;
        const end = cursor.endIndex;
        const attribute = readAttribute(cursor);
        if (!attribute) continue;
        block.attributes.push(attribute);
        out.spans.push({ start, end, mode: attributeMode(innerPath, attribute.name) });
        if (type === 'dynamic' && attribute.name === 'iterator') {
          out.dynamicScopes.push({ name: attribute.valueText.trim(), start: blockStart, end: blockEnd });
        }
      } else if (kind === 'block') {
        const nested = readBlock(cursor, innerPath, out, uri);
        block.blocks.push(nested);
        // Data sources scoped to a check block are still addressed as data.TYPE.NAME.
        if (type === 'check' && nested.type === 'data') declare(nested, uri, out.declarations);
        // A block missing its `}` swallows the blocks after it during error recovery; they are still
        // declarations, and losing them would add a false "undeclared" error for every use.
        else if (!closeBrace && RECOVERABLE_TOP_LEVEL.has(nested.type))
          declare(nested, uri, out.declarations);
      }
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  cursor.gotoParent();
  return block;
}

function declare(block: Block, uri: string, target: Declaration[]): void {
  const label = (i: number) => block.labels[i];
  const add = (kind: Declaration['kind'], address: string, nameLabel: Label) =>
    target.push({
      kind,
      address,
      name: nameLabel.text,
      nameRange: nameLabel.range,
      range: block.range,
      uri,
      block,
    });
  switch (block.type) {
    case 'variable':
      if (label(0)) add('variable', `var.${label(0)!.text}`, label(0)!);
      break;
    case 'output':
      if (label(0)) add('output', `output.${label(0)!.text}`, label(0)!);
      break;
    case 'module':
      if (label(0)) add('module', `module.${label(0)!.text}`, label(0)!);
      break;
    case 'resource':
      if (label(0) && label(1)) add('resource', `${label(0)!.text}.${label(1)!.text}`, label(1)!);
      break;
    case 'data':
      if (label(0) && label(1)) add('data', `data.${label(0)!.text}.${label(1)!.text}`, label(1)!);
      break;
    case 'ephemeral':
      if (label(0) && label(1)) add('ephemeral', `ephemeral.${label(0)!.text}.${label(1)!.text}`, label(1)!);
      break;
    case 'locals':
      for (const attribute of block.attributes) {
        target.push({
          kind: 'local',
          address: `local.${attribute.name}`,
          name: attribute.name,
          nameRange: attribute.nameRange,
          range: attribute.range,
          uri,
          attribute,
        });
      }
      break;
  }
}
