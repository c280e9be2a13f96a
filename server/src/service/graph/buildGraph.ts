// The code part of the graph: every root module of a folder, its local module calls expanded (nested ones too),
// nodes with folder-unique ids and the edges between them. Overlays (drift, policies, plan) are added afterwards.
import type { GraphEdge, GraphEdgeKind, GraphNode } from '../../../../shared/protocol';
import type { CancellationToken } from '../features/cancellation';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { baseName, resolveModuleSource } from '../workspace/uris';
import { moduleGraph, type ModuleGraph, type Target } from './moduleGraph';

export class GraphCancelledError extends Error {
  constructor() {
    super('The graph request was cancelled');
  }
}

export interface GraphOptions {
  includeVariables?: boolean;
  includeOutputs?: boolean;
}

export interface RootModule {
  dir: string;
  /** The workspace folder it is in: file paths are relative to it. */
  folder: string;
  /**
   * '' for the folder itself; for another root directory a pseudo module call, `module.stacks/dev`, so that its
   * ids are unique in the folder and group, nest and collapse the way module contents do.
   */
  group: string;
}

/** One call of a module directory (or a root module): the same directory called twice is two instances. */
export interface ModuleInstance {
  dir: string;
  graph: ModuleGraph;
  /** Node id = prefix + address: '', 'module.net.', 'module.stacks/dev.module.net.'. */
  prefix: string;
  /** GraphNode.module of its nodes: '' for the folder's root module, else the id of the module node. */
  group: string;
  /** The module path Terraform uses in state and plans: '', 'module.net', 'module.net.module.sub'. */
  modulePath: string;
  root: RootModule;
  children: Map<string, ModuleInstance>;
}

export interface CodeGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  byId: Map<string, GraphNode>;
  instances: ModuleInstance[];
  roots: RootModule[];
}

/** Deeper module nesting than this is cut off (real configurations rarely go past three). */
const MAX_DEPTH = 8;

export function buildCodeGraph(
  index: WorkspaceIndex,
  folders: readonly string[],
  options: GraphOptions,
  token: CancellationToken,
): CodeGraph {
  const nodes: GraphNode[] = [];
  const byId = new Map<string, GraphNode>();
  const instances: ModuleInstance[] = [];
  const roots = findRoots(index, folders);
  const cancelled = () => {
    if (token.isCancellationRequested) throw new GraphCancelledError();
  };

  const expand = (
    dir: string,
    root: RootModule,
    prefix: string,
    group: string,
    modulePath: string,
    stack: readonly string[],
  ): ModuleInstance => {
    cancelled();
    const graph = moduleGraph(index.module(dir));
    const instance: ModuleInstance = { dir, graph, prefix, group, modulePath, root, children: new Map() };
    instances.push(instance);
    for (const local of graph.nodes) {
      if (local.kind === 'variable' && !options.includeVariables) continue;
      if (local.kind === 'output' && !options.includeOutputs) continue;
      const node: GraphNode = {
        id: prefix + local.address,
        kind: local.kind,
        label: local.address,
        module: group,
        file: relativeTo(root.folder, local.uri),
        uri: local.uri,
        range: local.block.range,
      };
      if (local.type !== undefined) node.type = local.type;
      if (local.attributes.length) node.attributes = local.attributes;
      nodes.push(node);
      byId.set(node.id, node);
    }
    for (const local of graph.nodes) {
      if (local.kind !== 'module' || !local.source || stack.length > MAX_DEPTH) continue;
      const child = resolveModuleSource(dir, local.source);
      if (!child || stack.includes(child) || index.documentsIn(child).length === 0) continue;
      const name = local.address.slice('module.'.length);
      const id = prefix + local.address;
      instance.children.set(
        name,
        expand(child, root, `${id}.`, id, modulePath ? `${modulePath}.${local.address}` : local.address, [
          ...stack,
          child,
        ]),
      );
    }
    return instance;
  };

  for (const root of roots)
    expand(root.dir, root, root.group ? `${root.group}.` : '', root.group, '', [root.dir]);
  const edges = connect(instances, byId, options, cancelled);
  return { nodes, edges, byId, instances, roots };
}

/**
 * The module directories of the folders that no other directory calls as a local module: what `terraform plan`
 * would be run in. The folder itself comes first; its ids carry no prefix.
 */
export function findRoots(index: WorkspaceIndex, folders: readonly string[]): RootModule[] {
  const all = index.moduleDirectories();
  const roots: RootModule[] = [];
  folders.forEach((folder, folderIndex) => {
    const dirs = all
      .filter((d) => d === folder || d.startsWith(`${folder}/`))
      .filter((d) => index.documentsIn(d).some((doc) => doc.languageId === 'terraform'));
    const called = new Set<string>();
    for (const dir of dirs) {
      for (const { source } of index.module(dir).moduleCalls()) {
        const child = source ? resolveModuleSource(dir, source) : undefined;
        if (child && child !== dir) called.add(child);
      }
    }
    let found = dirs.filter((d) => !called.has(d));
    // Only modules calling each other in a circle: show the folder (or something) rather than nothing.
    if (found.length === 0 && dirs.length > 0) found = [dirs.includes(folder) ? folder : dirs.sort()[0]];
    found.sort((a, b) => (a === folder ? -1 : b === folder ? 1 : a < b ? -1 : a > b ? 1 : 0));
    for (const dir of found) {
      const rel = dir === folder ? '' : dir.slice(folder.length + 1);
      const name = folderIndex === 0 ? rel : rel ? `${baseName(folder)}/${rel}` : baseName(folder);
      // Dots would read as address separators.
      roots.push({ dir, folder, group: name ? `module.${name.replace(/\./g, '_')}` : '' });
    }
  });
  return roots;
}

function connect(
  instances: ModuleInstance[],
  byId: Map<string, GraphNode>,
  options: GraphOptions,
  cancelled: () => void,
): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const add = (source: string, target: string, kind: GraphEdgeKind) => {
    if (source === target || !byId.has(source) || !byId.has(target)) return;
    const key = `${source}\u0000${target}\u0000${kind}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push({ source, target, kind });
  };
  const outputSources = new Map<string, string[]>();

  /** Node ids a target stands for, seen from inside an instance. */
  const resolve = (instance: ModuleInstance, target: Target): string[] => {
    const { address } = target;
    if (address.startsWith('module.')) {
      const child = instance.children.get(address.slice('module.'.length));
      const moduleId = instance.prefix + address;
      if (target.output === undefined || !child) return [moduleId];
      if (options.includeOutputs) {
        const id = `${child.prefix}output.${target.output}`;
        return byId.has(id) ? [id] : [moduleId];
      }
      const sources = sourcesOf(child, target.output);
      return sources.length ? sources : [moduleId];
    }
    if (address.startsWith('var.') && !options.includeVariables) return [];
    return [instance.prefix + address];
  };
  /** What a module's output is made of: the nodes its value refers to, through nested module outputs. */
  const sourcesOf = (instance: ModuleInstance, output: string): string[] => {
    const key = `${instance.prefix}output.${output}`;
    const known = outputSources.get(key);
    if (known) return known;
    outputSources.set(key, []);
    const out: string[] = [];
    for (const edge of instance.graph.byAddress.get(`output.${output}`)?.edges ?? [])
      if (edge.kind === 'reference') out.push(...resolve(instance, edge.to));
    outputSources.set(key, out);
    return out;
  };

  for (const instance of instances) {
    cancelled();
    for (const local of instance.graph.nodes) {
      const source = instance.prefix + local.address;
      if (!byId.has(source)) continue;
      for (const edge of local.edges) {
        const targets = resolve(instance, edge.to);
        if (edge.kind === 'module-input') {
          // With variables shown, an input connects the child's variable to what the caller passes in.
          const child = instance.children.get(local.address.slice('module.'.length));
          const variable =
            child && options.includeVariables ? `${child.prefix}var.${edge.argument}` : undefined;
          const from = variable && byId.has(variable) ? variable : source;
          for (const target of targets) add(from, target, 'module-input');
          continue;
        }
        const kind: GraphEdgeKind =
          edge.kind === 'depends_on'
            ? 'depends_on'
            : edge.to.output !== undefined
              ? 'module-output'
              : 'reference';
        for (const target of targets) add(source, target, kind);
      }
    }
  }
  return edges;
}

function relativeTo(folder: string, uri: string): string {
  return uri.startsWith(`${folder}/`) ? uri.slice(folder.length + 1) : baseName(uri);
}
