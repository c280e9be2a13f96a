import type { GraphEdge, GraphNode, GraphResult } from '../../../shared/protocol';
import type { Snapshot } from '../../../server/src/service/cloud/snapshot';
import { readState, type TerraformState } from '../../../server/src/service/drift/state';
import { getLanguageService, type LanguageService } from '../../../server/src/service/languageService';
import { memoryFileSystem, ROOT, wasmFromNodeModules } from '../helpers/service';

export { ROOT };

/** A small stack: a root module calling a local module that calls another, plus a registry module. */
export const STACK: Record<string, string> = {
  'main.tf': `variable "region" {
  default = "eu-west-1"
}

variable "env" {}

locals {
  prefix = "\${var.env}-app"
  vpc    = module.network.vpc_id
}

data "aws_ami" "ubuntu" {
  most_recent = true
}

resource "aws_instance" "web" {
  ami                    = data.aws_ami.ubuntu.id
  instance_type          = "t3.micro"
  subnet_id              = module.network.subnet_id
  vpc_security_group_ids = [aws_security_group.web.id]

  tags = {
    Name = "\${local.prefix}-web"
  }

  depends_on = [aws_s3_bucket.logs]
}

resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = local.vpc
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

module "network" {
  source     = "./modules/network"
  cidr       = "10.0.0.0/16"
  name       = local.prefix
  log_bucket = aws_s3_bucket.logs.id
}

module "registry" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
  name    = var.env
}

output "web_id" {
  value = aws_instance.web.id
}
`,
  'modules/network/main.tf': `variable "cidr" {}
variable "name" {}
variable "log_bucket" {}

resource "aws_vpc" "main" {
  cidr_block = var.cidr
  tags = {
    Name = var.name
  }
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(var.cidr, 8, 0)
}

resource "aws_flow_log" "main" {
  vpc_id          = aws_vpc.main.id
  log_destination = var.log_bucket
}

module "dns" {
  source = "../dns"
  vpc_id = aws_vpc.main.id
}

output "vpc_id" {
  value = aws_vpc.main.id
}

output "subnet_id" {
  value = aws_subnet.a.id
}

output "zone" {
  value = module.dns.zone_id
}
`,
  'modules/dns/main.tf': `variable "vpc_id" {}

resource "aws_route53_zone" "private" {
  name = "internal"

  vpc {
    vpc_id = var.vpc_id
  }
}

output "zone_id" {
  value = aws_route53_zone.private.zone_id
}
`,
};

export interface GraphWorkspace {
  service: LanguageService;
  files: ReturnType<typeof memoryFileSystem>;
  logs: string[];
  graph(options?: {
    includeVariables?: boolean;
    includeOutputs?: boolean;
    folderUri?: string;
  }): Promise<GraphResult>;
}

/** A language service over in-memory files (indexed as if on disk), with an optional scan and per-directory state. */
export async function graphWorkspace(
  files: Record<string, string>,
  drift: { snapshot?: Snapshot; states?: Record<string, string> } = {},
): Promise<GraphWorkspace> {
  const fs = memoryFileSystem(files);
  const logs: string[] = [];
  const states = new Map<string, TerraformState>();
  for (const [dir, text] of Object.entries(drift.states ?? {}))
    states.set(dir ? `${ROOT}/${dir}` : ROOT, readState(text));
  const service = await getLanguageService({
    wasm: wasmFromNodeModules(),
    fs,
    logger: { info: () => undefined, warn: (m) => logs.push(m), error: (m) => logs.push(m) },
    drift: { snapshot: () => drift.snapshot, state: (dir) => states.get(dir) },
  });
  await service.indexFolder(ROOT);
  return {
    service,
    files: fs,
    logs,
    graph: (options = {}) => service.graph({ folderUri: ROOT, ...options }),
  };
}

/** Node ids, sorted. */
export const ids = (nodes: GraphNode[]): string[] => nodes.map((n) => n.id).sort();

/** `source -kind-> target`, sorted: an exact, readable edge set. */
export const edgeList = (edges: GraphEdge[]): string[] =>
  edges.map((e) => `${e.source} -${e.kind}-> ${e.target}`).sort();

export const node = (graph: GraphResult, id: string): GraphNode => {
  const found = graph.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id} in ${ids(graph.nodes).join(', ')}`);
  return found;
};
