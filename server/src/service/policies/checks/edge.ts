// Load balancers and CloudFront: what faces the internet.
import { asString, attribute, nestedBlocks } from '../stack';
import { isTrue, requireArgument, setFix } from '../rules';
import type { PolicyCheck, StackBlock } from '../types';
import type { Stack } from '../stack';

const LISTENERS = ['aws_lb_listener', 'aws_alb_listener'];
const SECURE_PROTOCOLS = new Set(['HTTPS', 'TLS', 'TCP', 'UDP', 'TCP_UDP']);
const TLS12_POLICIES = ['ELBSecurityPolicy-TLS13', 'ELBSecurityPolicy-TLS-1-2', 'ELBSecurityPolicy-FS-1-2'];

/** The load balancer a listener belongs to, when it is in the stack. */
function loadBalancerOf(stack: Stack, listener: StackBlock): StackBlock | undefined {
  const address = stack
    .referencedAddresses(listener, attribute(listener.block, 'load_balancer_arn'))
    .find((a) => a.startsWith('aws_lb.') || a.startsWith('aws_alb.'));
  return address ? stack.get(address) : undefined;
}

function redirectsToHttps(stack: Stack, listener: StackBlock): boolean {
  return nestedBlocks(listener.block, 'default_action').some(
    (action) =>
      asString(stack.value(attribute(action, 'type'))) === 'redirect' &&
      nestedBlocks(action, 'redirect').some(
        (r) => asString(stack.value(attribute(r, 'protocol'))) === 'HTTPS',
      ),
  );
}

export const edgeChecks: PolicyCheck[] = [
  {
    id: 'OPS-ALB-001',
    title: 'Load balancer listeners use HTTPS (or redirect to it)',
    severity: 'high',
    checkov: ['CKV_AWS_2'],
    types: LISTENERS,
    check(listener, ctx) {
      const lb = loadBalancerOf(ctx.stack, listener);
      if (lb && asString(ctx.stack.value(attribute(lb.block, 'load_balancer_type'))) === 'gateway') return;
      const a = attribute(listener.block, 'protocol');
      const value = ctx.stack.value(a);
      const protocol = asString(value);
      if (a && protocol === undefined) return;
      if (protocol && SECURE_PROTOCOLS.has(protocol)) return;
      if (redirectsToHttps(ctx.stack, listener)) return;
      ctx.fail({
        at: a ?? listener.block,
        message: `${listener.address} serves plain HTTP. Use protocol = "HTTPS" with a certificate_arn, or make its default_action a redirect to HTTPS.`,
      });
    },
  },
  {
    id: 'OPS-ALB-002',
    title: 'HTTPS listeners require TLS 1.2 or later',
    severity: 'high',
    checkov: ['CKV_AWS_103'],
    types: LISTENERS,
    check(listener, ctx) {
      const protocol = asString(ctx.stack.value(attribute(listener.block, 'protocol')));
      if (protocol !== 'HTTPS' && protocol !== 'TLS') return;
      requireArgument(ctx, listener, {
        name: 'ssl_policy',
        ok: (v) => (v.kind === 'string' ? TLS12_POLICIES.some((p) => v.value.startsWith(p)) : undefined),
        missingFails: true,
        fixValue: '"ELBSecurityPolicy-TLS13-1-2-2021-06"',
        message: `${listener.address} accepts TLS versions older than 1.2. Set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06".`,
      });
    },
  },
  {
    id: 'OPS-ALB-003',
    title: 'Application load balancers drop invalid HTTP headers',
    severity: 'medium',
    checkov: ['CKV_AWS_131'],
    types: ['aws_lb', 'aws_alb'],
    check(lb, ctx) {
      const type = asString(ctx.stack.value(attribute(lb.block, 'load_balancer_type')));
      if (type && type !== 'application') return;
      requireArgument(ctx, lb, {
        name: 'drop_invalid_header_fields',
        ok: isTrue,
        missingFails: true,
        fixValue: 'true',
        message: `${lb.address} forwards requests with invalid HTTP headers, which enables request smuggling. Set drop_invalid_header_fields = true.`,
      });
    },
  },
  {
    id: 'OPS-ALB-004',
    title: 'Production load balancers have deletion protection',
    severity: 'medium',
    checkov: ['CKV_AWS_150'],
    types: ['aws_lb', 'aws_alb'],
    profiles: ['prod'],
    check(lb, ctx) {
      requireArgument(ctx, lb, {
        name: 'enable_deletion_protection',
        ok: isTrue,
        missingFails: true,
        fixValue: 'true',
        message: `${lb.address} is a production load balancer that one terraform destroy can delete. Set enable_deletion_protection = true.`,
      });
    },
  },
  {
    id: 'OPS-CF-001',
    title: 'CloudFront viewers are redirected to HTTPS',
    severity: 'high',
    checkov: ['CKV_AWS_34'],
    types: ['aws_cloudfront_distribution'],
    check(dist, ctx) {
      for (const behavior of [
        ...nestedBlocks(dist.block, 'default_cache_behavior'),
        ...nestedBlocks(dist.block, 'ordered_cache_behavior'),
      ]) {
        const a = attribute(behavior, 'viewer_protocol_policy');
        if (asString(ctx.stack.value(a)) !== 'allow-all') continue;
        ctx.fail({
          at: a!,
          message: `${dist.address} serves content over plain HTTP. Set viewer_protocol_policy = "redirect-to-https".`,
          fix: setFix(dist, behavior, 'viewer_protocol_policy', '"redirect-to-https"'),
        });
      }
    },
  },
  {
    id: 'OPS-CF-002',
    title: 'CloudFront requires TLS 1.2 or later from viewers',
    severity: 'medium',
    checkov: ['CKV_AWS_174'],
    types: ['aws_cloudfront_distribution'],
    check(dist, ctx) {
      for (const cert of nestedBlocks(dist.block, 'viewer_certificate')) {
        if (isTrue(ctx.stack.value(attribute(cert, 'cloudfront_default_certificate')) ?? { kind: 'null' })) {
          ctx.fail({
            at: attribute(cert, 'cloudfront_default_certificate')!,
            message: `${dist.address} uses the default *.cloudfront.net certificate, which allows TLS 1.0. Use an ACM certificate (acm_certificate_arn, ssl_support_method = "sni-only") with minimum_protocol_version = "TLSv1.2_2021".`,
          });
          continue;
        }
        requireArgument(ctx, dist, {
          block: cert,
          name: 'minimum_protocol_version',
          ok: (v) => (v.kind === 'string' ? /^TLSv1\.[23]_\d{4}$/.test(v.value) : undefined),
          missingFails: true,
          fixValue: '"TLSv1.2_2021"',
          message: `${dist.address} accepts TLS versions older than 1.2 from viewers. Set minimum_protocol_version = "TLSv1.2_2021".`,
        });
      }
    },
  },
];
