import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import { ApiGatewayV2Client, CreateApiCommand } from '@aws-sdk/client-apigatewayv2';
import { AutoScalingClient, CreateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { CloudFrontClient, CreateDistributionCommand } from '@aws-sdk/client-cloudfront';
import {
  CreateLaunchTemplateCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateClusterCommand, CreateNodegroupCommand, EKSClient } from '@aws-sdk/client-eks';
import { CreateCacheClusterCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { EventBridgeClient, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { AwsScanner } from '../../server/src/service/cloud/aws/scanner';
import { moreListers } from '../../server/src/service/cloud/aws/more';
import type { LiveResource, Snapshot } from '../../server/src/service/cloud/snapshot';

interface Moto {
  endpoint: string;
  startMs: number;
  stop(): Promise<void>;
}
interface MotoModule {
  isInstalled(): boolean;
  startMoto(options?: { port?: number }): Promise<Moto>;
}

const REGION = 'us-east-1';
const ROLE = 'arn:aws:iam::123456789012:role/eks';

describe('more AWS listers against moto (server mode)', function () {
  this.timeout(60_000);
  let moto: Moto | undefined;
  let snap: Snapshot;
  const ids: Record<string, string> = {};
  /** Types whose resource moto could not create (the lister must still run with state 'ok'). */
  const notCreated = new Map<string, string>();
  const savedEnv = { ...process.env };

  before(async function () {
    const mod = (await import(
      pathToFileURL(path.join(__dirname, '../../scripts/moto.mjs')).href
    )) as MotoModule;
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
    await createResources(moto.endpoint);
    snap = await new AwsScanner({ maxAttempts: 2, listers: moreListers }).scan({
      regions: [REGION],
      endpoint: moto.endpoint,
    });
  });

  after(async () => {
    await moto?.stop();
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
  });

  async function attempt(types: string[], create: () => Promise<void>): Promise<void> {
    try {
      await create();
    } catch (error) {
      const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      for (const t of types) notCreated.set(t, why);
    }
  }

  async function createResources(endpoint: string): Promise<void> {
    const cfg = { region: REGION, endpoint };
    const ec2 = new EC2Client(cfg);
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }));
    const subnets: string[] = [];
    for (const [i, az] of ['a', 'b'].entries()) {
      const s = await ec2.send(
        new CreateSubnetCommand({
          VpcId: vpc.Vpc!.VpcId,
          CidrBlock: `10.1.${i + 1}.0/24`,
          AvailabilityZone: `${REGION}${az}`,
        }),
      );
      subnets.push(s.Subnet!.SubnetId!);
    }
    ids.subnets = [...subnets].sort().join(',');

    await attempt(['aws_autoscaling_group'], async () => {
      const images = await ec2.send(new DescribeImagesCommand({}));
      const lt = await ec2.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: 'web',
          LaunchTemplateData: { ImageId: images.Images?.[0]?.ImageId, InstanceType: 't3.micro' },
        }),
      );
      ids.lt = lt.LaunchTemplate!.LaunchTemplateId!;
      await new AutoScalingClient(cfg).send(
        new CreateAutoScalingGroupCommand({
          AutoScalingGroupName: 'web-asg',
          MinSize: 0,
          MaxSize: 3,
          DesiredCapacity: 0,
          VPCZoneIdentifier: [...subnets].reverse().join(','),
          LaunchTemplate: { LaunchTemplateId: ids.lt, Version: '$Latest' },
          Tags: [{ Key: 'Env', Value: 'test', PropagateAtLaunch: true }],
        }),
      );
    });

    const eks = new EKSClient(cfg);
    await attempt(['aws_eks_cluster', 'aws_eks_node_group'], async () => {
      await eks.send(
        new CreateClusterCommand({
          name: 'prod',
          roleArn: ROLE,
          version: '1.29',
          resourcesVpcConfig: { subnetIds: subnets },
        }),
      );
    });
    if (!notCreated.has('aws_eks_cluster'))
      await attempt(['aws_eks_node_group'], async () => {
        await eks.send(
          new CreateNodegroupCommand({
            clusterName: 'prod',
            nodegroupName: 'workers',
            nodeRole: ROLE,
            subnets,
            scalingConfig: { minSize: 1, maxSize: 2, desiredSize: 1 },
          }),
        );
      });

    await attempt(['aws_elasticache_cluster'], async () => {
      await new ElastiCacheClient(cfg).send(
        new CreateCacheClusterCommand({
          CacheClusterId: 'cache-1',
          Engine: 'redis',
          CacheNodeType: 'cache.t3.micro',
          NumCacheNodes: 1,
        }),
      );
    });

    await attempt(['aws_acm_certificate'], async () => {
      const c = await new ACMClient(cfg).send(
        new RequestCertificateCommand({ DomainName: 'example.com', ValidationMethod: 'DNS' }),
      );
      ids.cert = c.CertificateArn!;
    });

    await attempt(['aws_cloudfront_distribution'], async () => {
      const d = await new CloudFrontClient(cfg).send(
        new CreateDistributionCommand({
          DistributionConfig: {
            CallerReference: 'ref-1',
            Comment: 'site',
            Enabled: true,
            Aliases: { Quantity: 1, Items: ['www.example.com'] },
            Origins: {
              Quantity: 1,
              Items: [
                {
                  Id: 'origin',
                  DomainName: 'bucket.s3.amazonaws.com',
                  S3OriginConfig: { OriginAccessIdentity: '' },
                },
              ],
            },
            DefaultCacheBehavior: {
              TargetOriginId: 'origin',
              ViewerProtocolPolicy: 'allow-all',
              ForwardedValues: { QueryString: false, Cookies: { Forward: 'none' } },
              TrustedSigners: { Enabled: false, Quantity: 0 },
              MinTTL: 0,
            },
          },
        }),
      );
      ids.distribution = d.Distribution!.Id!;
    });

    await attempt(['aws_apigatewayv2_api'], async () => {
      const a = await new ApiGatewayV2Client(cfg).send(
        new CreateApiCommand({ Name: 'http-api', ProtocolType: 'HTTP' }),
      );
      ids.api = a.ApiId!;
    });

    await attempt(['aws_cloudwatch_event_rule'], async () => {
      const ev = new EventBridgeClient(cfg);
      await ev.send(new PutRuleCommand({ Name: 'nightly', ScheduleExpression: 'rate(1 day)' }));
      await ev.send(
        new PutRuleCommand({
          Name: 'on-ec2',
          EventPattern: JSON.stringify({ source: ['aws.ec2'] }),
          State: 'DISABLED',
        }),
      );
    });
    if (notCreated.size) console.log(`    (moto could not create: ${JSON.stringify([...notCreated])})`);
  }

  const one = (type: string, pred: (r: LiveResource) => boolean = () => true): LiveResource | undefined => {
    if (notCreated.has(type)) return undefined;
    const found = snap.resources.filter((r) => r.type === type && pred(r));
    assert.equal(found.length, 1, `${type}: ${found.length} found`);
    return found[0];
  };

  it('runs every lister with state ok', () => {
    const failed = snap.types.filter((t) => t.state !== 'ok');
    assert.deepEqual(failed, [], `failed types: ${JSON.stringify(failed)}`);
    assert.deepEqual(
      snap.types.map((t) => t.type),
      moreListers.map((l) => l.type),
    );
  });

  it('lists the auto scaling group', () => {
    const a = one('aws_autoscaling_group')?.attributes;
    if (!a) return;
    assert.equal(a.name, 'web-asg');
    assert.equal(a.min_size, 0);
    assert.equal(a.max_size, 3);
    assert.equal(a.desired_capacity, 0);
    assert.deepEqual(a.vpc_zone_identifier, ids.subnets.split(','));
    assert.deepEqual(a.launch_template, [{ id: ids.lt, name: 'web', version: '$Latest' }]);
  });

  it('lists the EKS cluster and node group', () => {
    const c = one('aws_eks_cluster')?.attributes;
    if (c) {
      assert.equal(c.name, 'prod');
      assert.equal(c.role_arn, ROLE);
      assert.equal(c.version, '1.29');
      assert.deepEqual((c.vpc_config as { subnet_ids: string[] }[])[0].subnet_ids, ids.subnets.split(','));
    }
    const g = one('aws_eks_node_group');
    if (g) {
      assert.equal(g.id, 'prod:workers');
      assert.equal(g.attributes.node_role_arn, ROLE);
      assert.deepEqual(g.attributes.subnet_ids, ids.subnets.split(','));
    }
  });

  it('lists the ElastiCache cluster', () => {
    const a = one('aws_elasticache_cluster')?.attributes;
    if (!a) return;
    assert.equal(a.cluster_id, 'cache-1');
    assert.equal(a.engine, 'redis');
    assert.equal(a.node_type, 'cache.t3.micro');
    assert.equal(a.num_cache_nodes, 1);
  });

  it('lists the ACM certificate', () => {
    const r = one('aws_acm_certificate');
    if (!r) return;
    assert.equal(r.id, ids.cert);
    assert.equal(r.attributes.domain_name, 'example.com');
    assert.equal(r.attributes.validation_method, 'DNS');
  });

  it('lists the CloudFront distribution (global)', () => {
    const r = one('aws_cloudfront_distribution');
    if (!r) return;
    assert.equal(r.id, ids.distribution);
    assert.equal(r.region, 'global');
    assert.equal(r.attributes.enabled, true);
    assert.equal(r.attributes.comment, 'site');
    assert.deepEqual(r.attributes.aliases, ['www.example.com']);
  });

  it('lists the HTTP API', () => {
    const r = one('aws_apigatewayv2_api');
    if (!r) return;
    assert.equal(r.id, ids.api);
    assert.equal(r.attributes.name, 'http-api');
    assert.equal(r.attributes.protocol_type, 'HTTP');
  });

  it('lists the EventBridge rules', () => {
    const nightly = one('aws_cloudwatch_event_rule', (r) => r.id === 'nightly')?.attributes;
    if (nightly) {
      assert.equal(nightly.name, 'nightly');
      assert.equal(nightly.schedule_expression, 'rate(1 day)');
      assert.equal(nightly.state, 'ENABLED');
    }
    const onEc2 = one('aws_cloudwatch_event_rule', (r) => r.id === 'on-ec2')?.attributes;
    if (onEc2) {
      assert.deepEqual(onEc2.event_pattern, { source: ['aws.ec2'] });
      assert.equal(onEc2.state, 'DISABLED');
    }
  });
});
