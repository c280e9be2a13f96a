import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Declaration } from '../model/types';
import type { TfDocument } from '../workspace/document';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { baseName, directoryOf } from '../workspace/uris';
import { callerUses } from './crossModule';
import { targetDeclaration } from './navigation';
import { rangeKey } from './positions';

export class RenameError extends Error {}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const RENAMEABLE = new Set(['variable', 'local', 'resource', 'data', 'ephemeral', 'module', 'output']);

export function prepareRename(
  index: WorkspaceIndex,
  doc: TfDocument,
  position: Position,
): { range: Range; placeholder: string } {
  const declaration = targetDeclaration(index, doc, position);
  if (!declaration || !RENAMEABLE.has(declaration.kind)) {
    throw new RenameError(
      'Only variables, locals, resources, data sources, modules and outputs can be renamed.',
    );
  }
  const range = nameRangeAt(index, doc, position, declaration) ?? declaration.nameRange;
  return { range, placeholder: declaration.name };
}

/** The part of the text under the cursor that holds the name, so the editor's rename box shows just the name. */
function nameRangeAt(
  index: WorkspaceIndex,
  doc: TfDocument,
  position: Position,
  declaration: Declaration,
): Range | undefined {
  const ranges = renameRanges(index, declaration).filter((r) => r.uri === doc.uri);
  return ranges.find((r) => contains(r.range, position))?.range;
}

function contains(range: Range, p: Position): boolean {
  return (
    (p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character)) &&
    (p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character))
  );
}

function renameRanges(index: WorkspaceIndex, declaration: Declaration): { uri: string; range: Range }[] {
  const dir = directoryOf(declaration.uri);
  const module = index.module(dir);
  const out: { uri: string; range: Range }[] = [];
  for (const d of module.declarations.get(declaration.address) ?? [])
    out.push({ uri: d.uri, range: d.nameRange });
  for (const { reference, uri } of module.referencesByAddress.get(declaration.address) ?? []) {
    if (reference.nameRange) out.push({ uri, range: reference.nameRange });
  }
  for (const use of callerUses(index, dir, declaration)) out.push(use);
  return out;
}

export function rename(
  index: WorkspaceIndex,
  doc: TfDocument,
  position: Position,
  newName: string,
): WorkspaceEdit {
  const declaration = targetDeclaration(index, doc, position);
  if (!declaration || !RENAMEABLE.has(declaration.kind)) {
    throw new RenameError(
      'Only variables, locals, resources, data sources, modules and outputs can be renamed.',
    );
  }
  if (!IDENTIFIER.test(newName)) {
    throw new RenameError(
      `"${newName}" is not a valid Terraform name: use letters, digits, underscores and dashes, starting with a letter or underscore.`,
    );
  }
  const newAddress =
    declaration.address.slice(0, declaration.address.length - declaration.name.length) + newName;
  const module = index.module(directoryOf(declaration.uri));
  const clash = module.declarations.get(newAddress)?.[0];
  if (clash && clash !== declaration && newName !== declaration.name) {
    throw new RenameError(
      `Cannot rename to "${newName}": ${newAddress} is already declared in ${baseName(clash.uri)} on line ${clash.nameRange.start.line + 1}.`,
    );
  }
  const quoted = declaration.kind !== 'local';
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  for (const { uri, range } of renameRanges(index, declaration)) {
    const key = rangeKey(uri, range);
    if (seen.has(key)) continue;
    seen.add(key);
    const labelQuoted = quoted && isLabel(index, uri, range);
    (changes[uri] ??= []).push({ range, newText: labelQuoted ? `"${newName}"` : newName });
  }
  return { changes };
}

/** Block labels include their quotes in the tree; references and argument names do not. */
function isLabel(index: WorkspaceIndex, uri: string, range: Range): boolean {
  const doc = index.get(uri);
  if (!doc) return false;
  const offset = doc.lineIndex.offsetAt(range.start);
  return doc.text.charCodeAt(offset) === 34;
}
