import type { DnsComponent, StaticSiteComponent, WafComponent } from '../plan';
import type { RenderContext } from './context';
import { bucketResources } from './storage';
import { type Body, type Expr, type Value, block, call, ref, skip, tpl } from './hcl';

const DEFAULT_RULES = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesAnonymousIpList',
];

/** The registrable domain of a host name (`www.example.org` → `example.org`). */
export function apexOf(domain: string): string {
  const parts = domain.split('.');
  const twoLevel = /^(co|com|org|net|gov|ac)\.[a-z]{2}$/.test(parts.slice(-2).join('.'));
  return parts.slice(twoLevel ? -3 : -2).join('.');
}

/** The hosted zone id for a domain: the stack's own zone for it, or a lookup of an existing public zone. */
export function zoneFor(ctx: RenderContext, domain: string): Expr {
  const apex = apexOf(domain);
  const own = ctx
    .components('dns')
    .find((d) => d.domain === apex || domain.endsWith(`.${d.domain}`) || d.domain === domain);
  if (own && own.createZone) {
    ensureZone(ctx, own);
    return ref(`${ctx.info.get(own.id)!.address}.zone_id`);
  }
  const existing = ctx.existing.resources.find(
    (r) => r.type === 'aws_route53_zone' && (r.attributes?.name ?? '').replace(/"/g, '') === apex,
  );
  if (existing) return ref(`aws_route53_zone.${existing.name}.zone_id`);
  const key = `zone:${apex}`;
  let address = ctx.info.get(key)?.address;
  if (!address) {
    address = ctx.data('dns', 'aws_route53_zone', apex.replace(/\./g, '_'), {
      name: apex,
      private_zone: false,
    });
    ctx.info.set(key, { address });
  }
  return ref(`${address}.zone_id`);
}

/** A DNS-validated ACM certificate for `domain`, or an input variable when there is no domain. */
export function certificateFor(
  ctx: RenderContext,
  concern: string,
  domain: string | undefined,
  id: string,
  usEast1 = false,
): Expr {
  if (!domain) {
    return ctx.variable(`${id}_certificate_arn`, {
      type: 'string',
      description: `ARN of the ACM certificate the ${id.replace(/_/g, ' ')} serves HTTPS with${usEast1 ? ' (in us-east-1)' : ''}.`,
      validation: [
        {
          condition: 'can(regex("^arn:aws[a-z-]*:acm:", $VAR))',
          message: 'Give the ARN of an ACM certificate.',
        },
      ],
    });
  }
  if (usEast1) ctx.usEast1 = true;
  const provider = usEast1 ? { provider: ref('aws.us_east_1') } : {};
  const cert = ctx.resource(concern, 'aws_acm_certificate', id, {
    ...provider,
    domain_name: domain,
    subject_alternative_names: domain === apexOf(domain) ? [`www.${domain}`] : undefined,
    validation_method: 'DNS',
    lifecycle: block({ create_before_destroy: true }),
  });
  const zone = zoneFor(ctx, domain);
  const records = ctx.resource(concern, 'aws_route53_record', `${id}_validation`, {
    for_each: ref(
      `{\n    for o in ${cert}.domain_validation_options : o.domain_name => {\n      name   = o.resource_record_name\n      record = o.resource_record_value\n      type   = o.resource_record_type\n    }\n  }`,
    ),
    allow_overwrite: true,
    zone_id: zone,
    name: ref('each.value.name'),
    type: ref('each.value.type'),
    ttl: 60,
    records: [ref('each.value.record')],
  });
  const validation = ctx.resource(concern, 'aws_acm_certificate_validation', id, {
    ...provider,
    certificate_arn: ref(`${cert}.arn`),
    validation_record_fqdns: ref(`[for r in ${records} : r.fqdn]`),
  });
  return ref(`${validation}.certificate_arn`);
}

/** A WAFv2 web ACL with managed rule groups and logging, attached to `resourceArn` (regional) or returned (CloudFront). */
export function wafFor(
  ctx: RenderContext,
  id: string,
  resourceArn: Expr | undefined,
  scope: 'REGIONAL' | 'CLOUDFRONT',
): Expr {
  const F = 'waf';
  const spec = ctx.components('waf').find((w) => !w.target || w.target === id);
  const rules = [...new Set([...(spec?.managedRules ?? []), ...DEFAULT_RULES])];
  const cloudfront = scope === 'CLOUDFRONT';
  if (cloudfront) ctx.usEast1 = true;
  const provider = cloudfront ? { provider: ref('aws.us_east_1') } : {};
  const ruleBlocks = rules.map((name, i) =>
    block({
      name,
      priority: i + 1,
      override_action: block({ none: block({}) }),
      statement: block({
        managed_rule_group_statement: block({ name, vendor_name: 'AWS' }),
      }),
      visibility_config: block({
        cloudwatch_metrics_enabled: true,
        metric_name: name,
        sampled_requests_enabled: true,
      }),
    }),
  );
  const limit = spec?.rateLimit ?? 2000;
  ruleBlocks.push(
    block({
      name: 'RateLimitPerIp',
      priority: rules.length + 1,
      action: block({ block: block({}) }),
      statement: block({
        rate_based_statement: block({ limit, aggregate_key_type: 'IP' }),
      }),
      visibility_config: block({
        cloudwatch_metrics_enabled: true,
        metric_name: 'RateLimitPerIp',
        sampled_requests_enabled: true,
      }),
    }),
  );
  const acl = ctx.resource(F, 'aws_wafv2_web_acl', id, {
    ...provider,
    name: ctx.name(id.replace(/_/g, '-')),
    description: `Managed rules in front of ${id.replace(/_/g, ' ')}`,
    scope,
    default_action: block({ allow: block({}) }),
    rule: ruleBlocks,
    visibility_config: block({
      cloudwatch_metrics_enabled: true,
      metric_name: ctx.name(id.replace(/_/g, '-')),
      sampled_requests_enabled: true,
    }),
  });
  // WAF only logs to groups named aws-waf-logs-*.
  const groupName = tpl(`aws-waf-logs-${ctx.nameText(id.replace(/_/g, '-'))}`);
  const group = cloudfront
    ? ctx.resource(F, 'aws_cloudwatch_log_group', `waf_${id}`, {
        provider: ref('aws.us_east_1'),
        name: groupName,
        retention_in_days: ctx.profile.logRetentionDays,
        skip1: skip(
          'CKV_AWS_158',
          "CloudFront WAF logs must live in us-east-1, outside the stack key's region",
        ),
      })
    : ctx.logGroup(F, `waf_${id}`, groupName);
  ctx.resource(F, 'aws_wafv2_web_acl_logging_configuration', id, {
    ...provider,
    resource_arn: ref(`${acl}.arn`),
    log_destination_configs: [ref(`${group}.arn`)],
  });
  if (resourceArn && !cloudfront) {
    ctx.resource(F, 'aws_wafv2_web_acl_association', id, {
      resource_arn: resourceArn,
      web_acl_arn: ref(`${acl}.arn`),
    });
  }
  return ref(`${acl}.arn`);
}

/** An explicit WAF component: makes sure its target exists (the load balancer renders the ACL itself). */
export function renderWaf(ctx: RenderContext, waf: WafComponent): void {
  // A CloudFront site has its own (global) web ACL.
  const site =
    ctx.byId(waf.target)?.kind === 'staticSite' ? ctx.byId(waf.target) : ctx.components('staticSite')[0];
  if (site && !ctx.byId(waf.target)?.kind.startsWith('load')) {
    ctx.ensure(site.id);
    return;
  }
  const target = waf.target ?? ctx.components('loadBalancer')[0]?.id;
  if (target) {
    const lb = ctx.byId(target);
    if (lb?.kind === 'loadBalancer') lb.waf = true;
    ctx.ensure(target);
  } else {
    wafFor(ctx, waf.id, undefined, 'REGIONAL');
  }
}

function ensureZone(ctx: RenderContext, dns: DnsComponent): void {
  if (ctx.info.get(dns.id)?.address) return;
  const F = 'dns';
  const zone = ctx.resource(F, 'aws_route53_zone', dns.id, {
    name: dns.domain,
    comment: `Public zone of ${dns.domain}`,
    skip1: skip(
      'CKV2_AWS_38',
      'DNSSEC signing needs the DS record at the registrar; enable it together with delegation',
    ),
  });
  ctx.info.set(dns.id, { address: zone });
  // Query logs go to us-east-1, where Route 53 writes them.
  ctx.usEast1 = true;
  const group = ctx.resource(F, 'aws_cloudwatch_log_group', `${dns.id}_queries`, {
    provider: ref('aws.us_east_1'),
    name: tpl(`/aws/route53/${dns.domain}`),
    retention_in_days: ctx.profile.logRetentionDays,
    skip1: skip('CKV_AWS_158', "Route 53 query logs must live in us-east-1, outside the stack key's region"),
  });
  const policy = ctx.resource(F, 'aws_cloudwatch_log_resource_policy', `${dns.id}_queries`, {
    provider: ref('aws.us_east_1'),
    policy_name: tpl(`${ctx.nameText('route53-query-logs')}-${dns.id}`),
    policy_document: call('jsonencode', {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'route53.amazonaws.com' },
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: tpl(`\${${group}.arn}:*`),
        },
      ],
    }),
  });
  ctx.resource(F, 'aws_route53_query_log', dns.id, {
    cloudwatch_log_group_arn: ref(`${group}.arn`),
    zone_id: ref(`${zone}.zone_id`),
    depends_on: [ref(policy)],
  });
  ctx.output(
    `${dns.id}_name_servers`,
    ref(`${zone}.name_servers`),
    `Name servers to delegate ${dns.domain} to.`,
  );
}

/** A hosted zone (created or looked up) and its alias records. */
export function renderDns(ctx: RenderContext, dns: DnsComponent): void {
  const F = 'dns';
  if (dns.createZone) ensureZone(ctx, dns);
  const zone = zoneFor(ctx, dns.domain);
  for (const record of dns.records) {
    const fqdn = record.name === '' || record.name === '@' ? dns.domain : `${record.name}.${dns.domain}`;
    const target = ctx.byId(record.target);
    if (!target) continue;
    ctx.ensure(target.id);
    const info = ctx.info.get(target.id);
    if (!info?.address) continue;
    const alias: Body =
      target.kind === 'staticSite'
        ? {
            name: ref(`${info.address}.domain_name`),
            zone_id: ref(`${info.address}.hosted_zone_id`),
            evaluate_target_health: false,
          }
        : {
            name: ref(`${info.address}.dns_name`),
            zone_id: ref(`${info.address}.zone_id`),
            evaluate_target_health: true,
          };
    const id = (record.name === '' || record.name === '@' ? 'apex' : record.name).replace(/[^a-z0-9]+/g, '_');
    for (const type of ['A', 'AAAA']) {
      if (type === 'AAAA' && target.kind !== 'staticSite') continue;
      ctx.resource(F, 'aws_route53_record', `${id}${type === 'AAAA' ? '_ipv6' : ''}`, {
        zone_id: zone,
        name: fqdn,
        type,
        alias: block(alias),
      });
    }
  }
}

/** S3 + CloudFront static website: private bucket read through origin access control, HTTPS, WAF, DNS. */
export function renderStaticSite(ctx: RenderContext, site: StaticSiteComponent): void {
  const F = 'static_site';
  const bucket = bucketResources(ctx, F, site.id, {
    purpose: 'static',
    versioning: true,
    kms: true,
    policyStatements: [],
    keyUsers: ['cloudfront'],
  });
  const oac = ctx.resource(F, 'aws_cloudfront_origin_access_control', site.id, {
    name: ctx.name(site.id.replace(/_/g, '-')),
    description: `CloudFront access to the ${site.id} bucket`,
    origin_access_control_origin_type: 's3',
    signing_behavior: 'always',
    signing_protocol: 'sigv4',
  });
  const headers = ctx.resource(F, 'aws_cloudfront_response_headers_policy', site.id, {
    name: ctx.name(`${site.id.replace(/_/g, '-')}-security-headers`),
    security_headers_config: block({
      content_type_options: block({ override: true }),
      frame_options: block({ frame_option: 'DENY', override: true }),
      referrer_policy: block({ referrer_policy: 'strict-origin-when-cross-origin', override: true }),
      strict_transport_security: block({
        access_control_max_age_sec: 31536000,
        include_subdomains: true,
        preload: true,
        override: true,
      }),
      xss_protection: block({ protection: true, mode_block: true, override: true }),
    }),
  });
  const cachePolicy = ctx.data(F, 'aws_cloudfront_cache_policy', 'caching_optimized', {
    name: 'Managed-CachingOptimized',
  });
  const acl = wafFor(ctx, `${site.id}_cdn`, undefined, 'CLOUDFRONT');
  const cert = site.domain ? certificateFor(ctx, F, site.domain, `${site.id}_cdn`, true) : undefined;
  const aliases = site.domain
    ? site.domain === apexOf(site.domain)
      ? [site.domain, `www.${site.domain}`]
      : [site.domain]
    : undefined;
  const viewer: Body = cert
    ? { acm_certificate_arn: cert, ssl_support_method: 'sni-only', minimum_protocol_version: 'TLSv1.2_2021' }
    : { cloudfront_default_certificate: true };
  const dist = ctx.resource(F, 'aws_cloudfront_distribution', site.id, {
    enabled: true,
    is_ipv6_enabled: true,
    comment: tpl(`Static site ${site.domain ?? ctx.nameText(site.id)}`),
    default_root_object: 'index.html',
    aliases,
    price_class: 'PriceClass_100',
    web_acl_id: acl,
    skip1: skip('CKV_AWS_310', 'A single S3 origin: there is no second origin to fail over to'),
    skip2: skip('CKV_AWS_374', 'The site is served worldwide; no geo restriction was asked for'),
    skip3: skip('CKV_AWS_86', 'Standard logging v1 needs bucket ACLs, which this stack disables'),
    skip4: cert
      ? undefined
      : skip('CKV2_AWS_42', 'No domain was given: the distribution uses its cloudfront.net name'),
    skip5: cert
      ? undefined
      : skip('CKV_AWS_174', 'No domain was given: the default certificate fixes the TLS policy'),
    origin: block({
      domain_name: ref(`${bucket}.bucket_regional_domain_name`),
      origin_id: 's3',
      origin_access_control_id: ref(`${oac}.id`),
    }),
    default_cache_behavior: block({
      target_origin_id: 's3',
      viewer_protocol_policy: 'redirect-to-https',
      allowed_methods: ['GET', 'HEAD', 'OPTIONS'],
      cached_methods: ['GET', 'HEAD'],
      compress: true,
      cache_policy_id: ref(`${cachePolicy}.id`),
      response_headers_policy_id: ref(`${headers}.id`),
    }),
    custom_error_response: block({ error_code: 404, response_code: 404, response_page_path: '/404.html' }),
    restrictions: block({ geo_restriction: block({ restriction_type: 'none' }) }),
    viewer_certificate: block(viewer),
  });
  ctx.info.set(site.id, { address: dist });
  const statements: Value[] = [
    {
      Sid: 'CloudFrontRead',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: tpl(`\${${bucket}.arn}/*`),
      Condition: { StringEquals: { 'AWS:SourceArn': ref(`${dist}.arn`) } },
    },
    denyInsecure(bucket),
  ];
  ctx.resource(F, 'aws_s3_bucket_policy', site.id, {
    bucket: ref(`${bucket}.id`),
    policy: call('jsonencode', { Version: '2012-10-17', Statement: statements }),
  });
  if (site.domain) {
    const zone = zoneFor(ctx, site.domain);
    for (const name of aliases ?? []) {
      for (const type of ['A', 'AAAA']) {
        const id = `${name === site.domain ? site.id : `${site.id}_www`}${type === 'AAAA' ? '_ipv6' : ''}`;
        ctx.resource(F, 'aws_route53_record', id, {
          zone_id: zone,
          name,
          type,
          alias: block({
            name: ref(`${dist}.domain_name`),
            zone_id: ref(`${dist}.hosted_zone_id`),
            evaluate_target_health: false,
          }),
        });
      }
    }
  }
  ctx.output(`${site.id}_bucket`, ref(`${bucket}.id`), 'Bucket to upload the site to.');
  ctx.output(
    `${site.id}_distribution_domain`,
    ref(`${dist}.domain_name`),
    'CloudFront domain name of the site.',
  );
}

export function denyInsecure(bucket: string): Value {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: 's3:*',
    Resource: [ref(`${bucket}.arn`), tpl(`\${${bucket}.arn}/*`)],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}
