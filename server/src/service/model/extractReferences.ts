import type { Range } from 'vscode-languageserver-types';
import type { Query, TreeCursor } from 'web-tree-sitter';
import type { Node } from '../syntax/parser';
import type { AttributeSpan, DynamicScope } from './extractStructure';
import type { Reference, ReferenceRoot, TraversalPart } from './types';
import { nodeRange } from './nodes';

// Each pattern captures the node holding a traversal (an expression or an operation, which can hold several)
// or a scope, with its root, so nothing needs Node.parent, which tree-sitter answers by walking down from the
// root of the tree.
export const REFERENCE_QUERY = `
(_ (variable_expr (identifier) @root)) @traversal
(for_tuple_expr (for_intro (identifier) @bound)) @scope
(for_object_expr (for_intro (identifier) @bound)) @scope
(template_for (template_for_start (identifier) @bound)) @scope
`;

const FIXED_ROOTS = new Set([
  'var',
  'local',
  'module',
  'data',
  'ephemeral',
  'resource',
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
  const matches = range
    ? query.matches(root, {
        startPosition: { row: range.startRow, column: 0 },
        endPosition: { row: range.endRow + 1, column: 0 },
      })
    : query.matches(root);
  const scopes: Scope[] = [...dynamicScopes];
  const traversals: { whole: Node; root: Node }[] = [];
  for (const match of matches) {
    const outer = match.captures.find((c) => c.name === 'traversal' || c.name === 'scope');
    const inner = match.captures.find((c) => c.name === 'root' || c.name === 'bound');
    if (!outer || !inner) continue;
    if (range && (inner.node.startIndex < range.startIndex || inner.node.startIndex >= range.endIndex))
      continue;
    if (outer.name === 'scope') {
      scopes.push({ name: inner.node.text, start: outer.node.startIndex, end: outer.node.endIndex });
    } else traversals.push({ whole: outer.node, root: inner.node });
  }
  const references: Reference[] = [];
  if (traversals.length === 0) return references;
  const cursor = root.walk();
  try {
    for (const { whole, root: identifier } of traversals) {
      const reference = readTraversal(cursor, whole, identifier, spans, scopes);
      if (reference) references.push(reference);
    }
  } finally {
    cursor.delete();
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

function readTraversal(
  cursor: TreeCursor,
  whole: Node,
  identifier: Node,
  spans: AttributeSpan[],
  scopes: Scope[],
): Reference | undefined {
  const name = identifier.text;
  const start = identifier.startIndex;
  const span = spanAt(spans, start);
  const mode = span?.mode ?? 'checked';
  if (mode === 'type' || mode === 'provider') return undefined;
  if (!FIXED_ROOTS.has(name) && scopes.some((s) => s.name === name && start >= s.start && start < s.end))
    return undefined;

  const parts: TraversalPart[] = [{ name, range: nodeRange(identifier) }];
  const pushIdentifiers = () => {
    // The cursor is on a get_attr: its identifier is the attribute name.
    if (!cursor.gotoFirstChild()) return;
    do
      if (cursor.nodeType === 'identifier') parts.push({ name: cursor.nodeText, range: cursorRange(cursor) });
    while (cursor.gotoNextSibling());
    cursor.gotoParent();
  };
  cursor.reset(whole);
  cursor.gotoFirstChild();
  // Find this traversal's variable_expr among the holder's children; it starts where its root identifier does.
  while (cursor.startIndex !== start && cursor.gotoNextSibling());
  let endPosition = cursor.endPosition;
  // Traversal steps follow variable_expr inside its expression node.
  while (cursor.gotoNextSibling()) {
    const step = cursor.nodeType;
    if (step === 'get_attr') {
      endPosition = cursor.endPosition;
      pushIdentifiers();
    } else if (step === 'index' || step === 'splat') {
      endPosition = cursor.endPosition;
      // After a splat, later names are attributes of the elements; they do not change the address.
      if (step === 'splat' && cursor.gotoFirstChild()) {
        if (cursor.gotoFirstChild()) {
          do if (cursor.nodeType === 'get_attr') pushIdentifiers();
          while (cursor.gotoNextSibling());
          cursor.gotoParent();
        }
        cursor.gotoParent();
      }
    } else break;
  }
  const range = {
    start: parts[0].range.start,
    end: { line: endPosition.row, character: endPosition.column },
  };
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

function cursorRange(cursor: TreeCursor): Range {
  const s = cursor.startPosition;
  const e = cursor.endPosition;
  return { start: { line: s.row, character: s.column }, end: { line: e.row, character: e.column } };
}
