// What one module directory contributes to the graph, independent of where the module is called from: its
// blocks as nodes and, per block, what it refers to (locals resolved away). Computed once per ModuleIndex, which
// the workspace index replaces whenever a file of the directory changes.
import type { Position } from 'vscode-languageserver-types';
import type { Block, Reference } from '../model/types';
import type { ModuleIndex } from '../workspace/moduleIndex';
import { unquote } from '../workspace/moduleIndex';
import { keyAttributes } from './keyAttributes';

export type LocalKind = 'resource' | 'data' | 'module' | 'variable' | 'output';

/** Something a block refers to, as an address inside the same module. */
export interface Target {
  /** `aws_vpc.main`, `data.aws_ami.x`, `var.cidr`, `module.net`. */
  address: string;
  /** For `module.net.vpc_id`: the output read. */
  output?: string;
}

export interface LocalEdge {
  to: Target;
  kind: 'reference' | 'depends_on' | 'module-input';
  /** For a module input: the argument (the child's variable) the expression sets. */
  argument?: string;
}

export interface LocalNode {
  /** The address inside the module: `aws_instance.web`, `data.aws_ami.x`, `module.net`, `var.x`, `output.y`. */
  address: string;
  kind: LocalKind;
  /** Resource or data source type. */
  type?: string;
  /** A module call's `source` as written. */
  source?: string;
  uri: string;
  block: Block;
  attributes: { name: string; value: string }[];
  edges: LocalEdge[];
}

export interface ModuleGraph {
  dir: string;
  nodes: LocalNode[];
  byAddress: Map<string, LocalNode>;
}

/** Module block arguments that are not inputs of the child module. */
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);
/** How deep `local.a` → `local.b` → … is followed; Terraform itself rejects cycles. */
const MAX_LOCAL_DEPTH = 16;

const cache = new WeakMap<ModuleIndex, ModuleGraph>();

export function moduleGraph(module: ModuleIndex): ModuleGraph {
  let graph = cache.get(module);
  if (!graph) {
    graph = buildModuleGraph(module);
    cache.set(module, graph);
  }
  return graph;
}

interface Pending {
  node: LocalNode;
  references: { reference: Reference; kind: LocalEdge['kind']; argument?: string }[];
}

function buildModuleGraph(module: ModuleIndex): ModuleGraph {
  const pending: Pending[] = [];
  /** local name → raw targets of its expression. */
  const locals = new Map<string, Reference[]>();

  for (const doc of module.documents) {
    if (doc.languageId !== 'terraform') continue;
    const blocks = doc.model.blocks;
    const blockOf: (Pending | 'locals' | undefined)[] = [];
    for (const block of blocks) {
      const node = nodeOf(block, doc.uri);
      if (node) {
        const entry = { node, references: [] };
        pending.push(entry);
        blockOf.push(entry);
      } else blockOf.push(block.type === 'locals' ? 'locals' : undefined);
    }
    for (const reference of doc.model.references) {
      if (!reference.checked || !reference.address) continue;
      const at = blockIndexAt(blocks, reference.range.start);
      if (at === -1) continue;
      const owner = blockOf[at];
      const block = blocks[at];
      if (owner === 'locals') {
        const attribute = block.attributes.find((a) => within(a.range, reference.range.start));
        if (!attribute) continue;
        let list = locals.get(attribute.name);
        if (!list) locals.set(attribute.name, (list = []));
        list.push(reference);
        continue;
      }
      if (!owner) continue;
      const attribute = block.attributes.find((a) => within(a.range, reference.range.start));
      if (attribute?.name === 'depends_on') owner.references.push({ reference, kind: 'depends_on' });
      else if (owner.node.kind === 'module' && attribute && !MODULE_META.has(attribute.name))
        owner.references.push({ reference, kind: 'module-input', argument: attribute.name });
      else owner.references.push({ reference, kind: 'reference' });
    }
  }

  const resolvedLocals = new Map<string, Target[]>();
  const resolveLocal = (name: string, depth: number): Target[] => {
    const known = resolvedLocals.get(name);
    if (known) return known;
    if (depth > MAX_LOCAL_DEPTH) return [];
    // Marks the local as in progress: a cycle ends here instead of recursing forever.
    resolvedLocals.set(name, []);
    const out: Target[] = [];
    for (const reference of locals.get(name) ?? []) out.push(...targetsOf(reference, depth + 1));
    resolvedLocals.set(name, out);
    return out;
  };
  const targetsOf = (reference: Reference, depth: number): Target[] => {
    const address = reference.address!;
    switch (reference.root) {
      case 'local':
        return resolveLocal(address.slice('local.'.length), depth);
      case 'module':
        return [{ address, output: reference.parts[2]?.name }];
      case 'var':
      case 'data':
      case 'resource':
        return [{ address }];
      default:
        return [];
    }
  };

  const nodes: LocalNode[] = [];
  const byAddress = new Map<string, LocalNode>();
  for (const { node, references } of pending) {
    // The first declaration wins, as everywhere else in the language server; duplicates are a diagnostic.
    if (byAddress.has(node.address)) continue;
    const seen = new Set<string>();
    for (const { reference, kind, argument } of references) {
      for (const to of targetsOf(reference, 0)) {
        if (to.address === node.address && kind !== 'module-input') continue;
        const key = `${kind}|${to.address}|${to.output ?? ''}|${argument ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        node.edges.push({ to, kind, argument });
      }
    }
    nodes.push(node);
    byAddress.set(node.address, node);
  }
  return { dir: module.dir, nodes, byAddress };
}

function nodeOf(block: Block, uri: string): LocalNode | undefined {
  const [first, second] = block.labels;
  let address: string;
  let kind: LocalKind;
  let type: string | undefined;
  let source: string | undefined;
  switch (block.type) {
    case 'resource':
      if (!first || !second) return undefined;
      kind = 'resource';
      type = first.text;
      address = `${first.text}.${second.text}`;
      break;
    case 'data':
      if (!first || !second) return undefined;
      kind = 'data';
      type = first.text;
      address = `data.${first.text}.${second.text}`;
      break;
    case 'module': {
      if (!first) return undefined;
      kind = 'module';
      address = `module.${first.text}`;
      const attribute = block.attributes.find((a) => a.name === 'source');
      source = attribute ? unquote(attribute.valueText) : undefined;
      type = source;
      break;
    }
    case 'variable':
      if (!first) return undefined;
      kind = 'variable';
      address = `var.${first.text}`;
      break;
    case 'output':
      if (!first) return undefined;
      kind = 'output';
      address = `output.${first.text}`;
      break;
    default:
      return undefined;
  }
  return { address, kind, type, source, uri, block, attributes: keyAttributes(kind, block), edges: [] };
}

const before = (a: Position, b: Position) =>
  a.line < b.line || (a.line === b.line && a.character < b.character);

function within(range: { start: Position; end: Position }, position: Position): boolean {
  return !before(position, range.start) && before(position, range.end);
}

/** The top-level block holding a position (blocks are in document order and do not overlap). */
function blockIndexAt(blocks: Block[], position: Position): number {
  let low = 0;
  let high = blocks.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const range = blocks[mid].range;
    if (before(position, range.start)) high = mid - 1;
    else if (!before(position, range.end)) low = mid + 1;
    else return mid;
  }
  return -1;
}
