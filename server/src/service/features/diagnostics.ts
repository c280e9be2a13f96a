import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { Attribute, Block, Declaration } from '../model/types';
import type { TfDocument } from '../workspace/document';
import type { ModuleIndex } from '../workspace/moduleIndex';
import { baseName } from '../workspace/uris';

export interface DiagnosticSettings {
  unusedDeclarations: boolean;
}

export const SOURCE = 'opsmith';

const KIND_NAMES: Record<string, string> = {
  var: 'variable',
  local: 'local value',
  module: 'module',
  data: 'data source',
  ephemeral: 'ephemeral resource',
  resource: 'resource',
};

/** Syntax, reference and declaration diagnostics for one file, in the context of its module directory. */
export function computeDiagnostics(
  doc: TfDocument,
  module: ModuleIndex,
  settings: DiagnosticSettings,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = doc.model.syntaxProblems.map((problem) => ({
    range: problem.range,
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code: 'syntax',
    message: problem.message,
    relatedInformation: problem.related?.map((r) => ({
      message: r.message,
      location: { uri: doc.uri, range: r.range },
    })),
  }));
  if (doc.languageId === 'terraform-lock') return diagnostics;
  if (doc.languageId === 'terraform-vars') {
    // Terraform itself only warns here: the value may be meant for another configuration.
    // A .tfvars file in a folder that declares no variables belongs to a configuration elsewhere
    // (`-var-file=env/dev.tfvars`); there is nothing here to check it against.
    const declaresVariables = [...module.declarations.keys()].some((address) => address.startsWith('var.'));
    for (const attribute of declaresVariables ? doc.model.attributes : []) {
      if (module.declarations.has(`var.${attribute.name}`)) continue;
      diagnostics.push({
        range: attribute.nameRange,
        severity: DiagnosticSeverity.Warning,
        source: SOURCE,
        code: 'undeclared-tfvar',
        message: `Value for undeclared variable "${attribute.name}": no variable "${attribute.name}" block in this module's files`,
      });
    }
    return diagnostics;
  }

  for (const reference of doc.model.references) {
    if (!reference.checked || !reference.address || module.declarations.has(reference.address)) continue;
    const what = KIND_NAMES[reference.root] ?? 'object';
    const name = reference.address.replace(/^(var|local|module|data|ephemeral)\./, '');
    diagnostics.push({
      range: reference.range,
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      code: `undeclared-${reference.root}`,
      message: `Reference to undeclared ${what} "${name}": no ${declarationHint(reference.root, name)} in this module's files`,
      data: { address: reference.address },
    });
  }

  for (const declaration of doc.model.declarations) {
    const all = module.declarations.get(declaration.address)!;
    if (all.length > 1) {
      const others = all.filter((d) => d !== declaration);
      diagnostics.push({
        range: declaration.nameRange,
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        code: 'duplicate',
        message: `Duplicate ${describe(declaration)}: also declared in ${others.map((o) => `${baseName(o.uri)}:${o.nameRange.start.line + 1}`).join(', ')}`,
        relatedInformation: others.map((o) => ({
          message: 'also declared here',
          location: { uri: o.uri, range: o.nameRange },
        })),
      });
    }
    if (settings.unusedDeclarations && (declaration.kind === 'variable' || declaration.kind === 'local')) {
      if (!module.referencesByAddress.has(declaration.address)) {
        diagnostics.push({
          range: declaration.nameRange,
          severity: DiagnosticSeverity.Hint,
          source: SOURCE,
          code: 'unused',
          tags: [DiagnosticTag.Unnecessary],
          message: `${declaration.kind === 'variable' ? 'Variable' : 'Local value'} "${declaration.name}" is declared but never used`,
        });
      }
    }
  }
  for (const block of doc.model.blocks) if (block.type !== 'locals') duplicateAttributes(block, diagnostics);
  return diagnostics;
}

function declarationHint(root: string, name: string): string {
  switch (root) {
    case 'var':
      return `variable "${name}" block`;
    case 'local':
      return `locals entry "${name}"`;
    case 'module':
      return `module "${name}" block`;
    case 'data':
    case 'ephemeral': {
      const [type, label] = name.split('.');
      return `${root} "${type}" "${label}" block`;
    }
    default: {
      const [type, label] = name.split('.');
      return `resource "${type}" "${label}" block`;
    }
  }
}

function describe(declaration: Declaration): string {
  switch (declaration.kind) {
    case 'variable':
      return `variable "${declaration.name}"`;
    case 'local':
      return `local value "${declaration.name}"`;
    case 'output':
      return `output "${declaration.name}"`;
    case 'module':
      return `module "${declaration.name}"`;
    default:
      return `${declaration.kind} "${declaration.block?.labels[0]?.text}" "${declaration.name}"`;
  }
}

/** Terraform rejects an argument set twice in one block ("Attribute redefined"). */
function duplicateAttributes(block: Block, diagnostics: Diagnostic[]): void {
  const seen = new Map<string, Attribute>();
  for (const attribute of block.attributes) {
    const first = seen.get(attribute.name);
    if (first) {
      diagnostics.push({
        range: attribute.nameRange,
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        code: 'duplicate-attribute',
        message: `Argument "${attribute.name}" is already set on line ${first.nameRange.start.line + 1}`,
      });
    } else seen.set(attribute.name, attribute);
  }
  for (const nested of block.blocks) duplicateAttributes(nested, diagnostics);
}
