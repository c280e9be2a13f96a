import type { Node } from '../syntax/parser';
import type { Attribute, Block, BlockKind, Declaration, Label } from './types';
import { labelText, nodeRange } from './nodes';

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

export function readAttribute(node: Node): Attribute | undefined {
  const name = node.namedChild(0);
  const value = node.namedChildren.find((c) => c?.type === 'expression');
  if (!name || name.type !== 'identifier') return undefined;
  const valueNode = value ?? name;
  return {
    name: name.text,
    nameRange: nodeRange(name),
    range: nodeRange(node),
    valueRange: value ? nodeRange(value) : { start: nodeRange(name).end, end: nodeRange(node).end },
    valueText: value ? value.text : '',
    singleLine: valueNode.startPosition.row === valueNode.endPosition.row,
  };
}

function attributeMode(path: string[], attr: string): RefMode {
  const top = path[0];
  const here = path[path.length - 1];
  if (top === 'moved' && path.length === 1 && attr === 'from') return 'unchecked';
  if (top === 'removed' && path.length === 1 && attr === 'from') return 'unchecked';
  if (here === 'lifecycle' && attr === 'ignore_changes') return 'unchecked';
  if (top === 'variable' && path.length === 1 && attr === 'type') return 'type';
  if (
    (top === 'resource' || top === 'data' || top === 'ephemeral') &&
    path.length === 1 &&
    attr === 'provider'
  )
    return 'provider';
  if (top === 'module' && path.length === 1 && attr === 'providers') return 'provider';
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
 * pause between items (huge files) or run straight through (everything else).
 */
export function* structureSteps(root: Node, uri: string, out: Structure): Generator<TopLevelItem> {
  const body = root.namedChildren.find((c) => c?.type === 'body');
  if (!body) return;
  for (const child of body.namedChildren) {
    if (!child) continue;
    if (child.type === 'block') {
      const block = readBlock(child, [], out, uri);
      out.blocks.push(block);
      declare(block, uri, out.declarations);
    } else if (child.type === 'attribute') {
      const attribute = readAttribute(child);
      if (attribute) {
        out.attributes.push(attribute);
        pushSpan(child, 'checked', out);
      }
    }
    yield {
      start: child.startIndex,
      end: child.endIndex,
      startRow: child.startPosition.row,
      endRow: child.endPosition.row,
    };
  }
}

function pushSpan(attributeNode: Node, mode: RefMode, out: Structure): void {
  out.spans.push({ start: attributeNode.startIndex, end: attributeNode.endIndex, mode });
}

function readBlock(node: Node, path: string[], out: Structure, uri: string): Block {
  const children = node.children;
  const typeNode = children[0]!;
  const labels: Label[] = [];
  let open: Node | undefined;
  let close: Node | undefined;
  let body: Node | undefined;
  for (const child of children) {
    if (!child) continue;
    if (child === typeNode) continue;
    if (child.type === 'string_lit' || (child.type === 'identifier' && !open)) {
      labels.push({ text: labelText(child), range: nodeRange(child) });
    } else if (child.type === 'block_start') open = child;
    else if (child.type === 'block_end' && !child.isMissing && child.endIndex > child.startIndex)
      close = child;
    else if (child.type === 'body') body = child;
  }
  const type = typeNode.text;
  const openRange = open ? nodeRange(open) : nodeRange(typeNode);
  const block: Block = {
    type,
    typeRange: nodeRange(typeNode),
    labels,
    range: nodeRange(node),
    headerRange: { start: nodeRange(typeNode).start, end: openRange.end },
    openBrace: openRange,
    closeBrace: close ? nodeRange(close) : undefined,
    attributes: [],
    blocks: [],
  };
  const innerPath = [...path, type];
  if (type === 'dynamic' && labels[0]) {
    out.dynamicScopes.push({ name: labels[0].text, start: node.startIndex, end: node.endIndex });
  }
  if (body) {
    for (const child of body.namedChildren) {
      if (!child) continue;
      if (child.type === 'attribute') {
        const attribute = readAttribute(child);
        if (!attribute) continue;
        block.attributes.push(attribute);
        pushSpan(child, attributeMode(innerPath, attribute.name), out);
        if (type === 'dynamic' && attribute.name === 'iterator') {
          out.dynamicScopes.push({
            name: attribute.valueText.trim(),
            start: node.startIndex,
            end: node.endIndex,
          });
        }
      } else if (child.type === 'block') {
        const nested = readBlock(child, innerPath, out, uri);
        block.blocks.push(nested);
        // Data sources scoped to a check block are still addressed as data.TYPE.NAME.
        if (type === 'check' && nested.type === 'data') declare(nested, uri, out.declarations);
        // A block missing its `}` swallows the blocks after it during error recovery; they are still
        // declarations, and losing them would add a false "undeclared" error for every use.
        else if (!close && RECOVERABLE_TOP_LEVEL.has(nested.type)) declare(nested, uri, out.declarations);
      }
    }
  }
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
