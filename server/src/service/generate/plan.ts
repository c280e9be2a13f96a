/**
 * The typed architecture plan: what a request asks for, independent of how it was understood (the offline intent
 * compiler, or a model answering with the same structure) and of how it is rendered to Terraform.
 *
 * Everything here is plain JSON data (no classes, functions, Maps, undefined-only unions or cycles): a plan
 * round-trips through JSON.stringify/JSON.parse unchanged, and a JSON schema can be generated from these types.
 * Optional fields take the environment profile's default when absent.
 */

/** Deployment environment; chooses the profile below. */
export type Environment = 'prod' | 'staging' | 'dev';

/** Instance sizing tier: `small` is the cheapest sensible size, `large` a production-grade one. */
export type Sizing = 'small' | 'medium' | 'large';

/** What an environment implies for every component that does not say otherwise. */
export interface EnvironmentProfile {
  env: Environment;
  /** Spread over several availability zones, multi-AZ databases and caches, one NAT gateway per zone. */
  highAvailability: boolean;
  sizing: Sizing;
  /** Days automated database backups are kept. */
  backupRetentionDays: number;
  /** Deletion protection on databases and load balancers, final snapshots on destroy. */
  deletionProtection: boolean;
  /** Standard CloudWatch alarms for every component that has meaningful metrics. */
  alarms: boolean;
  /** Days CloudWatch log groups keep their events. */
  logRetentionDays: number;
  /** Availability zones the network spans. */
  azCount: number;
}

export const PROFILES: Readonly<Record<Environment, EnvironmentProfile>> = {
  prod: {
    env: 'prod',
    highAvailability: true,
    sizing: 'large',
    backupRetentionDays: 14,
    deletionProtection: true,
    alarms: true,
    logRetentionDays: 365,
    azCount: 3,
  },
  staging: {
    env: 'staging',
    highAvailability: false,
    sizing: 'medium',
    backupRetentionDays: 7,
    deletionProtection: true,
    alarms: true,
    logRetentionDays: 365,
    azCount: 2,
  },
  dev: {
    env: 'dev',
    highAvailability: false,
    sizing: 'small',
    backupRetentionDays: 1,
    deletionProtection: false,
    alarms: false,
    logRetentionDays: 365,
    azCount: 2,
  },
};

/** A CloudWatch alarm the plan asks for explicitly ("CPU above 80% for 10 minutes"). */
export interface AlarmSpec {
  /** The metric, by its everyday name. */
  metric: 'cpu' | 'memory' | 'errors' | 'latency' | 'storage' | 'connections' | 'queueDepth' | 'http5xx';
  /** Comparison; `above` unless the request said "below"/"under". */
  comparison: 'above' | 'below';
  threshold: number;
  /** How long the condition must hold before the alarm fires. */
  periodMinutes: number;
  /** The component id the alarm watches; absent when it watches something outside the stack (see `external`). */
  target?: string;
  /** A monitored thing that is not part of this stack ("the web servers"): it becomes an input variable. */
  external?: {
    name: string;
    kind: 'autoScalingGroup' | 'instance' | 'ecsService' | 'database' | 'loadBalancer';
  };
}

interface ComponentBase {
  /** Unique within the plan; other components and relations refer to it. Lower-case, `[a-z][a-z0-9_]*`. */
  id: string;
  /** Human-meaningful purpose or name ("billing", "user uploads"), used in resource names and descriptions. */
  name?: string;
}

export interface NetworkComponent extends ComponentBase {
  kind: 'network';
  /** IPv4 range of the VPC. */
  cidr: string;
  azCount: number;
  publicSubnets: boolean;
  privateSubnets: boolean;
  /** `none`: private subnets have no internet egress; `single`: one shared gateway; `perAz`: one per zone. */
  nat: 'none' | 'single' | 'perAz';
  flowLogs: boolean;
}

export interface LoadBalancerComponent extends ComponentBase {
  kind: 'loadBalancer';
  /** Internal (private subnets) or internet-facing. */
  internal: boolean;
  /** Where the load balancer sends traffic: a containerService, autoScalingGroup or vm id; absent for none yet. */
  target?: string;
  /** Domain the HTTPS listener's certificate is for; without it the certificate ARN is an input variable. */
  domain?: string;
  /** Who may connect; empty means the internet (internet-facing) or the VPC (internal). */
  allowedCidrs: string[];
  /** Attach a WAF web ACL (always true for internet-facing ones). */
  waf: boolean;
}

export interface ContainerServiceComponent extends ComponentBase {
  kind: 'containerService';
  /** Port the container listens on. */
  port: number;
  cpu: number;
  memory: number;
  desiredCount: number;
  /** Target-tracking autoscaling between min and max on the given metric. */
  autoscaling?: { min: number; max: number; metric: 'cpu' | 'memory' | 'requests'; targetPercent: number };
  /** A worker has no load balancer and no inbound traffic. */
  worker: boolean;
}

export interface VmComponent extends ComponentBase {
  kind: 'vm';
  role: 'app' | 'bastion' | 'dev';
  instanceType?: string;
  count: number;
  /** In a public subnet with a public address (bastions and dev boxes reached over SSH). */
  public: boolean;
  /** CIDRs allowed to SSH in; empty means no SSH (use SSM Session Manager). */
  sshFrom: string[];
  /** Extra inbound ports open to `allowedFrom` relations. */
  ports: number[];
  diskGb?: number;
}

export interface AutoScalingGroupComponent extends ComponentBase {
  kind: 'autoScalingGroup';
  instanceType?: string;
  min: number;
  max: number;
  desired: number;
  port: number;
}

export interface FunctionComponent extends ComponentBase {
  kind: 'function';
  runtime: 'python3.13' | 'nodejs22.x';
  memoryMb: number;
  timeoutSeconds: number;
  /** What invokes it; the matching component id is in `source`. */
  trigger: 'api' | 'queue' | 'schedule' | 'topic' | 'none';
  source?: string;
}

export interface ApiGatewayComponent extends ComponentBase {
  kind: 'apiGateway';
  /** Function ids the API integrates with. */
  functions: string[];
  /** `iam` (SigV4), `jwt` (the plan's identity component) or `none` (public). */
  auth: 'iam' | 'jwt' | 'none';
}

export type DatabaseEngine = 'postgres' | 'mysql' | 'aurora-postgresql' | 'aurora-mysql';

export interface DatabaseComponent extends ComponentBase {
  kind: 'database';
  engine: DatabaseEngine;
  /** Major (or major.minor) version; the engine's current default when absent. */
  version?: string;
  instanceClass?: string;
  storageGb?: number;
  backupRetentionDays?: number;
  multiAz?: boolean;
  deletionProtection?: boolean;
  /** Aurora only: number of instances (writer plus readers). */
  instances?: number;
}

export interface CacheComponent extends ComponentBase {
  kind: 'cache';
  engine: 'redis' | 'memcached';
  nodes: number;
  nodeType?: string;
  highAvailability?: boolean;
}

export interface BucketComponent extends ComponentBase {
  kind: 'bucket';
  purpose: 'data' | 'uploads' | 'logs' | 'backups' | 'static' | 'artifacts';
  versioning: boolean;
  /** `customer`: a customer-managed KMS key; `aws`: the stack's key all the same (never unencrypted). */
  kmsKey: 'customer' | 'stack';
  lifecycle?: {
    transitionDays?: number;
    storageClass?: 'STANDARD_IA' | 'INTELLIGENT_TIERING' | 'GLACIER' | 'GLACIER_IR' | 'DEEP_ARCHIVE';
    expirationDays?: number;
  };
}

export interface StaticSiteComponent extends ComponentBase {
  kind: 'staticSite';
  /** The site's domain; without it the distribution uses its cloudfront.net name. */
  domain?: string;
}

export interface QueueComponent extends ComponentBase {
  kind: 'queue';
  fifo: boolean;
  deadLetter: boolean;
  maxReceiveCount: number;
  /** Seconds a received message stays invisible. */
  visibilityTimeout: number;
}

export interface TopicComponent extends ComponentBase {
  kind: 'topic'; /** Queue ids subscribed to the topic (fan-out). */
  subscribers: string[];
  /** E-mail addresses subscribed to the topic. */
  emails?: string[];
}

export interface TableComponent extends ComponentBase {
  kind: 'table';
  hashKey: string;
  rangeKey?: string;
}

export interface SearchComponent extends ComponentBase {
  kind: 'search';
  nodes: number;
  instanceType?: string;
  storageGb?: number;
}

export interface KubernetesComponent extends ComponentBase {
  kind: 'kubernetes';
  version: string;
  nodeGroups: {
    name: string;
    instanceTypes: string[];
    min: number;
    max: number;
    desired: number;
  }[];
}

export interface RegistryComponent extends ComponentBase {
  kind: 'registry';
  scanOnPush: boolean;
  /** Keep only this many images. */
  keepLast: number;
}

export interface SecretComponent extends ComponentBase {
  kind: 'secret';
  /** Generate the value (random_password) rather than leaving it to be set outside Terraform. */
  generate: boolean;
  /** Roles that may read it: component ids, or `external:<name>` for a role outside the stack. */
  readers: string[];
}

export interface KmsComponent extends ComponentBase {
  kind: 'kms';
}

export interface DnsComponent extends ComponentBase {
  kind: 'dns';
  domain: string;
  /** Records; `target` is a component id (load balancer, static site) or absent for none. */
  records: { name: string; target?: string }[];
  /** Create the hosted zone (true) or look an existing one up (false). */
  createZone: boolean;
}

export interface CertificateComponent extends ComponentBase {
  kind: 'certificate';
  domain: string;
}

export interface WafComponent extends ComponentBase {
  kind: 'waf';
  /** AWS managed rule groups, e.g. AWSManagedRulesCommonRuleSet. */
  managedRules: string[];
  /** The load balancer or API it protects. */
  target?: string;
  rateLimit?: number;
}

export interface MonitoringComponent extends ComponentBase {
  kind: 'monitoring';
  /** Addresses subscribed to the alert topic. */
  emails: string[];
  /** Explicitly requested alarms; the standard ones per component come from the profile. */
  alarms: AlarmSpec[];
  /** Standard alarms for every component. */
  standard: boolean;
}

export interface LogsComponent extends ComponentBase {
  kind: 'logs';
  retentionDays?: number;
}

export interface ScheduledJobComponent extends ComponentBase {
  kind: 'scheduledJob';
  /** EventBridge schedule expression: `cron(…)` or `rate(…)`, in UTC. */
  schedule: string;
  /** The function (or container service) id it runs. */
  target: string;
}

export interface AuditTrailComponent extends ComponentBase {
  kind: 'auditTrail';
  multiRegion: boolean;
}

export interface StreamComponent extends ComponentBase {
  kind: 'stream';
  /** Absent for on-demand capacity. */
  shards?: number;
  retentionHours: number;
}

export interface FileSystemComponent extends ComponentBase {
  kind: 'fileSystem';
}

export interface BudgetComponent extends ComponentBase {
  kind: 'budget';
  monthlyLimitUsd: number;
  emails: string[];
  /** Percent of the limit at which to notify. */
  thresholdPercent: number;
}

export interface IdentityComponent extends ComponentBase {
  kind: 'identity';
  /** Let people sign themselves up (otherwise administrators create users). */
  selfSignUp: boolean;
  mfa: 'off' | 'optional' | 'on';
}

export interface WorkflowComponent extends ComponentBase {
  kind: 'workflow';
  /** Function ids the workflow invokes in order. */
  steps: string[];
}

export type Component =
  | NetworkComponent
  | LoadBalancerComponent
  | ContainerServiceComponent
  | VmComponent
  | AutoScalingGroupComponent
  | FunctionComponent
  | ApiGatewayComponent
  | DatabaseComponent
  | CacheComponent
  | BucketComponent
  | StaticSiteComponent
  | QueueComponent
  | TopicComponent
  | TableComponent
  | SearchComponent
  | KubernetesComponent
  | RegistryComponent
  | SecretComponent
  | KmsComponent
  | DnsComponent
  | CertificateComponent
  | WafComponent
  | MonitoringComponent
  | LogsComponent
  | ScheduledJobComponent
  | AuditTrailComponent
  | StreamComponent
  | FileSystemComponent
  | BudgetComponent
  | IdentityComponent
  | WorkflowComponent;

export type ComponentKind = Component['kind'];

/** A component of the given kind. */
export type ComponentOf<K extends ComponentKind> = Extract<Component, { kind: K }>;

/** Something outside the stack a component talks to; it becomes input variables and network rules. */
export interface ExternalService {
  /** Short name, e.g. "payment". */
  name: string;
  /** TCP port; 443 when absent. */
  port?: number;
  /** Known address ranges, if the request gave them; otherwise an input variable without a default. */
  cidrs?: string[];
}

export type Relation =
  /** `from` opens outbound connections to an external service (talks to, calls, needs). */
  | { kind: 'talksTo'; from: string; external: ExternalService }
  /**
   * `from` uses another component of the stack (app → database, worker → queue): security-group rules, IAM
   * grants and environment variables. `access` narrows the grants: `read` (consume), `write` (produce) or both.
   */
  | { kind: 'connectsTo'; from: string; to: string; access?: 'read' | 'write' | 'readwrite' }
  /** `target` is only reachable from these ranges ("only from the VPN 10.8.0.0/16", "from my office IP"). */
  | { kind: 'allowedFrom'; target: string; cidrs: string[]; ports?: number[] }
  /** `target` receives traffic through load balancer `loadBalancer`. */
  | { kind: 'behindLoadBalancer'; target: string; loadBalancer: string };

export interface ArchitecturePlan {
  /** Plan format version. */
  version: 1;
  /** Short project name for resource names: lower-case letters, digits and dashes. */
  project: string;
  env: Environment;
  /** Whether `env` came from the request, the caller's option, or the default. */
  envSource: 'request' | 'option' | 'default';
  profile: EnvironmentProfile;
  region: string;
  components: Component[];
  relations: Relation[];
  /** Meaningful words or phrases of the request that the plan does not account for. */
  notUnderstood: string[];
  /** Assumptions made where the request was silent, for the person to review. */
  assumptions: string[];
  /** The request the plan was compiled from. */
  request?: string;
}

/**
 * A plan as a model submits it (the input of the `submit_plan` tool, whose JSON schema is generated from this type
 * into plan.schema.json): the plan without what Opsmith fills in itself — the format version, where the
 * environment came from and the request — and with the profile optional, the environment's defaults when absent.
 */
export interface PlanSubmission extends Omit<
  ArchitecturePlan,
  'version' | 'envSource' | 'request' | 'profile'
> {
  /** Departures from the environment's profile (e.g. `{ "highAvailability": true }`); its defaults otherwise. */
  profile?: Partial<Omit<EnvironmentProfile, 'env'>>;
}

/** A resource, data source or other declaration already present in the target folder. */
export interface ExistingResource {
  type: string;
  name: string;
  /** Raw attribute expressions as written (`count`, `cidr_block`, `tags`…), when known. */
  attributes?: Record<string, string>;
}

/** What the target folder already holds, so a new stack reuses it and never collides with it. */
export interface ExistingStack {
  /** File names (relative to the folder), e.g. ["main.tf", "network.tf"]. */
  files: string[];
  resources: ExistingResource[];
  dataSources?: ExistingResource[];
  variables: string[];
  outputs: string[];
  locals?: string[];
  /** Local names of configured providers (`provider "aws" {}` → "aws"; an alias as "aws.us_east_1"). */
  providers?: string[];
  /** Local names listed in required_providers. */
  requiredProviders?: string[];
  /** Whether a `terraform { required_version … }` is already declared. */
  hasRequiredVersion?: boolean;
}

export function emptyExisting(): ExistingStack {
  return { files: [], resources: [], variables: [], outputs: [] };
}

/** The catalog: every component kind with what it means and the words that ask for it, for docs and prompts. */
export const CATALOG: Readonly<Record<ComponentKind, string>> = {
  network: 'VPC with public and private subnets across availability zones, NAT, flow logs',
  loadBalancer: 'Application load balancer with an HTTPS listener, access logs and WAF when internet-facing',
  containerService: 'ECS Fargate service (web or worker) with task definition, logs and autoscaling',
  vm: 'EC2 instance(s): app servers, bastion hosts, dev boxes (IMDSv2, encrypted disks, SSM)',
  autoScalingGroup: 'EC2 auto scaling group with a launch template',
  function:
    'Lambda function with role, log group, tracing and a dead-letter queue where invoked asynchronously',
  apiGateway: 'API Gateway HTTP API in front of Lambda functions, with access logs',
  database: 'RDS PostgreSQL or MySQL, or Aurora, encrypted, private, backed up, managed master password',
  cache: 'ElastiCache Redis replication group or Memcached cluster, encrypted',
  bucket: 'S3 bucket with encryption, versioning, public access block, lifecycle and access logs',
  staticSite: 'S3 + CloudFront static website with HTTPS (ACM), origin access control and DNS',
  queue: 'SQS queue, encrypted, with a dead-letter queue',
  topic: 'SNS topic, encrypted, with queue subscriptions for fan-out',
  table: 'DynamoDB table, on-demand, encrypted, point-in-time recovery',
  search: 'OpenSearch domain in the VPC, encrypted, HTTPS only, fine-grained access control',
  kubernetes:
    'EKS cluster with managed node groups, private endpoint, secrets encryption, control-plane logs',
  registry: 'ECR repository with immutable tags, scan on push and a lifecycle policy',
  secret: 'Secrets Manager secret (generated value) and a least-privilege read policy',
  kms: 'Customer-managed KMS key with rotation',
  dns: 'Route 53 hosted zone and records',
  certificate: 'ACM certificate validated through DNS',
  waf: 'WAFv2 web ACL with AWS managed rule groups and logging',
  monitoring: 'CloudWatch alarms and an SNS alert topic with e-mail subscriptions',
  logs: 'CloudWatch log group, encrypted, with retention',
  scheduledJob: 'EventBridge schedule that runs a function',
  auditTrail: 'Multi-region CloudTrail with log file validation into an encrypted bucket',
  stream: 'Kinesis data stream, encrypted',
  fileSystem: 'EFS file system, encrypted, with mount targets and backups',
  budget: 'AWS Budgets monthly cost budget with e-mail notifications',
  identity: 'Cognito user pool and app client for sign-up and sign-in',
  workflow: 'Step Functions state machine with logging and tracing',
};
