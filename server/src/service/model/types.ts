import type { Range } from 'vscode-languageserver-types';

/** Top-level block keywords Terraform knows; anything else is kept as 'other' so nothing is lost. */
export type BlockKind =
  | 'terraform'
  | 'provider'
  | 'resource'
  | 'data'
  | 'ephemeral'
  | 'module'
  | 'variable'
  | 'output'
  | 'locals'
  | 'moved'
  | 'import'
  | 'check'
  | 'removed'
  | 'other';

export interface Label {
  text: string;
  range: Range;
}

export interface Attribute {
  name: string;
  nameRange: Range;
  /** The whole `name = value` range. */
  range: Range;
  valueRange: Range;
  valueText: string;
  /** True when the value spans a single line; used by formatting-aware features. */
  singleLine: boolean;
}

export interface Block {
  type: string;
  typeRange: Range;
  labels: Label[];
  range: Range;
  /** From the type keyword to the opening brace; where header diagnostics go. */
  headerRange: Range;
  openBrace: Range;
  /** Missing when error recovery could not find the closing brace. */
  closeBrace?: Range;
  attributes: Attribute[];
  blocks: Block[];
}

/** Namespaces in which Terraform declares named things within one module. */
export type DeclarationKind =
  'variable' | 'local' | 'resource' | 'data' | 'ephemeral' | 'module' | 'output' | 'provider';

export interface Declaration {
  kind: DeclarationKind;
  /** The address a reference uses: `var.x`, `local.x`, `aws_instance.web`, `data.aws_ami.x`, `module.m`, `output.o`. */
  address: string;
  /** The part a rename changes: the variable, local, resource, module or output name. */
  name: string;
  nameRange: Range;
  /** The whole block, or for locals the attribute. */
  range: Range;
  uri: string;
  block?: Block;
  attribute?: Attribute;
}

export type ReferenceRoot =
  | 'var'
  | 'local'
  | 'module'
  | 'data'
  | 'ephemeral'
  | 'resource'
  | 'each'
  | 'count'
  | 'self'
  | 'path'
  | 'terraform';

export interface TraversalPart {
  name: string;
  range: Range;
}

export interface Reference {
  root: ReferenceRoot;
  /** The declaration address this reference points at, when it points at one (`var.x`, `aws_instance.web`, …). */
  address?: string;
  /** The traversal's named parts in order, starting with the root keyword or resource type. */
  parts: TraversalPart[];
  /** The range of the part that names the declaration: the part a rename edits. */
  nameRange?: Range;
  range: Range;
  /** When false, a missing target is not an error (moved/removed `from`, lifecycle.ignore_changes). */
  checked: boolean;
}

export interface SyntaxProblem {
  message: string;
  range: Range;
  related?: { message: string; range: Range }[];
}

export interface FileModel {
  uri: string;
  blocks: Block[];
  /** Top-level attributes: the whole content of a .tfvars file. */
  attributes: Attribute[];
  declarations: Declaration[];
  references: Reference[];
  syntaxProblems: SyntaxProblem[];
}
