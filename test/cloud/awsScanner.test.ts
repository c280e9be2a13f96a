import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  AttachInternetGatewayCommand,
  AssociateRouteTableCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  EnableKeyRotationCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { CreateDBInstanceCommand, CreateDBSubnetGroupCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { AwsScanner, ScanCancelledError } from '../../server/src/service/cloud/aws/scanner';
import type { LiveResource, ScanProgress, Snapshot } from '../../server/src/service/cloud/snapshot';

interface Moto {
  endpoint: string;
  startMs: number;
  stop(): Promise<void>;
}
interface MotoModule {
  isInstalled(): boolean;
  startMoto(options?: { port?: number }): Promise<Moto>;
  freePort(): Promise<number>;
}

const REGION = 'us-east-1';
const OTHER = 'eu-west-1';

describe('AwsScanner against moto (server mode)', function () {
  let mod: MotoModule;
  let moto: Moto | undefined;
  let snap: Snapshot;
  let scanMs = 0;
  const ids: Record<string, string> = {};
  const savedEnv = { ...process.env };

  before(async function () {
    mod = (await import(pathToFileURL(path.join(__dirname, '../../scripts/moto.mjs')).href)) as MotoModule;
    if (!mod.isInstalled()) {
      console.log('    (skipped: moto is not installed; run `node scripts/moto.mjs --install`)');
      this.skip();
    }
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_SESSION_TOKEN: 'testing',
      AWS_REGION: REGION,
    });
    delete process.env.AWS_PROFILE;
    moto = await mod.startMoto();
    console.log(`    moto started in ${moto.startMs} ms on ${moto.endpoint}`);
    await createResources(moto.endpoint, ids);
  });

  after(async () => {
    await moto?.stop();
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
  });

  const scanner = new AwsScanner({ maxAttempts: 2 });
  const one = (type: string, pred: (r: LiveResource) => boolean = () => true): LiveResource => {
    const found = snap.resources.filter((r) => r.type === type && pred(r));
    assert.equal(found.length, 1, `${type}: ${found.length} found`);
    return found[0];
  };

  it('scans every supported type, reports progress and the account', async () => {
    const progress: ScanProgress[] = [];
    const t = Date.now();
    snap = await scanner.scan({ regions: [REGION], endpoint: moto!.endpoint }, (p) => progress.push(p));
    scanMs = Date.now() - t;
    console.log(
      `    scan of ${snap.resources.length} resources over ${snap.types.length} types took ${scanMs} ms`,
    );
    assert.equal(snap.version, 1);
    assert.equal(snap.account, '123456789012');
    assert.equal(snap.endpoint, moto!.endpoint);
    assert.deepEqual(snap.regions, [REGION]);
    const failed = snap.types.filter((t) => t.state !== 'ok');
    assert.deepEqual(failed, [], `failed types: ${JSON.stringify(failed)}`);
    assert.deepEqual(
      snap.types.map((t) => t.type),
      [...scanner.supportedTypes()],
    );
    const last = progress[progress.length - 1];
    assert.equal(last.done, last.total);
    assert.equal(last.total, scanner.supportedTypes().length + 1);
    assert.ok(progress.every((p, i) => i === 0 || p.done === progress[i - 1].done + 1));
  });

  it('normalises VPC, subnets, internet gateway and route table', () => {
    const vpc = one('aws_vpc');
    assert.equal(vpc.id, ids.vpc);
    assert.equal(vpc.name, 'main');
    assert.deepEqual(vpc.attributes, {
      id: ids.vpc,
      cidr_block: '10.0.0.0/16',
      instance_tenancy: 'default',
      enable_dns_hostnames: true,
      enable_dns_support: true,
      ipv6_cidr_block: '',
      owner_id: '123456789012',
      tags: { Env: 'test', Name: 'main' },
    });
    const a = one('aws_subnet', (r) => r.id === ids.subnetA);
    assert.deepEqual(
      { ...a.attributes, availability_zone_id: undefined },
      {
        id: ids.subnetA,
        vpc_id: ids.vpc,
        cidr_block: '10.0.1.0/24',
        availability_zone: 'us-east-1a',
        availability_zone_id: undefined,
        map_public_ip_on_launch: false,
        assign_ipv6_address_on_creation: false,
        ipv6_cidr_block: '',
        tags: { Name: 'a' },
      },
    );
    assert.equal(
      snap.resources.filter((r) => r.type === 'aws_subnet').length,
      2,
      'default subnets are left out',
    );
    assert.deepEqual(one('aws_internet_gateway').attributes, {
      id: ids.igw,
      vpc_id: ids.vpc,
      owner_id: '123456789012',
      tags: {},
    });
    const rt = one('aws_route_table');
    assert.equal(rt.id, ids.rtb);
    assert.deepEqual(rt.attributes.route, [
      {
        cidr_block: '0.0.0.0/0',
        ipv6_cidr_block: '',
        destination_prefix_list_id: '',
        gateway_id: ids.igw,
        nat_gateway_id: '',
        network_interface_id: '',
        transit_gateway_id: '',
        vpc_endpoint_id: '',
        vpc_peering_connection_id: '',
        egress_only_gateway_id: '',
      },
    ]);
    const assoc = one('aws_route_table_association');
    assert.equal(assoc.id, `${ids.subnetA}/${ids.rtb}`);
    assert.deepEqual(
      { ...assoc.attributes, id: undefined },
      {
        id: undefined,
        route_table_id: ids.rtb,
        subnet_id: ids.subnetA,
        gateway_id: '',
      },
    );
  });

  it('normalises a security group with its rules as sorted sets', () => {
    const sg = one('aws_security_group');
    assert.equal(sg.id, ids.sg);
    const rule = (p: Record<string, unknown>) => ({
      cidr_blocks: [],
      ipv6_cidr_blocks: [],
      prefix_list_ids: [],
      security_groups: [],
      self: false,
      description: '',
      ...p,
    });
    assert.deepEqual(sg.attributes, {
      id: ids.sg,
      name: 'web',
      description: 'web servers',
      vpc_id: ids.vpc,
      ingress: [
        rule({
          from_port: 443,
          to_port: 443,
          protocol: 'tcp',
          cidr_blocks: ['0.0.0.0/0'],
          description: 'https',
        }),
        rule({ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8', '192.168.0.0/16'] }),
      ],
      egress: [rule({ from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'] })],
      owner_id: '123456789012',
      tags: { Name: 'web' },
    });
    const ingress = snap.resources.filter((r) => r.type === 'aws_vpc_security_group_ingress_rule');
    assert.ok(ingress.every((r) => r.attributes.security_group_id === ids.sg));
  });

  it('normalises an EC2 instance', () => {
    const i = one('aws_instance');
    assert.equal(i.id, ids.instance);
    const a = i.attributes;
    assert.equal(a.ami, ids.ami);
    assert.equal(a.instance_type, 't3.micro');
    assert.equal(a.subnet_id, ids.subnetA);
    assert.deepEqual(a.vpc_security_group_ids, [ids.sg]);
    assert.deepEqual(a.metadata_options, {
      http_endpoint: 'enabled',
      http_tokens: 'required',
      http_put_response_hop_limit: 2,
      instance_metadata_tags: 'disabled',
    });
    assert.deepEqual(a.tags, { Name: 'app' });
    assert.equal(i.name, 'app');
  });

  it('normalises an S3 bucket and its versioning, encryption and public access block', () => {
    const b = one('aws_s3_bucket');
    assert.equal(b.id, 'opsmith-data');
    assert.equal(b.region, REGION);
    assert.deepEqual(b.attributes.tags, { Owner: 'platform', Team: 'core' });
    assert.equal(b.arn, 'arn:aws:s3:::opsmith-data');
    assert.deepEqual(one('aws_s3_bucket_versioning').attributes, {
      id: 'opsmith-data',
      bucket: 'opsmith-data',
      versioning_configuration: { status: 'Enabled', mfa_delete: 'Disabled' },
    });
    assert.deepEqual(one('aws_s3_bucket_server_side_encryption_configuration').attributes, {
      id: 'opsmith-data',
      bucket: 'opsmith-data',
      rule: [
        {
          apply_server_side_encryption_by_default: { sse_algorithm: 'AES256', kms_master_key_id: '' },
          bucket_key_enabled: false,
        },
      ],
    });
    assert.deepEqual(one('aws_s3_bucket_public_access_block').attributes, {
      id: 'opsmith-data',
      bucket: 'opsmith-data',
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it('normalises an IAM role (policy parsed), a policy and the attachment', () => {
    const role = one('aws_iam_role');
    assert.equal(role.id, 'app-role');
    assert.equal(role.region, 'global');
    assert.deepEqual(role.attributes.assume_role_policy, ASSUME);
    assert.equal(role.attributes.max_session_duration, 3600);
    assert.equal(role.attributes.path, '/');
    assert.deepEqual(role.attributes.tags, { Team: 'core' });
    const policy = one('aws_iam_policy');
    assert.equal(policy.id, ids.policyArn);
    assert.equal(policy.attributes.name, 'app-read');
    assert.deepEqual(policy.attributes.policy, POLICY);
    assert.deepEqual(one('aws_iam_role_policy_attachment').attributes, {
      id: `app-role-${ids.policyArn}`,
      role: 'app-role',
      policy_arn: ids.policyArn,
    });
  });

  it('normalises queue, topic, table, log group and KMS key with alias', () => {
    const q = one('aws_sqs_queue');
    assert.equal(q.attributes.name, 'jobs');
    assert.equal(q.attributes.visibility_timeout_seconds, 45);
    assert.equal(q.attributes.delay_seconds, 0);
    assert.equal(q.attributes.fifo_queue, false);
    assert.deepEqual(q.attributes.tags, { Team: 'core' });
    const t = one('aws_sns_topic');
    assert.equal(t.attributes.name, 'alerts');
    assert.equal(t.attributes.display_name, 'Alerts');
    const table = one('aws_dynamodb_table');
    assert.deepEqual(
      {
        name: table.attributes.name,
        billing_mode: table.attributes.billing_mode,
        hash_key: table.attributes.hash_key,
        range_key: table.attributes.range_key,
        attribute: table.attributes.attribute,
        read_capacity: table.attributes.read_capacity,
      },
      {
        name: 'orders',
        billing_mode: 'PAY_PER_REQUEST',
        hash_key: 'pk',
        range_key: 'sk',
        attribute: [
          { name: 'pk', type: 'S' },
          { name: 'sk', type: 'N' },
        ],
        read_capacity: 0,
      },
    );
    const lg = one('aws_cloudwatch_log_group', (r) => r.id === '/app/web');
    assert.equal(lg.attributes.retention_in_days, 14);
    assert.deepEqual(lg.attributes.tags, { Team: 'core' });
    const key = one('aws_kms_key');
    assert.equal(key.id, ids.key);
    assert.equal(key.attributes.description, 'app key');
    assert.equal(key.attributes.enable_key_rotation, true);
    assert.equal(key.attributes.customer_master_key_spec, 'SYMMETRIC_DEFAULT');
    assert.equal(typeof key.attributes.policy, 'object');
    assert.deepEqual(one('aws_kms_alias').attributes.target_key_id, ids.key);
  });

  it('normalises an RDS instance and its subnet group', () => {
    const db = one('aws_db_instance');
    assert.equal(db.id, 'app-db');
    const a = db.attributes;
    assert.deepEqual(
      {
        identifier: a.identifier,
        engine: a.engine,
        instance_class: a.instance_class,
        allocated_storage: a.allocated_storage,
        storage_encrypted: a.storage_encrypted,
        publicly_accessible: a.publicly_accessible,
        db_subnet_group_name: a.db_subnet_group_name,
        username: a.username,
        tags: a.tags,
      },
      {
        identifier: 'app-db',
        engine: 'postgres',
        instance_class: 'db.t3.micro',
        allocated_storage: 20,
        storage_encrypted: true,
        publicly_accessible: false,
        db_subnet_group_name: 'app-db-subnets',
        username: 'app',
        tags: { Team: 'core' },
      },
    );
    const group = one('aws_db_subnet_group');
    assert.deepEqual(group.attributes.subnet_ids, [ids.subnetA, ids.subnetB].sort());
  });

  it('normalises load balancer, target group, listener, ECR, ECS and Route53', () => {
    const lb = one('aws_lb');
    assert.equal(lb.id, ids.lb);
    assert.equal(lb.attributes.name, 'web-lb');
    assert.equal(lb.attributes.internal, false);
    assert.equal(lb.attributes.load_balancer_type, 'application');
    assert.deepEqual(lb.attributes.subnets, [ids.subnetA, ids.subnetB].sort());
    assert.deepEqual(lb.attributes.security_groups, [ids.sg]);
    assert.deepEqual(lb.tags, { Team: 'core' });
    const tg = one('aws_lb_target_group');
    assert.deepEqual(
      [tg.attributes.name, tg.attributes.port, tg.attributes.protocol],
      ['web-tg', 80, 'HTTP'],
    );
    const listener = one('aws_lb_listener');
    assert.equal(listener.attributes.load_balancer_arn, ids.lb);
    assert.deepEqual(listener.attributes.default_action, [
      { type: 'forward', target_group_arn: ids.tg, order: 1 },
    ]);
    const repo = one('aws_ecr_repository');
    assert.equal(repo.id, 'app');
    assert.equal(repo.attributes.image_tag_mutability, 'MUTABLE');
    assert.deepEqual(repo.tags, { Team: 'core' });
    assert.equal(one('aws_ecs_cluster').id, 'apps');
    const svc = one('aws_ecs_service');
    assert.equal(svc.id, 'apps/web');
    assert.equal(svc.attributes.desired_count, 2);
    assert.equal(one('aws_ecs_task_definition').attributes.family, 'web');
    const zone = one('aws_route53_zone');
    assert.deepEqual([zone.id, zone.attributes.name, zone.region], [ids.zone, 'example.test', 'global']);
    const rec = one('aws_route53_record');
    assert.equal(rec.id, `${ids.zone}_www.example.test_A`);
    assert.deepEqual(rec.attributes.records, ['10.0.1.10', '10.0.1.20']);
    assert.equal(rec.attributes.ttl, 300);
  });

  it('follows pagination (120 log groups in another region)', async function () {
    const logs = new CloudWatchLogsClient({ region: OTHER, endpoint: moto!.endpoint });
    for (let i = 0; i < 120; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          logs.send(new CreateLogGroupCommand({ logGroupName: `/bulk/g${String(i + j).padStart(3, '0')}` })),
        ),
      );
    }
    const t = Date.now();
    const s = await scanner.scan({
      regions: [OTHER],
      endpoint: moto!.endpoint,
      types: ['aws_cloudwatch_log_group'],
    });
    console.log(`    scan of 120 log groups (3 pages of 50) took ${Date.now() - t} ms`);
    assert.deepEqual(
      s.types.map((t) => [t.type, t.region, t.state, t.count]),
      [['aws_cloudwatch_log_group', OTHER, 'ok', 120]],
    );
    assert.equal(new Set(s.resources.map((r) => r.id)).size, 120);
  });

  it('marks a failing service failed (never empty) and scans the others', async () => {
    const dead = await mod.freePort();
    const broken = new AwsScanner({
      maxAttempts: 1,
      connectionTimeoutMs: 1000,
      serviceEndpoints: { sqs: `http://127.0.0.1:${dead}` },
    });
    const s = await broken.scan({
      regions: [REGION],
      endpoint: moto!.endpoint,
      types: ['aws_sqs_queue', 'aws_sns_topic', 'aws_vpc'],
    });
    const byType = Object.fromEntries(s.types.map((t) => [t.type, t]));
    assert.equal(byType.aws_sqs_queue.state, 'failed');
    assert.equal(byType.aws_sqs_queue.count, 0);
    assert.ok(byType.aws_sqs_queue.error, 'the error is recorded');
    assert.equal(byType.aws_sns_topic.state, 'ok');
    assert.equal(byType.aws_sns_topic.count, 1);
    assert.equal(byType.aws_vpc.state, 'ok');
    assert.ok(!s.resources.some((r) => r.type === 'aws_sqs_queue'));
  });

  it('records an unknown type as skipped', async () => {
    const s = await scanner.scan({
      regions: [REGION],
      endpoint: moto!.endpoint,
      types: ['aws_vpc', 'aws_nope'],
    });
    assert.deepEqual(
      s.types.map((t) => [t.type, t.state]),
      [
        ['aws_vpc', 'ok'],
        ['aws_nope', 'skipped'],
      ],
    );
  });

  it('stops on cancellation', async () => {
    const token = { isCancellationRequested: false };
    const t = Date.now();
    await assert.rejects(
      scanner.scan(
        { regions: [REGION, OTHER], endpoint: moto!.endpoint, concurrency: 2 },
        (p) => {
          if (p.done >= 2) token.isCancellationRequested = true;
        },
        token,
      ),
      ScanCancelledError,
    );
    const cancelMs = Date.now() - t;
    assert.ok(cancelMs < scanMs * 2 + 1000, `cancelled scan took ${cancelMs} ms`);
    await assert.rejects(
      scanner.scan({ regions: [REGION], endpoint: moto!.endpoint }, undefined, {
        isCancellationRequested: true,
      }),
      ScanCancelledError,
    );
  });
});

const ASSUME = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::opsmith-data/*' }],
};

async function createResources(endpoint: string, ids: Record<string, string>): Promise<void> {
  const cfg = { region: REGION, endpoint };
  const ec2 = new EC2Client(cfg);
  const vpc = await ec2.send(
    new CreateVpcCommand({
      CidrBlock: '10.0.0.0/16',
      TagSpecifications: [
        {
          ResourceType: 'vpc',
          Tags: [
            { Key: 'Name', Value: 'main' },
            { Key: 'Env', Value: 'test' },
          ],
        },
      ],
    }),
  );
  ids.vpc = vpc.Vpc!.VpcId!;
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: ids.vpc, EnableDnsHostnames: { Value: true } }));
  const subnet = async (cidr: string, az: string, name: string) =>
    (
      await ec2.send(
        new CreateSubnetCommand({
          VpcId: ids.vpc,
          CidrBlock: cidr,
          AvailabilityZone: az,
          TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'Name', Value: name }] }],
        }),
      )
    ).Subnet!.SubnetId!;
  ids.subnetA = await subnet('10.0.1.0/24', 'us-east-1a', 'a');
  ids.subnetB = await subnet('10.0.2.0/24', 'us-east-1b', 'b');
  ids.igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: ids.igw, VpcId: ids.vpc }));
  ids.rtb = (await ec2.send(new CreateRouteTableCommand({ VpcId: ids.vpc }))).RouteTable!.RouteTableId!;
  await ec2.send(
    new CreateRouteCommand({ RouteTableId: ids.rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: ids.igw }),
  );
  await ec2.send(new AssociateRouteTableCommand({ RouteTableId: ids.rtb, SubnetId: ids.subnetA }));
  ids.sg = (
    await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: 'web',
        Description: 'web servers',
        VpcId: ids.vpc,
        TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'Name', Value: 'web' }] }],
      }),
    )
  ).GroupId!;
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: ids.sg,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'https' }],
        },
        {
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          IpRanges: [{ CidrIp: '192.168.0.0/16' }, { CidrIp: '10.0.0.0/8' }],
        },
      ],
    }),
  );
  const images = await ec2.send(new DescribeImagesCommand({}));
  ids.ami = images.Images![0].ImageId!;
  const run = await ec2.send(
    new RunInstancesCommand({
      ImageId: ids.ami,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      SubnetId: ids.subnetA,
      SecurityGroupIds: [ids.sg],
      MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 2 },
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'app' }] }],
    }),
  );
  ids.instance = run.Instances![0].InstanceId!;

  const s3 = new S3Client({ ...cfg, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'opsmith-data' }));
  await s3.send(
    new PutBucketVersioningCommand({
      Bucket: 'opsmith-data',
      VersioningConfiguration: { Status: 'Enabled' },
    }),
  );
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: 'opsmith-data',
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    }),
  );
  await s3.send(
    new PutBucketTaggingCommand({
      Bucket: 'opsmith-data',
      Tagging: {
        TagSet: [
          { Key: 'Team', Value: 'core' },
          { Key: 'Owner', Value: 'platform' },
        ],
      },
    }),
  );
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: 'opsmith-data',
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    }),
  );

  const iam = new IAMClient(cfg);
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'app-role',
      AssumeRolePolicyDocument: JSON.stringify(ASSUME),
      Tags: [{ Key: 'Team', Value: 'core' }],
    }),
  );
  ids.policyArn = (
    await iam.send(
      new CreatePolicyCommand({ PolicyName: 'app-read', PolicyDocument: JSON.stringify(POLICY) }),
    )
  ).Policy!.Arn!;
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'app-role', PolicyArn: ids.policyArn }));

  await new SQSClient(cfg).send(
    new CreateQueueCommand({
      QueueName: 'jobs',
      Attributes: { VisibilityTimeout: '45' },
      tags: { Team: 'core' },
    }),
  );
  await new SNSClient(cfg).send(
    new CreateTopicCommand({ Name: 'alerts', Attributes: { DisplayName: 'Alerts' } }),
  );
  await new DynamoDBClient(cfg).send(
    new CreateTableCommand({
      TableName: 'orders',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'sk', AttributeType: 'N' },
        { AttributeName: 'pk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  const logs = new CloudWatchLogsClient(cfg);
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/web', tags: { Team: 'core' } }));
  await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/app/web', retentionInDays: 14 }));
  const kms = new KMSClient(cfg);
  ids.key = (await kms.send(new CreateKeyCommand({ Description: 'app key' }))).KeyMetadata!.KeyId!;
  await kms.send(new EnableKeyRotationCommand({ KeyId: ids.key }));
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: ids.key }));
  const rds = new RDSClient(cfg);
  await rds.send(
    new CreateDBSubnetGroupCommand({
      DBSubnetGroupName: 'app-db-subnets',
      DBSubnetGroupDescription: 'app',
      SubnetIds: [ids.subnetA, ids.subnetB],
    }),
  );
  await rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'app-db',
      Engine: 'postgres',
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: 20,
      StorageEncrypted: true,
      PubliclyAccessible: false,
      MasterUsername: 'app',
      MasterUserPassword: 'not-a-secret-1',
      DBSubnetGroupName: 'app-db-subnets',
      Tags: [{ Key: 'Team', Value: 'core' }],
    }),
  );

  const elb = new ElasticLoadBalancingV2Client(cfg);
  const lb = await elb.send(
    new CreateLoadBalancerCommand({
      Name: 'web-lb',
      Subnets: [ids.subnetA, ids.subnetB],
      SecurityGroups: [ids.sg],
      Tags: [{ Key: 'Team', Value: 'core' }],
    }),
  );
  ids.lb = lb.LoadBalancers![0].LoadBalancerArn!;
  const tg = await elb.send(
    new CreateTargetGroupCommand({ Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: ids.vpc }),
  );
  ids.tg = tg.TargetGroups![0].TargetGroupArn!;
  await elb.send(
    new CreateListenerCommand({
      LoadBalancerArn: ids.lb,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: ids.tg }],
    }),
  );
  await new ECRClient(cfg).send(
    new CreateRepositoryCommand({ repositoryName: 'app', tags: [{ Key: 'Team', Value: 'core' }] }),
  );
  const ecs = new ECSClient(cfg);
  await ecs.send(new CreateClusterCommand({ clusterName: 'apps' }));
  const td = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'web',
      containerDefinitions: [{ name: 'web', image: 'nginx', memory: 256 }],
    }),
  );
  await ecs.send(
    new CreateServiceCommand({
      cluster: 'apps',
      serviceName: 'web',
      taskDefinition: td.taskDefinition!.taskDefinitionArn,
      desiredCount: 2,
    }),
  );
  const r53 = new Route53Client(cfg);
  const zone = await r53.send(
    new CreateHostedZoneCommand({ Name: 'example.test', CallerReference: 'opsmith-1' }),
  );
  ids.zone = zone.HostedZone!.Id!.replace('/hostedzone/', '');
  await r53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: ids.zone,
      ChangeBatch: {
        Changes: [
          {
            Action: 'CREATE',
            ResourceRecordSet: {
              Name: 'www.example.test',
              Type: 'A',
              TTL: 300,
              ResourceRecords: [{ Value: '10.0.1.20' }, { Value: '10.0.1.10' }],
            },
          },
        ],
      },
    }),
  );
}
