// The render context: files being built, names in use (the stack's and the existing folder's), and the shared
// pieces several components need (network, KMS key, log bucket, alert topic, account data), created on first use.
import type { ArchitecturePlan, Component, ComponentOf, ComponentKind, ExistingStack } from '../plan';
import { emptyExisting } from '../plan';
import { type Body, type TopBlock, type Value, Expr, block, call, ref, skip, tpl } from './hcl';

export interface NetworkRefs {
  vpcId: Expr;
  vpcCidr: Expr;
  privateSubnetIds: Expr;
  publicSubnetIds: Expr;
  /** True when the network comes from the existing folder. */
  reused: boolean;
}

export interface VariableSpec {
  type: string;
  description: string;
  default?: Value;
  sensitive?: boolean;
  nullable?: boolean;
  validation?: { condition: string; message: string }[];
}

/** AWS service principals the stack's KMS key must let use it. */
export type KeyUser =
  | 'logs'
  | 'sns'
  | 'sqs'
  | 'cloudwatch'
  | 'events'
  | 'cloudtrail'
  | 'rds'
  | 'elasticache'
  | 'es'
  | 'eks'
  | 's3'
  | 'secretsmanager'
  | 'states'
  | 'budgets'
  | 'cloudfront'
  | 'delivery.logs';

export interface Grant {
  actions: string[];
  resources: Value[];
}

/** What a rendered component offers the components that connect to it. */
export interface ComponentInfo {
  /** Main resource address (`aws_db_instance.main`). */
  address?: string;
  /** Its security group, when it has one. */
  sg?: string;
  /** Its IAM role (compute), to grant access to. */
  role?: string;
  /** The port clients connect to. */
  port?: number;
  targetGroup?: string;
  listener?: string;
  /** A client resource (Cognito app client). */
  client?: string;
  cluster?: string;
  /** Environment variables a client gets (`DB_HOST`…). */
  env?: Record<string, Value>;
  /** IAM statements a client's role needs (read and write); `readGrants`/`writeGrants` narrow them. */
  grants?: Grant[];
  readGrants?: Grant[];
  writeGrants?: Grant[];
}

const ORDER = [
  'versions.tf',
  'providers.tf',
  'variables.tf',
  'main.tf',
  'kms.tf',
  'network.tf',
  'logging.tf',
  'monitoring.tf',
];

export class RenderContext {
  readonly existing: ExistingStack;
  private readonly files = new Map<string, TopBlock[]>();
  private readonly fileNames = new Map<string, string>();
  private readonly used = new Map<string, Set<string>>();
  private readonly variables: TopBlock[] = [];
  private readonly outputs: TopBlock[] = [];
  private readonly locals: Body = {};
  private readonly variableNames = new Map<string, string>();
  readonly addresses: string[] = [];
  /** Per component id (and a few shared keys): what it offers to the components that use it. */
  readonly info = new Map<string, ComponentInfo>();
  private lastBlock?: TopBlock;
  private clusterAddress?: string;
  readonly providers = new Set<'random' | 'archive'>();
  usEast1 = false;
  private keyAddress?: string;
  private networkRefs?: NetworkRefs;
  private logBucketAddress?: string;
  private alertTopicArn?: Expr;
  private accountData = false;
  private regionData = false;
  private partitionData = false;
  private namePrefix?: string;
  /** Renders a component by id on demand (set by the renderer), so dependencies come out in a sensible order. */
  renderComponent: (id: string) => void = () => undefined;
  private rendered = new Set<string>();

  constructor(
    readonly plan: ArchitecturePlan,
    existing: ExistingStack | undefined,
  ) {
    this.existing = existing ?? emptyExisting();
    for (const r of this.existing.resources) this.reserve(`resource:${r.type}`, r.name);
    for (const d of this.existing.dataSources ?? []) this.reserve(`data:${d.type}`, d.name);
    for (const v of this.existing.variables) this.reserve('variable', v);
    for (const o of this.existing.outputs) this.reserve('output', o);
    for (const l of this.existing.locals ?? []) this.reserve('local', l);
  }

  get profile() {
    return this.plan.profile;
  }
  get prod() {
    return this.plan.env === 'prod';
  }
  get ha() {
    return this.plan.profile.highAvailability;
  }

  component<K extends ComponentKind>(kind: K): ComponentOf<K> | undefined {
    return this.plan.components.find((c): c is ComponentOf<K> => c.kind === kind);
  }
  components<K extends ComponentKind>(kind: K): ComponentOf<K>[] {
    return this.plan.components.filter((c): c is ComponentOf<K> => c.kind === kind);
  }
  byId(id: string | undefined): Component | undefined {
    return id === undefined ? undefined : this.plan.components.find((c) => c.id === id);
  }
  /** Marks a component rendered; false when it already was. */
  begin(id: string): boolean {
    if (this.rendered.has(id)) return false;
    this.rendered.add(id);
    return true;
  }
  /** Makes sure a component (by id) has been rendered, rendering it now if not. */
  ensure(id: string): void {
    if (!this.rendered.has(id)) this.renderComponent(id);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Names

  private reserve(space: string, name: string): void {
    let set = this.used.get(space);
    if (!set) this.used.set(space, (set = new Set()));
    set.add(name);
  }
  private isUsed(space: string, name: string): boolean {
    return this.used.get(space)?.has(name) ?? false;
  }
  /** A name not yet used in the namespace: `wanted`, else `wanted_2`, `wanted_3`… */
  unique(space: string, wanted: string): string {
    const base = sanitize(wanted);
    let name = base;
    for (let i = 2; this.isUsed(space, name); i++) name = `${base}_${i}`;
    this.reserve(space, name);
    return name;
  }

  /** The file a concern goes to: `database.tf`, or `database_2.tf` when the folder already has one. */
  file(concern: string): string {
    let name = this.fileNames.get(concern);
    if (!name) {
      const taken = new Set([...this.existing.files, ...this.fileNames.values()]);
      name = `${concern}.tf`;
      for (let i = 2; taken.has(name); i++) name = `${concern}_${i}.tf`;
      this.fileNames.set(concern, name);
      this.files.set(name, []);
    }
    return name;
  }

  private push(concern: string, b: TopBlock): void {
    const f = this.file(concern);
    this.files.get(f)!.push(b);
    this.lastBlock = b;
  }

  /** Adds a resource; returns its address (`aws_vpc.main`), with the name made unique. */
  resource(concern: string, type: string, wanted: string, body: Body, leading?: string[]): string {
    const name = this.unique(`resource:${type}`, wanted);
    this.push(concern, { type: 'resource', labels: [type, name], body, leading });
    const address = `${type}.${name}`;
    this.addresses.push(address);
    return address;
  }

  /** Adds a data source; returns its address (`data.aws_iam_policy_document.x`). */
  data(concern: string, type: string, wanted: string, body: Body): string {
    const name = this.unique(`data:${type}`, wanted);
    this.push(concern, { type: 'data', labels: [type, name], body });
    return `data.${type}.${name}`;
  }

  /** Declares an input variable (or reuses the folder's variable of that name for shared ones); returns `var.x`. */
  variable(wanted: string, spec: VariableSpec, shared = false): Expr {
    const key = sanitize(wanted);
    const known = this.variableNames.get(key);
    if (known) return ref(`var.${known}`);
    if (shared && this.existing.variables.includes(key)) {
      this.variableNames.set(key, key);
      return ref(`var.${key}`);
    }
    const name = this.unique('variable', key);
    this.variableNames.set(key, name);
    const body: Body = { description: spec.description, type: ref(spec.type) };
    if (spec.default !== undefined) body.default = spec.default;
    if (spec.sensitive) body.sensitive = true;
    if (spec.nullable === false) body.nullable = false;
    const v = ref(`var.${name}`);
    const validations = (spec.validation ?? []).map((val) =>
      block({ condition: ref(val.condition.replaceAll('$VAR', v.text)), error_message: val.message }),
    );
    if (validations.length > 0) body.validation = validations;
    this.variables.push({ type: 'variable', labels: [name], body });
    return v;
  }

  output(wanted: string, value: Value, description: string, sensitive = false): void {
    const name = this.unique('output', wanted);
    const body: Body = { description, value };
    if (sensitive) body.sensitive = true;
    this.outputs.push({ type: 'output', labels: [name], body });
  }

  /** Declares a local value; returns `local.x`. */
  local(wanted: string, value: Value): Expr {
    const name = this.unique('local', wanted);
    this.locals[name] = value;
    return ref(`local.${name}`);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Shared pieces

  /** `${var.project}-${var.environment}`: the prefix of every physical name. */
  get prefix(): string {
    if (!this.namePrefix) {
      const project = this.variable(
        'project',
        {
          type: 'string',
          description: 'Short project name, used as the prefix of resource names.',
          default: this.plan.project,
          validation: [
            {
              // Short enough for the 32-character names of load balancers and target groups.
              condition: 'can(regex("^[a-z][a-z0-9-]{1,11}$", $VAR))',
              message: 'Use 2-12 lower-case letters, digits or dashes, starting with a letter.',
            },
          ],
        },
        true,
      );
      const env = this.envVar();
      const l = this.local('name_prefix', tpl(`\${${project.text}}-\${${env.text}}`));
      this.namePrefix = l.text;
    }
    return this.namePrefix;
  }

  /** A physical name template: `"${local.name_prefix}-suffix"`. */
  name(suffix: string): Expr {
    return tpl(`\${${this.prefix}}-${suffix}`);
  }
  /** The same as a bare template string for use inside other templates. */
  nameText(suffix: string): string {
    return `\${${this.prefix}}-${suffix}`;
  }

  envVar(): Expr {
    return this.variable(
      'environment',
      {
        type: 'string',
        description: 'Deployment environment.',
        default: this.plan.env,
        validation: [
          {
            condition: 'contains(["prod", "staging", "dev"], $VAR)',
            message: 'The environment must be prod, staging or dev.',
          },
        ],
      },
      true,
    );
  }

  regionVar(): Expr {
    return this.variable(
      'region',
      {
        type: 'string',
        description: 'AWS region to deploy into.',
        default: this.plan.region,
        validation: [
          {
            condition: 'can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", $VAR))',
            message: 'Use an AWS region name such as eu-west-1.',
          },
        ],
      },
      true,
    );
  }

  accountId(): string {
    if (!this.accountData) {
      this.accountData = true;
      this.currentAccount =
        this.existingData('aws_caller_identity') ?? this.data('main', 'aws_caller_identity', 'current', {});
    }
    return `${this.currentAccount}.account_id`;
  }
  private currentAccount = '';
  private currentRegion = '';
  private currentPartition = '';

  region(): string {
    if (!this.regionData) {
      this.regionData = true;
      this.currentRegion = this.existingData('aws_region') ?? this.data('main', 'aws_region', 'current', {});
    }
    return `${this.currentRegion}.region`;
  }

  partition(): string {
    if (!this.partitionData) {
      this.partitionData = true;
      this.currentPartition =
        this.existingData('aws_partition') ?? this.data('main', 'aws_partition', 'current', {});
    }
    return `${this.currentPartition}.partition`;
  }

  /** An argument-free data source the folder already declares (aws_region, aws_caller_identity…), to reuse. */
  private existingData(type: string): string | undefined {
    const d = (this.existing.dataSources ?? []).find(
      (x) => x.type === type && Object.keys(x.attributes ?? {}).length === 0,
    );
    return d ? `data.${type}.${d.name}` : undefined;
  }

  /** The stack's customer-managed KMS key ARN, created on first use; `users` are the services that may use it. */
  kmsKeyArn(...users: KeyUser[]): Expr {
    if (!this.keyAddress) this.keyAddress = this.dedicatedKey('main', 'stack', []).text.replace(/\.arn$/, '');
    for (const u of users) this.keys.get(this.keyAddress)!.users.add(u);
    return ref(`${this.keyAddress}.arn`);
  }

  /** A separate customer-managed key for one data set (its own alias and rotation); returns its ARN. */
  dedicatedKey(id: string, what: string, users: KeyUser[]): Expr {
    // The body is filled in at finish(), once every service that needs the key is known.
    const address = this.resource('kms', 'aws_kms_key', id, {});
    this.keys.set(address, { users: new Set(users), what });
    return ref(`${address}.arn`);
  }

  private readonly keys = new Map<string, { users: Set<KeyUser>; what: string }>();

  private finishKeys(): void {
    for (const [address, { users, what }] of this.keys) this.finishKey(address, users, what);
  }

  private finishKey(address: string, users: Set<KeyUser>, what: string): void {
    const blocks = this.files.get(this.file('kms'))!;
    const keyBlock = blocks.find((b) => `${b.labels[0]}.${b.labels[1]}` === address)!;
    const account = this.accountId();
    const region = this.region();
    const partition = this.partition();
    const statements: Value[] = [
      {
        Sid: 'AccountAdministration',
        Effect: 'Allow',
        Principal: { AWS: tpl(`arn:\${${partition}}:iam::\${${account}}:root`) },
        Action: 'kms:*',
        Resource: '*',
      },
    ];
    const use = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];
    const service = (u: KeyUser) =>
      u === 'logs' ? tpl(`logs.\${${region}}.amazonaws.com`) : `${u}.amazonaws.com`;
    for (const u of [...users].sort()) {
      const st: Record<string, Value> = {
        Sid: `Allow${u.replace(/(^|\.)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`,
        Effect: 'Allow',
        Principal: { Service: service(u) },
        Action: use,
        Resource: '*',
      };
      if (u === 'logs') {
        st.Condition = {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': tpl(
              `arn:\${${partition}}:logs:\${${region}}:\${${account}}:log-group:*`,
            ),
          },
        };
      } else if (u === 'cloudtrail') {
        st.Condition = {
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': tpl(
              `arn:\${${partition}}:cloudtrail:*:\${${account}}:trail/*`,
            ),
          },
        };
      } else {
        st.Condition = { StringEquals: { 'aws:SourceAccount': ref(account) } };
      }
      statements.push(st);
    }
    const name = address.split('.')[1];
    keyBlock.body = {
      description: tpl(`Encrypts the ${what} data of ${this.nameText('stack')}`),
      enable_key_rotation: true,
      rotation_period_in_days: 365,
      deletion_window_in_days: 30,
      policy: call('jsonencode', { Version: '2012-10-17', Statement: statements }),
    };
    this.resource('kms', 'aws_kms_alias', name, {
      name: tpl(
        name === 'main' ? `alias/\${${this.prefix}}` : `alias/\${${this.prefix}}-${name.replace(/_/g, '-')}`,
      ),
      target_key_id: ref(`${address}.key_id`),
    });
  }

  /** The block added last (to adjust a helper's output). */
  lastResource(): TopBlock {
    return this.lastBlock!;
  }

  /** The stack's ECS cluster, created on first use. */
  ecsCluster(concern: string): string {
    if (!this.clusterAddress) {
      this.clusterAddress = this.resource(concern, 'aws_ecs_cluster', 'main', {
        name: this.name('cluster'),
        setting: block({ name: 'containerInsights', value: 'enabled' }),
      });
      this.output('ecs_cluster_name', ref(`${this.clusterAddress}.name`), 'Name of the ECS cluster.');
    }
    return this.clusterAddress;
  }

  /** A CloudWatch log group encrypted with the stack's key; returns its address. */
  logGroup(concern: string, id: string, name: Expr | string, retentionDays?: number): string {
    return this.resource(concern, 'aws_cloudwatch_log_group', id, {
      name: typeof name === 'string' ? name : name,
      retention_in_days: retentionDays ?? this.profile.logRetentionDays,
      kms_key_id: this.kmsKeyArn('logs'),
    });
  }

  /** The network the stack runs in: the existing folder's VPC and subnets, or the plan's network (made if absent). */
  network(): NetworkRefs {
    if (this.networkRefs) return this.networkRefs;
    const reused = reuseNetwork(this.existing);
    if (reused) return (this.networkRefs = reused);
    let net = this.component('network');
    if (!net) {
      net = {
        kind: 'network',
        id: this.plan.components.some((c) => c.id === 'main') ? 'network' : 'main',
        cidr: '10.0.0.0/16',
        azCount: this.profile.azCount,
        publicSubnets: true,
        privateSubnets: true,
        nat: this.ha ? 'perAz' : 'single',
        flowLogs: true,
      };
      this.plan.components.unshift(net);
    }
    this.renderComponent(net.id);
    if (!this.networkRefs) throw new Error(`network ${net.id} did not render`);
    return this.networkRefs;
  }

  setNetwork(refs: NetworkRefs): void {
    this.networkRefs = refs;
  }

  /** The bucket receiving S3 server access logs and load balancer logs (SSE-S3: those services need it). */
  logBucket(): string {
    if (this.logBucketAddress) return this.logBucketAddress;
    const bucket = this.resource('logging', 'aws_s3_bucket', 'access_logs', {
      bucket_prefix: tpl(`\${${this.prefix}}-access-logs-`),
      force_destroy: !this.profile.deletionProtection,
      skip1: skip('CKV_AWS_18', 'This is the access-log target bucket; logging it into itself would loop'),
      skip2: skip('CKV_AWS_144', 'Access logs are not replicated to a second region'),
      skip3: skip(
        'CKV_AWS_145',
        'S3 server access logs and ELB access logs support only SSE-S3 on the target',
      ),
      skip4: skip('CKV2_AWS_62', 'No consumers of object events for access logs'),
    });
    this.logBucketAddress = bucket;
    this.resource('logging', 'aws_s3_bucket_public_access_block', 'access_logs', {
      bucket: ref(`${bucket}.id`),
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    this.resource('logging', 'aws_s3_bucket_ownership_controls', 'access_logs', {
      bucket: ref(`${bucket}.id`),
      rule: block({ object_ownership: 'BucketOwnerEnforced' }),
    });
    this.resource('logging', 'aws_s3_bucket_versioning', 'access_logs', {
      bucket: ref(`${bucket}.id`),
      versioning_configuration: block({ status: 'Enabled' }),
    });
    this.resource('logging', 'aws_s3_bucket_server_side_encryption_configuration', 'access_logs', {
      bucket: ref(`${bucket}.id`),
      rule: block({ apply_server_side_encryption_by_default: block({ sse_algorithm: 'AES256' }) }),
    });
    this.resource('logging', 'aws_s3_bucket_lifecycle_configuration', 'access_logs', {
      bucket: ref(`${bucket}.id`),
      rule: block({
        id: 'expire-logs',
        status: 'Enabled',
        filter: block({}),
        abort_incomplete_multipart_upload: block({ days_after_initiation: 7 }),
        expiration: block({ days: 365 }),
        noncurrent_version_expiration: block({ noncurrent_days: 30 }),
      }),
    });
    const account = this.accountId();
    const partition = this.partition();
    const elb = this.data('logging', 'aws_elb_service_account', 'main', {});
    const policy = this.data('logging', 'aws_iam_policy_document', 'access_logs', {
      statement: [
        block({
          sid: 'S3ServerAccessLogs',
          actions: ['s3:PutObject'],
          resources: [tpl(`\${${bucket}.arn}/*`)],
          principals: block({ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }),
          condition: block({ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ref(account)] }),
        }),
        block({
          sid: 'LoadBalancerAccessLogs',
          actions: ['s3:PutObject'],
          resources: [tpl(`\${${bucket}.arn}/alb/AWSLogs/\${${account}}/*`)],
          principals: block({ type: 'AWS', identifiers: [ref(`${elb}.arn`)] }),
        }),
        block({
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          actions: ['s3:*'],
          resources: [ref(`${bucket}.arn`), tpl(`\${${bucket}.arn}/*`)],
          principals: block({ type: 'AWS', identifiers: ['*'] }),
          condition: block({ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }),
        }),
      ],
    });
    void partition;
    this.resource('logging', 'aws_s3_bucket_policy', 'access_logs', {
      bucket: ref(`${bucket}.id`),
      policy: ref(`${policy}.json`),
    });
    return bucket;
  }

  /** The SNS topic alarms notify: the folder's alert topic when it has one, else a new encrypted topic. */
  alertTopic(): Expr {
    if (this.alertTopicArn) return this.alertTopicArn;
    const existing = this.existing.resources.find(
      (r) => r.type === 'aws_sns_topic' && /alert|alarm|ops|notif|oncall|page/i.test(r.name),
    );
    if (existing) return (this.alertTopicArn = ref(`aws_sns_topic.${existing.name}.arn`));
    const topic = this.resource('monitoring', 'aws_sns_topic', 'alerts', {
      name: this.name('alerts'),
      kms_master_key_id: ref(this.kmsKeyArn('cloudwatch', 'sns', 'events', 'budgets').text),
    });
    this.alertTopicArn = ref(`${topic}.arn`);
    this.output('alert_topic_arn', this.alertTopicArn, 'SNS topic that receives alarm notifications.');
    return this.alertTopicArn;
  }

  /** An IAM role assumable by one AWS service; returns its address. */
  serviceRole(concern: string, id: string, service: string, description: string): string {
    const doc = this.data(concern, 'aws_iam_policy_document', `${id}_assume`, {
      statement: block({
        actions: ['sts:AssumeRole'],
        principals: block({ type: 'Service', identifiers: [service] }),
      }),
    });
    return this.resource(concern, 'aws_iam_role', id, {
      name: this.name(id.replace(/_/g, '-')),
      description,
      assume_role_policy: ref(`${doc}.json`),
    });
  }

  /** Attaches an AWS managed policy to a role. */
  managedPolicy(concern: string, id: string, role: string, policy: string): string {
    return this.resource(concern, 'aws_iam_role_policy_attachment', id, {
      role: ref(`${role}.name`),
      policy_arn: tpl(`arn:\${${this.partition()}}:iam::aws:policy/${policy}`),
    });
  }

  /** An inline least-privilege policy on a role, from statements `{ actions, resources, condition? }`. */
  rolePolicy(
    concern: string,
    id: string,
    role: string,
    statements: { sid?: string; actions: string[]; resources: Value[]; condition?: Body }[],
  ): void {
    if (statements.length === 0) return;
    const doc = this.data(concern, 'aws_iam_policy_document', id, {
      statement: statements.map((s) =>
        block({
          sid: s.sid,
          actions: s.actions,
          resources: s.resources,
          condition: s.condition ? block(s.condition) : undefined,
        }),
      ),
    });
    this.resource(concern, 'aws_iam_role_policy', id, {
      name: id.replace(/_/g, '-'),
      role: ref(`${role}.id`),
      policy: ref(`${doc}.json`),
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Output

  finish(): { path: string; blocks: TopBlock[]; header?: string[] }[] {
    this.finishKeys();
    if (Object.keys(this.locals).length > 0) {
      const main = this.files.get(this.file('main'))!;
      main.unshift({ type: 'locals', labels: [], body: this.locals });
    }
    const out: { path: string; blocks: TopBlock[] }[] = [];
    const head = this.headFiles();
    out.push(...head);
    if (this.variables.length > 0) out.push({ path: this.file('variables'), blocks: this.variables });
    for (const [path, blocks] of this.files) {
      if (blocks.length === 0 || path === this.fileNames.get('variables')) continue;
      out.push({ path, blocks });
    }
    if (this.outputs.length > 0) out.push({ path: this.file('outputs'), blocks: this.outputs });
    const rank = (p: string) => {
      const i = ORDER.findIndex((o) => o.replace('.tf', '') === p.replace(/(_\d+)?\.tf$/, ''));
      return i === -1 ? (p.startsWith('outputs') ? 1000 : 100) : i;
    };
    return out.sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }

  private headFiles(): { path: string; blocks: TopBlock[] }[] {
    const out: { path: string; blocks: TopBlock[] }[] = [];
    const required = new Set(this.existing.requiredProviders ?? []);
    const wanted: [string, string, string][] = [['aws', 'hashicorp/aws', '~> 6.0']];
    if (this.providers.has('random')) wanted.push(['random', 'hashicorp/random', '~> 3.7']);
    if (this.providers.has('archive')) wanted.push(['archive', 'hashicorp/archive', '~> 2.7']);
    const missing = wanted.filter(([n]) => !required.has(n));
    if (missing.length > 0 || !this.existing.hasRequiredVersion) {
      const body: Body = {};
      if (!this.existing.hasRequiredVersion) body.required_version = '>= 1.10';
      if (missing.length > 0) {
        const providers: Body = {};
        for (const [n, source, version] of missing) providers[n] = { source, version };
        body.required_providers = block(providers);
      }
      out.push({ path: this.file('versions'), blocks: [{ type: 'terraform', labels: [], body }] });
    }
    const configured = new Set(this.existing.providers ?? []);
    const blocks: TopBlock[] = [];
    if (!configured.has('aws')) {
      blocks.push({
        type: 'provider',
        labels: ['aws'],
        body: { region: this.regionVar(), default_tags: block({ tags: this.defaultTags() }) },
      });
    }
    if (this.usEast1 && !configured.has('aws.us_east_1')) {
      blocks.push({
        type: 'provider',
        labels: ['aws'],
        leading: ['CloudFront certificates and web ACLs must live in us-east-1.'],
        body: { alias: 'us_east_1', region: 'us-east-1', default_tags: block({ tags: this.defaultTags() }) },
      });
    }
    if (blocks.length > 0) out.push({ path: this.file('providers'), blocks });
    return out;
  }

  private defaultTags(): Value {
    const project = this.variableNames.get('project');
    return {
      Project: project ? ref(`var.${project}`) : this.plan.project,
      Environment: this.envVar(),
      ManagedBy: 'terraform',
    };
  }
}

export function sanitize(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_+/g, '_');
  return /^[a-z]/.test(s) ? s : `x_${s || 'main'}`;
}

/** The folder's VPC and subnets as references, when it has a VPC. */
export function reuseNetwork(existing: ExistingStack): NetworkRefs | undefined {
  const vpc = existing.resources.find((r) => r.type === 'aws_vpc');
  if (!vpc) return undefined;
  const subnets = existing.resources.filter((r) => r.type === 'aws_subnet');
  const idsOf = (pred: (name: string) => boolean): string | undefined => {
    const chosen = subnets.filter((s) => pred(s.name));
    if (chosen.length === 0) return undefined;
    const parts = chosen.map((s) => {
      const a = s.attributes ?? {};
      if (a.for_each !== undefined) return `values(aws_subnet.${s.name})[*].id`;
      if (a.count !== undefined) return `aws_subnet.${s.name}[*].id`;
      return `[aws_subnet.${s.name}.id]`;
    });
    return parts.length === 1 ? parts[0] : `concat(${parts.join(', ')})`;
  };
  const isPublic = (n: string) => /public|pub\b|dmz|edge/.test(n);
  const isPrivate = (n: string) => /private|priv|app|internal|data|db/.test(n) && !isPublic(n);
  const priv = idsOf(isPrivate) ?? idsOf((n) => !isPublic(n)) ?? idsOf(() => true);
  const pub = idsOf(isPublic) ?? priv;
  return {
    vpcId: ref(`aws_vpc.${vpc.name}.id`),
    vpcCidr: ref(`aws_vpc.${vpc.name}.cidr_block`),
    privateSubnetIds: ref(priv ?? '[]'),
    publicSubnetIds: ref(pub ?? '[]'),
    reused: true,
  };
}
