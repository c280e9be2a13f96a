// The built-in security policy set: checks over the semantic model of a configuration, each mapped to the
// checkov check it corresponds to where one exists.
import type { Attribute, Block } from '../model/types';
import { computeChecks } from './checks/compute';
import { databaseChecks } from './checks/databases';
import { edgeChecks } from './checks/edge';
import { iamChecks } from './checks/iam';
import { networkChecks } from './checks/network';
import { platformChecks } from './checks/platform';
import { storageChecks } from './checks/storage';
import { Stack, type StackFile } from './stack';
import type { CheckContext, PolicyCheck, PolicyFinding, Profile } from './types';

export type { PolicyCheck, PolicyFinding, PolicyFix, PolicyEdit, Profile, Severity } from './types';
export { Stack, type StackFile } from './stack';

export const POLICIES: readonly PolicyCheck[] = [
  ...storageChecks,
  ...databaseChecks,
  ...networkChecks,
  ...computeChecks,
  ...platformChecks,
  ...edgeChecks,
  ...iamChecks,
];

export function policyById(id: string): PolicyCheck | undefined {
  return POLICIES.find((p) => p.id === id);
}

export interface PolicyOptions {
  /** prod unless given: the strictest profile. */
  profile?: Profile;
  /** Only these checks (by id); all by default. */
  only?: readonly string[];
  /** Report findings only for blocks in these files (the rest of the configuration is context). */
  reportFor?: ReadonlySet<string>;
}

const isBlock = (x: Attribute | Block): x is Block => 'headerRange' in x;

/** Runs the policy set over the files of one configuration (one module directory). */
export function evaluatePolicies(files: readonly StackFile[], options: PolicyOptions = {}): PolicyFinding[] {
  const profile = options.profile ?? 'prod';
  const stack = new Stack(files);
  const checks = POLICIES.filter(
    (c) => (!c.profiles || c.profiles.includes(profile)) && (!options.only || options.only.includes(c.id)),
  );
  const byType = new Map<string, PolicyCheck[]>();
  for (const c of checks)
    for (const t of c.types) {
      let list = byType.get(t);
      if (!list) byType.set(t, (list = []));
      list.push(c);
    }
  const findings: PolicyFinding[] = [];
  const seen = new Set<string>();
  for (const sb of stack.blocks) {
    const list = byType.get(sb.kind === 'data' ? `data.${sb.type}` : sb.type);
    if (!list) continue;
    for (const check of list) {
      const context: CheckContext = {
        profile,
        stack,
        fail: ({ at, on, message, checkov, fix }) => {
          const owner = on ?? sb;
          if (options.reportFor && !options.reportFor.has(owner.uri)) return;
          const range = isBlock(at) ? at.headerRange : at.range;
          const key = `${check.id}|${owner.uri}|${range.start.line}:${range.start.character}`;
          if (seen.has(key)) return;
          seen.add(key);
          findings.push({
            checkId: check.id,
            checkov: checkov === null ? undefined : (checkov ?? check.checkov[0]),
            severity: check.severity,
            title: check.title,
            uri: owner.uri,
            range,
            address: owner.address,
            message,
            fix,
          });
        },
      };
      check.check(sb, context);
    }
  }
  return findings;
}
