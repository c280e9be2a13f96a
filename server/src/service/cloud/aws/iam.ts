import {
  GetPolicyCommand,
  type GetPolicyCommandOutput,
  GetPolicyVersionCommand,
  type GetPolicyVersionCommandOutput,
  GetRolePolicyCommand,
  type GetRolePolicyCommandOutput,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  type ListAttachedRolePoliciesCommandOutput,
  ListInstanceProfilesCommand,
  type ListInstanceProfilesCommandOutput,
  ListPoliciesCommand,
  type ListPoliciesCommandOutput,
  ListRolePoliciesCommand,
  type ListRolePoliciesCommandOutput,
  ListRoleTagsCommand,
  type ListRoleTagsCommandOutput,
  ListRolesCommand,
  type ListRolesCommandOutput,
  type Role,
} from '@aws-sdk/client-iam';
import { type Lister, type ScanContext, live, parsePolicy, tagMap } from './context';
import { mapLimit } from './limiter';

const iam = (ctx: ScanContext): IAMClient => ctx.client(IAMClient, 'iam');

/** Roles, without the service-linked ones AWS creates and owns (path /aws-service-role/). */
function rolesOf(ctx: ScanContext): Promise<Role[]> {
  return ctx.once('iam:roles', async () => {
    const roles = await ctx.paginate(async (Marker) => {
      const out = await ctx.send<ListRolesCommandOutput>(iam(ctx), new ListRolesCommand({ Marker }));
      return { items: out.Roles, next: out.IsTruncated ? out.Marker : undefined };
    });
    return roles.filter((r) => !r.Path?.startsWith('/aws-service-role/'));
  });
}

export const roleLister: Lister = {
  type: 'aws_iam_role',
  global: true,
  async list(ctx) {
    return mapLimit(await rolesOf(ctx), 16, async (r) => {
      const tagList = await ctx.paginate(async (Marker) => {
        const out = await ctx.send<ListRoleTagsCommandOutput>(
          iam(ctx),
          new ListRoleTagsCommand({ RoleName: r.RoleName, Marker }),
        );
        return { items: out.Tags, next: out.IsTruncated ? out.Marker : undefined };
      });
      const tags = tagMap(tagList);
      return live(
        'aws_iam_role',
        r.RoleName!,
        'global',
        {
          id: r.RoleName,
          name: r.RoleName,
          arn: r.Arn,
          path: r.Path ?? '/',
          description: r.Description ?? '',
          assume_role_policy: parsePolicy(r.AssumeRolePolicyDocument),
          max_session_duration: r.MaxSessionDuration ?? 3600,
          permissions_boundary: r.PermissionsBoundary?.PermissionsBoundaryArn ?? '',
          unique_id: r.RoleId,
          tags,
        },
        { arn: r.Arn, name: r.RoleName, tags },
      );
    });
  },
};

export const rolePolicyAttachmentLister: Lister = {
  type: 'aws_iam_role_policy_attachment',
  global: true,
  async list(ctx) {
    const perRole = await mapLimit(await rolesOf(ctx), 16, async (r) => {
      const attached = await ctx.paginate(async (Marker) => {
        const out = await ctx.send<ListAttachedRolePoliciesCommandOutput>(
          iam(ctx),
          new ListAttachedRolePoliciesCommand({ RoleName: r.RoleName, Marker }),
        );
        return { items: out.AttachedPolicies, next: out.IsTruncated ? out.Marker : undefined };
      });
      return attached.map((p) =>
        live('aws_iam_role_policy_attachment', `${r.RoleName}/${p.PolicyArn}`, 'global', {
          id: `${r.RoleName}-${p.PolicyArn}`,
          role: r.RoleName,
          policy_arn: p.PolicyArn,
        }),
      );
    });
    return perRole.flat();
  },
};

export const rolePolicyLister: Lister = {
  type: 'aws_iam_role_policy',
  global: true,
  async list(ctx) {
    const perRole = await mapLimit(await rolesOf(ctx), 16, async (r) => {
      const names = await ctx.paginate(async (Marker) => {
        const out = await ctx.send<ListRolePoliciesCommandOutput>(
          iam(ctx),
          new ListRolePoliciesCommand({ RoleName: r.RoleName, Marker }),
        );
        return { items: out.PolicyNames, next: out.IsTruncated ? out.Marker : undefined };
      });
      return Promise.all(
        names.map(async (name) => {
          const out = await ctx.send<GetRolePolicyCommandOutput>(
            iam(ctx),
            new GetRolePolicyCommand({ RoleName: r.RoleName, PolicyName: name }),
          );
          return live(
            'aws_iam_role_policy',
            `${r.RoleName}:${name}`,
            'global',
            { id: `${r.RoleName}:${name}`, role: r.RoleName, name, policy: parsePolicy(out.PolicyDocument) },
            { name },
          );
        }),
      );
    });
    return perRole.flat();
  },
};

export const policyLister: Lister = {
  type: 'aws_iam_policy',
  global: true,
  async list(ctx) {
    const policies = await ctx.paginate(async (Marker) => {
      const out = await ctx.send<ListPoliciesCommandOutput>(
        iam(ctx),
        new ListPoliciesCommand({ Scope: 'Local', Marker }),
      );
      return { items: out.Policies, next: out.IsTruncated ? out.Marker : undefined };
    });
    return mapLimit(policies, 16, async (p) => {
      const [detail, version] = await Promise.all([
        ctx.send<GetPolicyCommandOutput>(iam(ctx), new GetPolicyCommand({ PolicyArn: p.Arn })),
        ctx.send<GetPolicyVersionCommandOutput>(
          iam(ctx),
          new GetPolicyVersionCommand({ PolicyArn: p.Arn, VersionId: p.DefaultVersionId }),
        ),
      ]);
      const tags = tagMap(detail.Policy?.Tags ?? p.Tags);
      return live(
        'aws_iam_policy',
        p.Arn!,
        'global',
        {
          id: p.Arn,
          arn: p.Arn,
          name: p.PolicyName,
          path: p.Path ?? '/',
          description: detail.Policy?.Description ?? p.Description ?? '',
          policy: parsePolicy(version.PolicyVersion?.Document),
          policy_id: p.PolicyId,
          attachment_count: p.AttachmentCount ?? 0,
          tags,
        },
        { arn: p.Arn, name: p.PolicyName, tags },
      );
    });
  },
};

export const instanceProfileLister: Lister = {
  type: 'aws_iam_instance_profile',
  global: true,
  async list(ctx) {
    const profiles = await ctx.paginate(async (Marker) => {
      const out = await ctx.send<ListInstanceProfilesCommandOutput>(
        iam(ctx),
        new ListInstanceProfilesCommand({ Marker }),
      );
      return { items: out.InstanceProfiles, next: out.IsTruncated ? out.Marker : undefined };
    });
    return profiles.map((p) => {
      const tags = tagMap(p.Tags);
      return live(
        'aws_iam_instance_profile',
        p.InstanceProfileName!,
        'global',
        {
          id: p.InstanceProfileName,
          name: p.InstanceProfileName,
          arn: p.Arn,
          path: p.Path ?? '/',
          role: p.Roles?.[0]?.RoleName ?? '',
          unique_id: p.InstanceProfileId,
          tags,
        },
        { arn: p.Arn, name: p.InstanceProfileName, tags },
      );
    });
  },
};

export const iamListers: Lister[] = [
  roleLister,
  policyLister,
  rolePolicyAttachmentLister,
  rolePolicyLister,
  instanceProfileLister,
];
