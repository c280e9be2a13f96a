import type { Query } from 'web-tree-sitter';
import type { Node } from '../syntax/parser';
import type { AttributeSpan, DynamicScope } from './extractStructure';
import type { Reference, ReferenceRoot, TraversalPart } from './types';
import { nodeRange } from './nodes';

export const REFERENCE_QUERY = `
(variable_expr (identifier) @root)
(for_intro (identifier) @bound)
(template_for_start (identifier) @bound)
`;

const FIXED_ROOTS = new Set([
  'var',
  'local',
  'module',
  'data',
  'ephemeral',
  'each',
  'count',
  'self',
  'path',
  'terraform',
]);

interface Scope {
  name: string;
  start: number;
  end: number;
}

/**
 * Finds every traversal (`var.x`, `aws_instance.web.id`, …) with one wasm-side query instead of walking every node
 * from JavaScript, which is what keeps indexing close to the cost of the parse itself.
 */
export function extractReferences(
  root: Node,
  query: Query,
  spans: AttributeSpan[],
  dynamicScopes: DynamicScope[],
  range?: { startIndex: number; endIndex: number; startRow: number; endRow: number },
): Reference[] {
  // Rows, not indices: web-tree-sitter 0.25 passes query index ranges through as bytes of its UTF-16 input,
  // so an index range would cover half the text. Whole rows are then trimmed back to the index range.
  const captures = range
    ? query
        .captures(root, {
          startPosition: { row: range.startRow, column: 0 },
          endPosition: { row: range.endRow + 1, column: 0 },
        })
        .filter((c) => c.node.startIndex >= range.startIndex && c.node.startIndex < range.endIndex)
    : query.captures(root);
  const scopes: Scope[] = [...dynamicScopes];
  const roots: Node[] = [];
  for (const capture of captures) {
    if (capture.name === 'bound') {
      // The iteration variable is bound in the whole for expression or template for directive.
      const owner =
        capture.node.parent?.type === 'for_intro' ? capture.node.parent.parent : capture.node.parent?.parent;
      if (owner) scopes.push({ name: capture.node.text, start: owner.startIndex, end: owner.endIndex });
    } else {
      roots.push(capture.node);
    }
  }
  const references: Reference[] = [];
  for (const rootIdentifier of roots) {
    const reference = readTraversal(rootIdentifier, spans, scopes);
    if (reference) references.push(reference);
  }
  return references;
}

function spanAt(spans: AttributeSpan[], index: number): AttributeSpan | undefined {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid];
    if (index < span.start) high = mid - 1;
    else if (index >= span.end) low = mid + 1;
    else return span;
  }
  return undefined;
}

function readTraversal(identifier: Node, spans: AttributeSpan[], scopes: Scope[]): Reference | undefined {
  const name = identifier.text;
  const start = identifier.startIndex;
  const span = spanAt(spans, start);
  const mode = span?.mode ?? 'checked';
  if (mode === 'type' || mode === 'provider') return undefined;
  if (!FIXED_ROOTS.has(name) && scopes.some((s) => s.name === name && start >= s.start && start < s.end))
    return undefined;

  const parts: TraversalPart[] = [{ name, range: nodeRange(identifier) }];
  const variableExpr = identifier.parent!;
  let end = variableExpr;
  // Traversal steps are siblings of variable_expr inside its expression node.
  for (let sibling = variableExpr.nextSibling; sibling; sibling = sibling.nextSibling) {
    if (sibling.type === 'get_attr') {
      const attr = sibling.namedChild(0);
      if (!attr) break;
      parts.push({ name: attr.text, range: nodeRange(attr) });
      end = sibling;
    } else if (sibling.type === 'index' || sibling.type === 'splat') {
      end = sibling;
      // After a splat or index, later names are attributes of elements; they do not change the address.
      const inner = sibling.type === 'splat' ? sibling.namedChild(0) : undefined;
      if (inner)
        for (const getAttr of inner.namedChildren)
          if (getAttr?.type === 'get_attr' && getAttr.namedChild(0))
            parts.push({ name: getAttr.namedChild(0)!.text, range: nodeRange(getAttr.namedChild(0)!) });
    } else break;
  }
  const range = { start: parts[0].range.start, end: nodeRange(end).end };
  const checked = mode === 'checked';

  let root: ReferenceRoot;
  let address: string | undefined;
  let nameRange: Reference['nameRange'] = parts[1]?.range;
  switch (name) {
    case 'var':
    case 'local':
    case 'module':
      root = name;
      if (parts[1]) address = `${name}.${parts[1].name}`;
      break;
    case 'data':
    case 'ephemeral':
      root = name;
      if (parts[1] && parts[2]) address = `${name}.${parts[1].name}.${parts[2].name}`;
      nameRange = parts[2]?.range;
      break;
    case 'each':
    case 'count':
    case 'self':
    case 'path':
    case 'terraform':
      root = name;
      nameRange = undefined;
      break;
    case 'resource':
      // `resource.aws_s3_bucket.b` is the explicit spelling of `aws_s3_bucket.b`.
      root = 'resource';
      if (parts[1] && parts[2]) address = `${parts[1].name}.${parts[2].name}`;
      nameRange = parts[2]?.range;
      break;
    default:
      // A bare identifier is an attribute name (ignore_changes), a type keyword or an iteration variable.
      if (parts.length < 2) return undefined;
      root = 'resource';
      address = `${name}.${parts[1].name}`;
  }
  return { root, address, parts, nameRange, range, checked };
}
