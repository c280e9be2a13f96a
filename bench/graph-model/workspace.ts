// A synthetic 5,000-resource workspace for the graph-model benchmark: a root module of 20 files (4,000
// resources in groups of five that refer to each other, depends_on included) calling one local module twice
// (500 resources each), with a Terraform state, a cloud scan (every tenth instance drifted, every fiftieth gone,
// 200 unmanaged resources) and a plan. Deterministic.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT_FILES = 20;
const ROOT_GROUPS = 800;
const MODULE_GROUPS = 100;
const REGION = 'eu-west-1';

/** Five resources that refer to each other, as a small web tier does. */
function group(i: number): string {
  return `resource "aws_vpc" "v${i}" {
  cidr_block = "10.${i % 250}.0.0/16"
}

resource "aws_subnet" "s${i}" {
  vpc_id     = aws_vpc.v${i}.id
  cidr_block = cidrsubnet(aws_vpc.v${i}.cidr_block, 8, 1)
}

resource "aws_security_group" "g${i}" {
  name   = "g-${i}"
  vpc_id = aws_vpc.v${i}.id
}

resource "aws_s3_bucket" "b${i}" {
  bucket = "bench-${i}"
}

resource "aws_instance" "i${i}" {
  ami                    = data.aws_ami.base.id
  instance_type          = local.size
  subnet_id              = aws_subnet.s${i}.id
  vpc_security_group_ids = [aws_security_group.g${i}.id]

  tags = {
    Name = "i-${i}"
  }

  depends_on = [aws_s3_bucket.b${i}]
}

`;
}

export interface GeneratedWorkspace {
  dir: string;
  resources: number;
}

export function generateWorkspace(dir: string): GeneratedWorkspace {
  mkdirSync(path.join(dir, 'modules', 'app'), { recursive: true });
  mkdirSync(path.join(dir, '.opsmith', 'snapshots'), { recursive: true });
  const files: string[] = Array.from({ length: ROOT_FILES }, () => '');
  for (let i = 0; i < ROOT_GROUPS; i++) files[i % ROOT_FILES] += group(i);
  files.forEach((text, i) => writeFileSync(path.join(dir, `resources_${i}.tf`), text));
  writeFileSync(
    path.join(dir, 'main.tf'),
    `locals {
  size = "t3.micro"
}

data "aws_ami" "base" {
  most_recent = true
}

module "app_a" {
  source = "./modules/app"
  vpc_id = aws_vpc.v0.id
}

module "app_b" {
  source = "./modules/app"
  vpc_id = module.app_a.first_vpc
}
`,
  );
  let app = 'variable "vpc_id" {}\n\nlocals {\n  size = "t3.small"\n}\n\ndata "aws_ami" "base" {}\n\n';
  for (let i = 0; i < MODULE_GROUPS; i++) app += group(i);
  app += 'output "first_vpc" {\n  value = aws_vpc.v0.id\n}\n';
  writeFileSync(path.join(dir, 'modules', 'app', 'main.tf'), app);

  // State and scan cover the instances and buckets of the root module.
  const stateResources: unknown[] = [];
  const live: unknown[] = [];
  const changes: unknown[] = [];
  for (let i = 0; i < ROOT_GROUPS; i++) {
    stateResources.push(
      { mode: 'managed', type: 'aws_instance', name: `i${i}`, instances: [{ attributes: { id: `i-${i}` } }] },
      {
        mode: 'managed',
        type: 'aws_s3_bucket',
        name: `b${i}`,
        instances: [{ attributes: { id: `bench-${i}` } }],
      },
    );
    if (i % 50 !== 1)
      live.push({
        type: 'aws_instance',
        id: `i-${i}`,
        region: REGION,
        attributes: { instance_type: i % 10 === 0 ? 't3.large' : 't3.micro', tags: { Name: `i-${i}` } },
      });
    live.push({
      type: 'aws_s3_bucket',
      id: `bench-${i}`,
      region: REGION,
      attributes: { bucket: `bench-${i}` },
    });
    for (const [type, name] of [
      ['aws_vpc', `v${i}`],
      ['aws_subnet', `s${i}`],
      ['aws_security_group', `g${i}`],
      ['aws_s3_bucket', `b${i}`],
      ['aws_instance', `i${i}`],
    ])
      changes.push({
        address: `${type}.${name}`,
        mode: 'managed',
        type,
        name,
        change: { actions: i % 13 === 0 ? ['delete', 'create'] : i % 7 === 0 ? ['update'] : ['no-op'] },
      });
  }
  for (let i = 0; i < 200; i++)
    live.push({
      type: 'aws_sqs_queue',
      id: `q-${i}`,
      region: REGION,
      name: `q-${i}`,
      attributes: { name: `q-${i}` },
    });
  writeFileSync(
    path.join(dir, 'terraform.tfstate'),
    JSON.stringify({
      version: 4,
      terraform_version: '1.9.8',
      serial: 1,
      lineage: 'bench',
      outputs: {},
      resources: stateResources,
    }),
  );
  writeFileSync(
    path.join(dir, '.opsmith', 'snapshots', 'latest.json'),
    JSON.stringify({
      version: 1,
      takenAt: new Date().toISOString(),
      regions: [REGION],
      types: ['aws_instance', 'aws_s3_bucket', 'aws_sqs_queue'].map((type) => ({
        type,
        region: REGION,
        state: 'ok',
        count: 1,
        durationMs: 1,
      })),
      resources: live,
    }),
  );
  writeFileSync(
    path.join(dir, 'plan.json'),
    JSON.stringify({ format_version: '1.2', resource_changes: changes }),
  );
  return { dir, resources: (ROOT_GROUPS + 2 * MODULE_GROUPS) * 5 };
}
