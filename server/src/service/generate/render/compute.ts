import type {
  AutoScalingGroupComponent,
  ContainerServiceComponent,
  LoadBalancerComponent,
  VmComponent,
} from '../plan';
import type { RenderContext } from './context';
import { type Body, type Value, block, call, ref, skip, tpl } from './hcl';
import { allow, egress, httpsOut, ingress, securityGroup } from './sg';
import { certificateFor } from './edge';
import { wafFor } from './edge';

const SIZES = {
  small: { instance: 't3.small', cpu: 256, memory: 512 },
  medium: { instance: 't3.medium', cpu: 512, memory: 1024 },
  large: { instance: 'm7i.large', cpu: 1024, memory: 2048 },
} as const;

export function defaultInstanceType(ctx: RenderContext): string {
  return SIZES[ctx.profile.sizing].instance;
}

/** The component ids the load balancer forwards to, from its `target` and `behindLoadBalancer` relations. */
function lbTarget(ctx: RenderContext, lb: LoadBalancerComponent): string | undefined {
  if (lb.target) return lb.target;
  const rel = ctx.plan.relations.find((r) => r.kind === 'behindLoadBalancer' && r.loadBalancer === lb.id);
  return rel && rel.kind === 'behindLoadBalancer' ? rel.target : undefined;
}

/** Application load balancer: security group, HTTPS listener, target group, access logs, WAF when public. */
export function renderLoadBalancer(ctx: RenderContext, lb: LoadBalancerComponent): void {
  const F = 'load_balancer';
  const net = ctx.network();
  const targetId = lbTarget(ctx, lb);
  const target = ctx.byId(targetId);
  const targetPort =
    target?.kind === 'containerService'
      ? target.port
      : target?.kind === 'autoScalingGroup'
        ? target.port
        : 8080;
  const sg = securityGroup(ctx, F, `${lb.id}_lb`, `Load balancer ${lb.id}: HTTPS in, to its targets out`);
  const allowed = lb.allowedCidrs.length > 0 ? lb.allowedCidrs : lb.internal ? [] : ['0.0.0.0/0'];
  if (allowed.length === 0) {
    ingress(ctx, F, sg, {
      id: 'https_vpc',
      port: 443,
      cidr: net.vpcCidr,
      description: 'HTTPS from inside the VPC',
    });
  }
  allowed.forEach((cidr, i) =>
    ingress(ctx, F, sg, {
      id: allowed.length === 1 ? 'https' : `https_${i + 1}`,
      port: 443,
      cidr,
      description: cidr === '0.0.0.0/0' ? 'HTTPS from the internet' : `HTTPS from ${cidr}`,
    }),
  );
  const logs = ctx.logBucket();
  const body: Body = {
    name: ctx.name(lb.id),
    internal: lb.internal,
    load_balancer_type: 'application',
    security_groups: [ref(`${sg}.id`)],
    subnets: lb.internal ? net.privateSubnetIds : net.publicSubnetIds,
    drop_invalid_header_fields: true,
    desync_mitigation_mode: 'defensive',
    enable_deletion_protection: ctx.profile.deletionProtection,
    skip1: ctx.profile.deletionProtection
      ? undefined
      : skip('CKV_AWS_150', 'dev profile: disposable environment without deletion protection'),
    access_logs: block({ bucket: ref(`${logs}.id`), prefix: 'alb', enabled: true }),
    depends_on: [ref('aws_s3_bucket_policy.access_logs')],
  };
  const alb = ctx.resource(F, 'aws_lb', lb.id, body);
  const targetType = target?.kind === 'containerService' ? 'ip' : 'instance';
  const tg = ctx.resource(F, 'aws_lb_target_group', lb.id, {
    name: ctx.name(lb.id),
    port: targetPort,
    protocol: 'HTTP',
    target_type: targetType,
    vpc_id: net.vpcId,
    deregistration_delay: 30,
    skip1: skip(
      'CKV_AWS_378',
      'TLS ends at the load balancer; targets are reachable only from its security group',
    ),
    health_check: block({
      path: '/',
      matcher: '200-399',
      interval: 30,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
    }),
  });
  const cert = certificateFor(ctx, F, lb.domain, `${lb.id}_lb`);
  const listener = ctx.resource(F, 'aws_lb_listener', `${lb.id}_https`, {
    load_balancer_arn: ref(`${alb}.arn`),
    port: 443,
    protocol: 'HTTPS',
    ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    certificate_arn: cert,
    default_action: block({ type: 'forward', target_group_arn: ref(`${tg}.arn`) }),
  });
  ctx.info.set(lb.id, { sg, address: alb, targetGroup: tg, listener, port: targetPort });
  if (!lb.internal || lb.waf) wafFor(ctx, lb.id, ref(`${alb}.arn`), 'REGIONAL');
  ctx.output(`${lb.id}_lb_dns_name`, ref(`${alb}.dns_name`), `DNS name of the ${lb.id} load balancer.`);
}

/** The load balancer in front of a component, if any (and rendered). */
function loadBalancerOf(ctx: RenderContext, id: string): string | undefined {
  for (const lb of ctx.components('loadBalancer')) {
    if (lbTarget(ctx, lb) === id) {
      ctx.ensure(lb.id);
      return lb.id;
    }
  }
  return undefined;
}

/** Wires a compute component to what it talks to: security-group rules, environment, IAM grants. */
export function wireClient(
  ctx: RenderContext,
  F: string,
  id: string,
  sg: string | undefined,
  role: string | undefined,
): Record<string, Value> {
  const env: Record<string, Value> = {};
  const statements: { actions: string[]; resources: Value[] }[] = [];
  for (const rel of ctx.plan.relations) {
    if (rel.kind === 'connectsTo' && rel.from === id) {
      ctx.ensure(rel.to);
      const info = ctx.info.get(rel.to);
      if (!info) continue;
      if (sg && info.sg && info.port) allow(ctx, F, sg, info.sg, info.port, rel.to.replace(/_/g, ' '));
      Object.assign(env, info.env ?? {});
      const grants =
        rel.access === 'read'
          ? (info.readGrants ?? info.grants)
          : rel.access === 'write'
            ? (info.writeGrants ?? info.grants)
            : info.grants;
      statements.push(...(grants ?? []));
    } else if (rel.kind === 'talksTo' && rel.from === id) {
      const ext = rel.external;
      const key = ext.name.replace(/[^a-z0-9]+/gi, '_').toLowerCase();
      const endpoint = ctx.variable(`${key}_service_url`, {
        type: 'string',
        description: `Base URL of the ${ext.name} service that ${id} calls.`,
        validation: [{ condition: 'can(regex("^https://", $VAR))', message: 'Use an https:// URL.' }],
      });
      const cidrs = ctx.variable(`${key}_service_cidrs`, {
        type: 'list(string)',
        description: `Address ranges of the ${ext.name} service; ${id} may open connections to them.`,
        default: ext.cidrs,
        validation: [
          {
            condition: 'alltrue([for c in $VAR : can(cidrhost(c, 0)) && c != "0.0.0.0/0"])',
            message: 'Give valid, specific CIDR blocks (not 0.0.0.0/0).',
          },
        ],
      });
      const port = ctx.variable(`${key}_service_port`, {
        type: 'number',
        description: `TCP port of the ${ext.name} service.`,
        default: ext.port ?? 443,
      });
      env[`${key.toUpperCase()}_SERVICE_URL`] = endpoint;
      if (sg) {
        egress(ctx, F, sg, {
          id: `to_${key}_service`,
          forEach: ref(`toset(${cidrs.text})`),
          cidr: ref('each.value'),
          port: 0,
          description: `To the ${ext.name} service`,
        });
        // from/to come from the port variable; patch the literal the helper wrote.
        const blocks = ctx.lastResource();
        blocks.body.from_port = port;
        blocks.body.to_port = port;
      }
    }
  }
  if (role && statements.length > 0) ctx.rolePolicy(F, `${id}_access`, role, statements);
  return env;
}

/** ECS Fargate service: cluster, task definition, roles, logs, service, autoscaling, load balancer wiring. */
export function renderContainerService(ctx: RenderContext, svc: ContainerServiceComponent): void {
  const F = svc.worker ? 'worker' : 'service';
  const net = ctx.network();
  const lbId = svc.worker ? undefined : loadBalancerOf(ctx, svc.id);
  const lb = lbId ? ctx.info.get(lbId) : undefined;
  const cluster = ctx.ecsCluster(F);
  const group = ctx.logGroup(F, svc.id, tpl(`/ecs/${ctx.nameText(svc.id.replace(/_/g, '-'))}`));
  const execRole = ctx.serviceRole(
    F,
    `${svc.id}_execution`,
    'ecs-tasks.amazonaws.com',
    `Pulls images and writes logs for ${svc.id}.`,
  );
  ctx.managedPolicy(F, `${svc.id}_execution`, execRole, 'service-role/AmazonECSTaskExecutionRolePolicy');
  const taskRole = ctx.serviceRole(
    F,
    `${svc.id}_task`,
    'ecs-tasks.amazonaws.com',
    `Runtime permissions of ${svc.id}.`,
  );
  const sg = securityGroup(ctx, F, `${svc.id}_service`, `Tasks of ${svc.id}`);
  httpsOut(ctx, F, sg);
  ctx.info.set(svc.id, { sg, role: taskRole, port: svc.port });
  const env = wireClient(ctx, F, svc.id, sg, taskRole);
  const image = ctx.variable(`${svc.id}_image`, {
    type: 'string',
    description: `Container image of ${svc.id} (repository URL with a tag or digest).`,
    validation: [{ condition: 'length($VAR) > 0', message: 'Give the container image to run.' }],
  });
  const container: Record<string, Value | undefined> = {
    name: svc.id,
    image,
    essential: true,
    readonlyRootFilesystem: true,
    privileged: false,
    user: '1000',
    portMappings: svc.worker ? undefined : [{ containerPort: svc.port, protocol: 'tcp' }],
    environment:
      Object.keys(env).length > 0
        ? Object.entries(env).map(([name, value]) => ({ name, value }) as Record<string, Value>)
        : undefined,
    mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }],
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': ref(`${group}.name`),
        'awslogs-region': ref(ctx.region()),
        'awslogs-stream-prefix': svc.id,
      },
    },
  };
  for (const k of Object.keys(container)) if (container[k] === undefined) delete container[k];
  const task = ctx.resource(F, 'aws_ecs_task_definition', svc.id, {
    family: ctx.name(svc.id.replace(/_/g, '-')),
    requires_compatibilities: ['FARGATE'],
    network_mode: 'awsvpc',
    cpu: svc.cpu,
    memory: svc.memory,
    execution_role_arn: ref(`${execRole}.arn`),
    task_role_arn: ref(`${taskRole}.arn`),
    container_definitions: call('jsonencode', [container as Record<string, Value>]),
    runtime_platform: block({ operating_system_family: 'LINUX', cpu_architecture: 'X86_64' }),
    volume: block({ name: 'tmp' }),
  });
  const service: Body = {
    name: ctx.name(svc.id.replace(/_/g, '-')),
    cluster: ref(`${cluster}.id`),
    task_definition: ref(`${task}.arn`),
    desired_count: svc.autoscaling ? svc.autoscaling.min : svc.desiredCount,
    launch_type: 'FARGATE',
    platform_version: 'LATEST',
    propagate_tags: 'SERVICE',
    enable_execute_command: false,
    health_check_grace_period_seconds: lb ? 60 : undefined,
    network_configuration: block({
      subnets: net.privateSubnetIds,
      security_groups: [ref(`${sg}.id`)],
      assign_public_ip: false,
    }),
    deployment_circuit_breaker: block({ enable: true, rollback: true }),
  };
  if (lb) {
    service.load_balancer = block({
      target_group_arn: ref(`${lb.targetGroup}.arn`),
      container_name: svc.id,
      container_port: svc.port,
    });
    service.depends_on = [ref(lb.listener!)];
    allow(ctx, F, lb.sg!, sg, svc.port, svc.id.replace(/_/g, ' '));
  }
  if (svc.autoscaling) service.lifecycle = block({ ignore_changes: [ref('desired_count')] });
  const ecs = ctx.resource(F, 'aws_ecs_service', svc.id, service);
  ctx.info.get(svc.id)!.address = ecs;
  ctx.info.get(svc.id)!.cluster = cluster;
  if (svc.autoscaling) {
    const target = ctx.resource(F, 'aws_appautoscaling_target', svc.id, {
      service_namespace: 'ecs',
      resource_id: tpl(`service/\${${cluster}.name}/\${${ecs}.name}`),
      scalable_dimension: 'ecs:service:DesiredCount',
      min_capacity: svc.autoscaling.min,
      max_capacity: svc.autoscaling.max,
    });
    const metric =
      svc.autoscaling.metric === 'memory'
        ? 'ECSServiceAverageMemoryUtilization'
        : svc.autoscaling.metric === 'requests' && lb
          ? 'ALBRequestCountPerTarget'
          : 'ECSServiceAverageCPUUtilization';
    ctx.resource(F, 'aws_appautoscaling_policy', svc.id, {
      name: ctx.name(`${svc.id.replace(/_/g, '-')}-${svc.autoscaling.metric}`),
      policy_type: 'TargetTrackingScaling',
      service_namespace: ref(`${target}.service_namespace`),
      resource_id: ref(`${target}.resource_id`),
      scalable_dimension: ref(`${target}.scalable_dimension`),
      target_tracking_scaling_policy_configuration: block({
        target_value: metric === 'ALBRequestCountPerTarget' ? 1000 : svc.autoscaling.targetPercent,
        scale_in_cooldown: 120,
        scale_out_cooldown: 60,
        predefined_metric_specification: block({
          predefined_metric_type: metric,
          resource_label:
            metric === 'ALBRequestCountPerTarget'
              ? tpl(`\${${lb!.address}.arn_suffix}/\${${lb!.targetGroup}.arn_suffix}`)
              : undefined,
        }),
      }),
    });
  }
  ctx.output(`${svc.id}_service_name`, ref(`${ecs}.name`), `Name of the ${svc.id} ECS service.`);
}

function ami(ctx: RenderContext, instanceType: string): string {
  const arm = /^[a-z]+\d+g[a-z]*\./.test(instanceType);
  return ctx.data('compute', 'aws_ami', arm ? 'al2023_arm64' : 'al2023', {
    most_recent: true,
    owners: ['amazon'],
    filter: [
      block({ name: 'name', values: [`al2023-ami-2023.*-${arm ? 'arm64' : 'x86_64'}`] }),
      block({ name: 'virtualization-type', values: ['hvm'] }),
    ],
  });
}

function instanceProfile(ctx: RenderContext, F: string, id: string): { role: string; profile: string } {
  const role = ctx.serviceRole(
    F,
    `${id}_instance`,
    'ec2.amazonaws.com',
    `Instance role of ${id}: SSM Session Manager access.`,
  );
  ctx.managedPolicy(F, `${id}_ssm`, role, 'AmazonSSMManagedInstanceCore');
  const profile = ctx.resource(F, 'aws_iam_instance_profile', id, {
    name: ctx.name(id.replace(/_/g, '-')),
    role: ref(`${role}.name`),
  });
  return { role, profile };
}

/** EC2 instances: app servers, bastions, dev boxes. IMDSv2, encrypted root volume, SSM, SSH only from given ranges. */
export function renderVm(ctx: RenderContext, vm: VmComponent): void {
  const F = vm.role === 'bastion' ? 'bastion' : 'compute';
  const net = ctx.network();
  const instanceType = vm.instanceType ?? (vm.role === 'app' ? defaultInstanceType(ctx) : 't3.micro');
  const image = ami(ctx, instanceType);
  const sg = securityGroup(
    ctx,
    F,
    vm.id,
    `${vm.role === 'bastion' ? 'Bastion host' : 'Instances of'} ${vm.id}`,
  );
  httpsOut(ctx, F, sg);
  const { role, profile } = instanceProfile(ctx, F, vm.id);
  ctx.info.set(vm.id, { sg, role, port: vm.ports[0] });
  wireClient(ctx, F, vm.id, sg, role);
  if (vm.role === 'bastion') {
    // Engineers reach the private databases through the bastion: PostgreSQL and MySQL inside the VPC.
    for (const [name, port] of [
      ['postgres', 5432],
      ['mysql', 3306],
    ] as const) {
      egress(ctx, F, sg, {
        id: `${name}_in_vpc`,
        port,
        cidr: net.vpcCidr,
        description: `${name} inside the VPC`,
      });
    }
  }
  let keyName: Value | undefined;
  if (vm.sshFrom.length > 0 || vm.role === 'bastion') {
    const publicKey = ctx.variable(`${vm.id}_ssh_public_key`, {
      type: 'string',
      description: `SSH public key allowed to log in to ${vm.id}.`,
      validation: [
        {
          condition: 'can(regex("^(ssh-(rsa|ed25519)|ecdsa-sha2-nistp[0-9]+) ", $VAR))',
          message: 'Give an OpenSSH public key (ssh-ed25519 …, ssh-rsa … or ecdsa-sha2-…).',
        },
      ],
    });
    const key = ctx.resource(F, 'aws_key_pair', vm.id, {
      key_name: ctx.name(vm.id.replace(/_/g, '-')),
      public_key: publicKey,
    });
    keyName = ref(`${key}.key_name`);
  }
  const body: Body = {
    count: vm.count > 1 ? vm.count : undefined,
    ami: ref(`${image}.id`),
    instance_type: instanceType,
    subnet_id: ref(
      vm.count > 1
        ? `element(${(vm.public ? net.publicSubnetIds : net.privateSubnetIds).text}, count.index)`
        : `${(vm.public ? net.publicSubnetIds : net.privateSubnetIds).text}[0]`,
    ),
    vpc_security_group_ids: [ref(`${sg}.id`)],
    iam_instance_profile: ref(`${profile}.name`),
    key_name: keyName,
    associate_public_ip_address: vm.public,
    skip1: vm.public
      ? skip(
          'CKV_AWS_88',
          `Reached over SSH from specific addresses only (${vm.role === 'bastion' ? 'bastion' : 'by request'})`,
        )
      : undefined,
    monitoring: true,
    ebs_optimized: true,
    metadata_options: block({
      http_endpoint: 'enabled',
      http_tokens: 'required',
      http_put_response_hop_limit: 1,
    }),
    root_block_device: block({
      encrypted: true,
      volume_type: 'gp3',
      volume_size: vm.diskGb ?? 20,
      delete_on_termination: true,
    }),
    tags: { Name: ctx.name(vm.id.replace(/_/g, '-')) },
  };
  const instance = ctx.resource(F, 'aws_instance', vm.id, body);
  ctx.info.get(vm.id)!.address = instance;
  const lbId = loadBalancerOf(ctx, vm.id);
  if (lbId) {
    const lb = ctx.info.get(lbId)!;
    const port = vm.ports[0] ?? 8080;
    allow(ctx, F, lb.sg!, sg, port, vm.id.replace(/_/g, ' '));
    ctx.resource(F, 'aws_lb_target_group_attachment', vm.id, {
      count: vm.count > 1 ? vm.count : undefined,
      target_group_arn: ref(`${lb.targetGroup}.arn`),
      target_id: ref(vm.count > 1 ? `${instance}[count.index].id` : `${instance}.id`),
      port,
    });
  }
  // SSH ingress comes last in the file, one rule per allowed range.
  for (const rel of ctx.plan.relations) {
    if (rel.kind !== 'allowedFrom' || rel.target !== vm.id) continue;
    for (const port of rel.ports ?? vm.ports) {
      rel.cidrs.forEach((cidr, i) =>
        ingress(ctx, F, sg, {
          id: `port_${port}${rel.cidrs.length > 1 ? `_${i + 1}` : ''}`,
          port,
          cidr,
          description: `Port ${port} from ${cidr}`,
        }),
      );
    }
  }
  if (vm.sshFrom.length > 0) {
    vm.sshFrom.forEach((cidr, i) =>
      ingress(ctx, F, sg, {
        id: vm.sshFrom.length === 1 ? 'ssh' : `ssh_${i + 1}`,
        cidr,
        port: 22,
        description: `SSH from ${cidr}`,
      }),
    );
  } else if (vm.role === 'bastion') {
    const cidrs = ctx.variable(`${vm.id}_ssh_cidrs`, {
      type: 'list(string)',
      description: `Address ranges (office, VPN) allowed to SSH into ${vm.id}.`,
      validation: [
        {
          condition: 'length($VAR) > 0 && alltrue([for c in $VAR : can(cidrhost(c, 0)) && c != "0.0.0.0/0"])',
          message: 'Give at least one specific CIDR block; 0.0.0.0/0 is not allowed for SSH.',
        },
      ],
    });
    ingress(ctx, F, sg, {
      id: 'ssh',
      forEach: ref(`toset(${cidrs.text})`),
      cidr: ref('each.value'),
      port: 22,
      description: 'SSH from an allowed range',
    });
  }
  if (vm.public) {
    ctx.output(
      `${vm.id}_public_ip`,
      ref(vm.count > 1 ? `${instance}[*].public_ip` : `${instance}.public_ip`),
      `Public IP address of ${vm.id}.`,
    );
  }
  ctx.output(
    `${vm.id}_instance_id`,
    ref(vm.count > 1 ? `${instance}[*].id` : `${instance}.id`),
    `Instance ID of ${vm.id}.`,
  );
}

/** EC2 auto scaling group from a launch template, behind its load balancer when it has one. */
export function renderAutoScalingGroup(ctx: RenderContext, asg: AutoScalingGroupComponent): void {
  const F = 'compute';
  const net = ctx.network();
  const instanceType = asg.instanceType ?? defaultInstanceType(ctx);
  const image = ami(ctx, instanceType);
  const sg = securityGroup(ctx, F, asg.id, `Instances of ${asg.id}`);
  httpsOut(ctx, F, sg);
  const { role, profile } = instanceProfile(ctx, F, asg.id);
  ctx.info.set(asg.id, { sg, role, port: asg.port });
  wireClient(ctx, F, asg.id, sg, role);
  const lt = ctx.resource(F, 'aws_launch_template', asg.id, {
    name_prefix: tpl(`${ctx.nameText(asg.id.replace(/_/g, '-'))}-`),
    image_id: ref(`${image}.id`),
    instance_type: instanceType,
    ebs_optimized: true,
    vpc_security_group_ids: [ref(`${sg}.id`)],
    iam_instance_profile: block({ arn: ref(`${profile}.arn`) }),
    monitoring: block({ enabled: true }),
    metadata_options: block({
      http_endpoint: 'enabled',
      http_tokens: 'required',
      http_put_response_hop_limit: 1,
    }),
    block_device_mappings: block({
      device_name: '/dev/xvda',
      ebs: block({ encrypted: true, volume_type: 'gp3', volume_size: 20, delete_on_termination: true }),
    }),
    tag_specifications: block({
      resource_type: 'instance',
      tags: { Name: ctx.name(asg.id.replace(/_/g, '-')) },
    }),
  });
  const lbId = loadBalancerOf(ctx, asg.id);
  const lb = lbId ? ctx.info.get(lbId) : undefined;
  if (lb) allow(ctx, F, lb.sg!, sg, asg.port, asg.id.replace(/_/g, ' '));
  const group = ctx.resource(F, 'aws_autoscaling_group', asg.id, {
    name_prefix: tpl(`${ctx.nameText(asg.id.replace(/_/g, '-'))}-`),
    min_size: asg.min,
    max_size: asg.max,
    desired_capacity: asg.desired,
    vpc_zone_identifier: net.privateSubnetIds,
    health_check_type: lb ? 'ELB' : 'EC2',
    health_check_grace_period: 300,
    target_group_arns: lb ? [ref(`${lb.targetGroup}.arn`)] : undefined,
    launch_template: block({ id: ref(`${lt}.id`), version: ref(`${lt}.latest_version`) }),
    instance_refresh: block({ strategy: 'Rolling', preferences: block({ min_healthy_percentage: 50 }) }),
    tag: block({ key: 'Name', value: ctx.name(asg.id.replace(/_/g, '-')), propagate_at_launch: true }),
  });
  ctx.info.get(asg.id)!.address = group;
  ctx.resource(F, 'aws_autoscaling_policy', `${asg.id}_cpu`, {
    name: 'cpu-target-tracking',
    autoscaling_group_name: ref(`${group}.name`),
    policy_type: 'TargetTrackingScaling',
    target_tracking_configuration: block({
      target_value: 60,
      predefined_metric_specification: block({ predefined_metric_type: 'ASGAverageCPUUtilization' }),
    }),
  });
  ctx.output(
    `${asg.id}_autoscaling_group_name`,
    ref(`${group}.name`),
    `Name of the ${asg.id} auto scaling group.`,
  );
}
