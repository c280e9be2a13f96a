// Policy findings on the graph: the checks the validation gate runs, evaluated per module directory (remembered
// per ModuleIndex, so an edit re-checks one directory), attached to the resource each finding is about.
import type { GraphNode } from '../../../../shared/protocol';
import { evaluatePolicies, type PolicyFinding, type Severity } from '../policies';
import { inlineSkips } from '../policies/inlineSkips';
import type { ModuleIndex } from '../workspace/moduleIndex';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { CodeGraph } from './buildGraph';

type NodePolicy = NonNullable<GraphNode['policies']>[number];

const SEVERITY: Record<Severity, NodePolicy['severity']> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'information',
};

/** Per module directory: the findings, as graph nodes show them, by the address they are about. */
const cache = new WeakMap<ModuleIndex, Map<string, NodePolicy[]>>();

/** Findings of the gate's strictest (prod) profile, minus those waived with `# checkov:skip=ID: reason`. */
function moduleFindings(module: ModuleIndex): PolicyFinding[] {
  const docs = module.documents.filter((d) => d.languageId === 'terraform');
  // Looking for skips block by block costs more than the checks in a large directory; most files have none.
  const skips = new Map(
    docs.filter((d) => d.text.includes('checkov:skip')).map((d) => [d.uri, inlineSkips(d)]),
  );
  return evaluatePolicies(docs.map((d) => ({ uri: d.uri, model: d.model }))).filter(
    (f) => !(f.checkov && skips.get(f.uri)?.get(f.address)?.has(f.checkov)),
  );
}

/** Evaluates a directory's policies ahead of applyPolicies, which then finds them cached. */
export function policiesByAddress(module: ModuleIndex): Map<string, NodePolicy[]> {
  let byAddress = cache.get(module);
  if (byAddress) return byAddress;
  byAddress = new Map();
  for (const finding of moduleFindings(module)) {
    let list = byAddress.get(finding.address);
    if (!list) byAddress.set(finding.address, (list = []));
    list.push({
      id: finding.checkId,
      severity: SEVERITY[finding.severity],
      message: `${finding.title}${finding.checkov ? ` [${finding.checkov}]` : ''}: ${finding.message}`,
    });
  }
  cache.set(module, byAddress);
  return byAddress;
}

export function applyPolicies(graph: CodeGraph, index: WorkspaceIndex): void {
  for (const instance of graph.instances) {
    for (const [address, policies] of policiesByAddress(index.module(instance.dir))) {
      const node = graph.byId.get(instance.prefix + address);
      // Shared between graphs and module instances: never changed after it is made.
      if (node) node.policies = policies;
    }
  }
}
