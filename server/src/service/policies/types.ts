import type { Range } from 'vscode-languageserver-types';
import type { Attribute, Block } from '../model/types';
import type { Stack } from './stack';

/** The environment a configuration is written for; some checks only apply to production. */
export type Profile = 'prod' | 'staging' | 'dev';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export interface PolicyEdit {
  uri: string;
  range: Range;
  newText: string;
}

/**
 * A quick fix for a finding. Edits insert or replace text only; the result may need formatting (the edit for a
 * missing argument is indented but not `=`-aligned with its neighbours), so apply formatting after the edit.
 */
export interface PolicyFix {
  title: string;
  edits: PolicyEdit[];
}

export interface PolicyFinding {
  /** Our check id, e.g. OPS-RDS-001. */
  checkId: string;
  /** The checkov check this finding corresponds to, when checkov has one. */
  checkov?: string;
  severity: Severity;
  title: string;
  /** The offending argument, or the block header when an argument or a companion resource is missing. */
  uri: string;
  range: Range;
  /** The address of the resource the finding is about: `aws_db_instance.main`. */
  address: string;
  /** What is wrong and what to do about it. */
  message: string;
  fix?: PolicyFix;
}

/** One resource (or data source) block of the stack with where it was declared. */
export interface StackBlock {
  kind: 'resource' | 'data';
  type: string;
  name: string;
  /** `aws_s3_bucket.logs`, or `data.aws_iam_policy_document.x` for a data source. */
  address: string;
  uri: string;
  block: Block;
}

export interface FailOptions {
  /** An attribute (its whole `name = value` range) or a block (its header). */
  at: Attribute | Block;
  /** Defaults to the check's resource; for findings on a companion resource (the public access block). */
  on?: StackBlock;
  message: string;
  /** When the check maps to several checkov checks, the one this finding is; null when none applies. */
  checkov?: string | null;
  fix?: PolicyFix;
}

export interface CheckContext {
  readonly profile: Profile;
  readonly stack: Stack;
  fail(options: FailOptions): void;
}

export interface PolicyCheck {
  id: string;
  title: string;
  severity: Severity;
  /** checkov IDs this check corresponds to; empty when checkov has none. */
  checkov: string[];
  /** Resource types (or `data.<type>` for data sources) the check looks at. */
  types: string[];
  /** Profiles the check applies to; all when absent. */
  profiles?: Profile[];
  check(resource: StackBlock, context: CheckContext): void;
}
