// Synthetic but realistic resource graphs for the graph benchmark and the 200-node webview fixture: a root module
// and module calls (some nested), per-module files, typed resources in tiers (network → security → compute →
// data stores → outputs), references mostly down the tiers inside a module, module inputs/outputs across
// modules, a few depends_on and a few back edges (so cycle breaking is exercised), and every overlay: drift
// statuses with details, policy findings, plan actions and unmanaged resources. Deterministic for a seed.
//
//   node --import tsx bench/graph/generate.ts --nodes 200 --edges 320 --out test/fixtures/graph/medium-200.json
import { writeFileSync } from 'node:fs';
import type { GraphEdge, GraphNode, GraphResult } from '../../shared/protocol';
import { prng } from '../../test/helpers/prng';

const TIERS: string[][] = [
  ['aws_vpc', 'aws_kms_key', 'aws_iam_role'],
  ['aws_subnet', 'aws_internet_gateway', 'aws_iam_policy', 'aws_route_table'],
  ['aws_security_group', 'aws_nat_gateway', 'aws_route_table_association', 'aws_iam_role_policy_attachment'],
  ['aws_lb', 'aws_lb_target_group', 'aws_launch_template', 'aws_cloudwatch_log_group'],
  ['aws_instance', 'aws_autoscaling_group', 'aws_lambda_function', 'aws_ecs_service'],
  ['aws_db_instance', 'aws_s3_bucket', 'aws_sqs_queue', 'aws_dynamodb_table'],
  ['aws_lb_listener', 'aws_route53_record', 'aws_cloudwatch_metric_alarm', 'aws_s3_bucket_policy'],
];
const NAMES = [
  'main',
  'web',
  'api',
  'worker',
  'logs',
  'primary',
  'replica',
  'public',
  'private',
  'edge',
  'batch',
  'cache',
];

export function generateGraph(options: { nodes: number; edges: number; seed?: number }): GraphResult {
  const rand = prng(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const moduleCount = Math.max(1, Math.round(options.nodes / 120));
  const modules: string[] = [''];
  for (let m = 1; m < moduleCount; m++) {
    // Every fifth module call is nested in the previous one.
    const parent = m % 5 === 0 ? modules[m - 1] : '';
    modules.push(`${parent ? `${parent}.` : ''}module.m${m}`);
  }
  const nodes: GraphNode[] = [];
  const tierOf: number[] = [];
  const moduleOf: number[] = [];
  const line = new Map<string, number>();
  const place = (module: string, fileIndex: number) => {
    const dir = module ? `modules/${module.replace(/module\./g, '').replace(/\./g, '/')}` : '';
    const file = `${dir ? `${dir}/` : ''}${['main', 'network', 'compute', 'storage', 'iam'][fileIndex]}.tf`;
    const start = line.get(file) ?? 0;
    line.set(file, start + 12);
    return {
      file,
      uri: `file:///workspace/${file}`,
      range: { start: { line: start, character: 0 }, end: { line: start + 10, character: 1 } },
    };
  };
  const prefix = (module: string) => (module ? `${module}.` : '');

  for (let m = 1; m < modules.length; m++) {
    const id = modules[m];
    const parent = id.slice(0, id.lastIndexOf('.module.') > 0 ? id.lastIndexOf('.module.') : 0);
    nodes.push({
      id,
      kind: 'module',
      label: id.slice(parent ? parent.length + 1 : 0),
      type: `./modules/${id.replace(/module\./g, '').replace(/\./g, '/')}`,
      module: parent,
      ...place(parent, 0),
      drift: { status: 'unknown' },
    });
    tierOf.push(3);
    moduleOf.push(modules.indexOf(parent));
  }

  let serial = 0;
  while (nodes.length < options.nodes) {
    const m = Math.floor(rand() * rand() * modules.length); // skewed: the root module is the biggest
    const module = modules[m];
    const roll = rand();
    const name = `${pick(NAMES)}_${serial++}`;
    let node: GraphNode;
    let tier: number;
    if (roll < 0.06) {
      node = {
        id: `${prefix(module)}var.${name}`,
        kind: 'variable',
        label: `var.${name}`,
        module,
        ...place(module, 0),
      };
      tier = 0;
    } else if (roll < 0.1) {
      node = {
        id: `${prefix(module)}output.${name}`,
        kind: 'output',
        label: `output.${name}`,
        module,
        ...place(module, 0),
      };
      tier = TIERS.length + 1;
    } else if (roll < 0.15) {
      const type = pick([
        'aws_ami',
        'aws_caller_identity',
        'aws_iam_policy_document',
        'aws_availability_zones',
      ]);
      node = {
        id: `${prefix(module)}data.${type}.${name}`,
        kind: 'data',
        label: `data.${type}.${name}`,
        type,
        module,
        ...place(module, 4),
      };
      tier = 0;
    } else if (roll < 0.17) {
      const type = pick(TIERS[Math.floor(rand() * TIERS.length)]);
      const cloudId = `${type.replace('aws_', '')}-${(serial * 7919).toString(16)}`;
      node = {
        id: `unmanaged:${type}:${cloudId}`,
        kind: 'resource',
        label: `${type}.${cloudId}`,
        type,
        module: '',
        drift: { status: 'unmanaged', cloudId },
      };
      tier = 1 + Math.floor(rand() * TIERS.length);
    } else {
      tier = Math.floor(rand() * TIERS.length);
      const type = pick(TIERS[tier]);
      tier += 1;
      node = {
        id: `${prefix(module)}${type}.${name}`,
        kind: 'resource',
        label: `${type}.${name}`,
        type,
        module,
        ...place(module, 1 + (tier % 4)),
        attributes: [
          { name: 'tags.Name', value: `"${name}"` },
          { name: 'count', value: '1' },
        ],
      };
      const r = rand();
      if (r < 0.8) node.drift = { status: 'in-sync', cloudId: `${type}-${serial}` };
      else if (r < 0.9)
        node.drift = {
          status: 'drifted',
          cloudId: `${type}-${serial}`,
          details: [{ attribute: 'tags.Env', code: '"prod"', live: '"staging"' }],
        };
      else if (r < 0.93) node.drift = { status: 'missing' };
      if (rand() < 0.06)
        node.policies = [
          {
            id: 'CKV_AWS_20',
            severity: rand() < 0.5 ? 'error' : 'warning',
            message: 'S3 Bucket has an ACL defined which allows public READ access.',
          },
        ];
      const p = rand();
      if (p < 0.04) node.plan = 'create';
      else if (p < 0.07) node.plan = 'update';
      else if (p < 0.08) node.plan = 'replace';
      else if (p < 0.09) node.plan = 'delete';
    }
    nodes.push(node);
    tierOf.push(tier);
    moduleOf.push(node.id.startsWith('unmanaged:') ? -1 : m);
  }

  // Candidates by module and tier, for references that mostly go one or two tiers down inside a module.
  const byModuleTier = new Map<string, number[]>();
  nodes.forEach((node, i) => {
    if (moduleOf[i] < 0 || node.kind === 'module') return;
    const key = `${moduleOf[i]}:${tierOf[i]}`;
    byModuleTier.set(key, [...(byModuleTier.get(key) ?? []), i]);
  });
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const add = (source: number, target: number, kind: GraphEdge['kind']) => {
    if (source === target) return false;
    const key = `${source}>${target}`;
    if (seen.has(key)) return false;
    seen.add(key);
    edges.push({ source: nodes[source].id, target: nodes[target].id, kind });
    return true;
  };
  const moduleNodeIndex = new Map(nodes.map((node, i) => [node.id, i]));
  let guard = 0;
  while (edges.length < options.edges && guard++ < options.edges * 50) {
    const source = Math.floor(rand() * nodes.length);
    if (moduleOf[source] < 0 || tierOf[source] === 0) continue;
    const r = rand();
    if (r < 0.08 && nodes[source].kind !== 'module') {
      // A member using its module's input: member → module call.
      const module = modules[moduleOf[source]];
      const target = module ? moduleNodeIndex.get(module) : undefined;
      if (target !== undefined) add(source, target, 'module-input');
      continue;
    }
    if (r < 0.14) {
      // Something in another module reading a module's output.
      const other = Math.floor(rand() * modules.length);
      const candidates = byModuleTier.get(`${other}:${Math.max(1, tierOf[source] - 1)}`);
      if (candidates?.length && other !== moduleOf[source]) add(source, pick(candidates), 'module-output');
      continue;
    }
    if (r < 0.155) {
      // A rare back edge (upwards in the tiers), so the layout must break cycles.
      const candidates = byModuleTier.get(
        `${moduleOf[source]}:${Math.min(TIERS.length + 1, tierOf[source] + 1)}`,
      );
      if (candidates?.length) add(source, pick(candidates), 'reference');
      continue;
    }
    const down = 1 + Math.floor(rand() * rand() * 3);
    const candidates = byModuleTier.get(`${moduleOf[source]}:${Math.max(0, tierOf[source] - down)}`);
    if (candidates?.length) add(source, pick(candidates), r < 0.25 ? 'depends_on' : 'reference');
  }
  return { nodes, edges, scan: { takenAt: '2025-01-01T00:00:00Z' } };
}

if (process.argv[1]?.endsWith('generate.ts')) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const graph = generateGraph({
    nodes: Number(arg('nodes', '200')),
    edges: Number(arg('edges', '320')),
    seed: Number(arg('seed', '42')),
  });
  const text = `${JSON.stringify(graph, null, 1)}\n`;
  const out = arg('out', '');
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}
