import type { Position } from 'vscode-languageserver-types';
import type { Declaration } from '../model/types';
import type { TfDocument } from '../workspace/document';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { directoryOf, resolveModuleSource } from '../workspace/uris';
import { unquote } from '../workspace/moduleIndex';
import { contains } from './positions';

/** The directory a local `module` call points at, when it is in the workspace. */
export function childModuleDir(
  index: WorkspaceIndex,
  callerDir: string,
  moduleName: string,
): string | undefined {
  const call = index.module(callerDir).declaration(`module.${moduleName}`);
  const source = call?.block?.attributes.find((a) => a.name === 'source')?.valueText;
  return source ? resolveModuleSource(callerDir, unquote(source)) : undefined;
}

/**
 * Declarations in another module that the cursor names: `module.net.vpc_id` on `vpc_id` is the child's output,
 * an argument of a `module` block is the child's variable, and an attribute of a .tfvars file is a variable.
 */
export function crossModuleTarget(
  index: WorkspaceIndex,
  doc: TfDocument,
  position: Position,
): Declaration | undefined {
  const dir = directoryOf(doc.uri);
  if (doc.languageId === 'terraform-vars') {
    const attribute = doc.model.attributes.find((a) => contains(a.nameRange, position));
    return attribute ? index.module(dir).declaration(`var.${attribute.name}`) : undefined;
  }
  for (const reference of doc.model.references) {
    if (reference.root !== 'module' || !reference.parts[2] || !contains(reference.parts[2].range, position))
      continue;
    const child = childModuleDir(index, dir, reference.parts[1].name);
    return child ? index.module(child).declaration(`output.${reference.parts[2].name}`) : undefined;
  }
  for (const block of doc.model.blocks) {
    if (block.type !== 'module' || !block.labels[0] || !contains(block.range, position)) continue;
    const attribute = block.attributes.find((a) => contains(a.nameRange, position));
    if (!attribute) return undefined;
    const child = childModuleDir(index, dir, block.labels[0].text);
    return child ? index.module(child).declaration(`var.${attribute.name}`) : undefined;
  }
  return undefined;
}

export interface CallerUse {
  uri: string;
  range: import('vscode-languageserver-types').Range;
}

/** Where callers of the module in `dir` use one of its outputs (`module.x.NAME`) or set one of its variables. */
export function callerUses(index: WorkspaceIndex, dir: string, declaration: Declaration): CallerUse[] {
  if (declaration.kind !== 'output' && declaration.kind !== 'variable') return [];
  const uses: CallerUse[] = [];
  for (const callerDir of index.moduleDirectories()) {
    const caller = index.module(callerDir);
    for (const { declaration: call, source } of caller.moduleCalls()) {
      if (!source || resolveModuleSource(callerDir, source) !== dir) continue;
      if (declaration.kind === 'variable') {
        const argument = call.block?.attributes.find((a) => a.name === declaration.name);
        if (argument) uses.push({ uri: call.uri, range: argument.nameRange });
        continue;
      }
      for (const { reference, uri } of caller.referencesByAddress.get(call.address) ?? []) {
        const part = reference.parts[2];
        if (part && part.name === declaration.name) uses.push({ uri, range: part.range });
      }
    }
  }
  if (declaration.kind === 'variable') {
    for (const doc of index.documentsIn(dir)) {
      if (doc.languageId !== 'terraform-vars') continue;
      for (const attribute of doc.model.attributes) {
        if (attribute.name === declaration.name) uses.push({ uri: doc.uri, range: attribute.nameRange });
      }
    }
  }
  return uses;
}
