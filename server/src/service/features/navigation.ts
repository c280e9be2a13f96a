import type { DocumentHighlight, Location, Position } from 'vscode-languageserver-types';
import { DocumentHighlightKind } from 'vscode-languageserver-types';
import type { Declaration } from '../model/types';
import type { TfDocument } from '../workspace/document';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { directoryOf } from '../workspace/uris';
import { callerUses, crossModuleTarget } from './crossModule';
import { symbolAt } from './symbolAt';
import { rangeKey } from './positions';

/** The declaration the cursor is on or refers to, in this module or (for module outputs/arguments) a child. */
export function targetDeclaration(
  index: WorkspaceIndex,
  doc: TfDocument,
  position: Position,
): Declaration | undefined {
  const cross = crossModuleTarget(index, doc, position);
  if (cross) return cross;
  const symbol = symbolAt(doc, position);
  if (!symbol) return undefined;
  if (symbol.kind === 'declaration') return symbol.declaration;
  return index.moduleOf(doc.uri).declaration(symbol.address);
}

export function definition(index: WorkspaceIndex, doc: TfDocument, position: Position): Location[] {
  const cross = crossModuleTarget(index, doc, position);
  if (cross) return [{ uri: cross.uri, range: cross.nameRange }];
  const symbol = symbolAt(doc, position);
  if (!symbol || symbol.kind !== 'reference') return [];
  const all = index.moduleOf(doc.uri).declarations.get(symbol.address) ?? [];
  return all.map((d) => ({ uri: d.uri, range: d.kind === 'local' ? d.nameRange : d.range }));
}

/** Every place that names the declaration: references in its module, and uses by callers of the module. */
export function referencesTo(
  index: WorkspaceIndex,
  declaration: Declaration,
  includeDeclaration: boolean,
): Location[] {
  const dir = directoryOf(declaration.uri);
  const locations: Location[] = [];
  if (includeDeclaration) {
    for (const d of index.module(dir).declarations.get(declaration.address) ?? [])
      locations.push({ uri: d.uri, range: d.nameRange });
  }
  for (const { reference, uri } of index.module(dir).referencesByAddress.get(declaration.address) ?? []) {
    locations.push({ uri, range: reference.range });
  }
  for (const use of callerUses(index, dir, declaration)) locations.push(use);
  const seen = new Set<string>();
  return locations.filter((l) => {
    const key = rangeKey(l.uri, l.range);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function references(
  index: WorkspaceIndex,
  doc: TfDocument,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  const declaration = targetDeclaration(index, doc, position);
  if (declaration) return referencesTo(index, declaration, includeDeclaration);
  // An undeclared reference still has siblings worth finding.
  const symbol = symbolAt(doc, position);
  if (!symbol) return [];
  return (index.moduleOf(doc.uri).referencesByAddress.get(symbol.address) ?? []).map(
    ({ reference, uri }) => ({ uri, range: reference.range }),
  );
}

export function documentHighlights(
  index: WorkspaceIndex,
  doc: TfDocument,
  position: Position,
): DocumentHighlight[] {
  const symbol = symbolAt(doc, position);
  if (!symbol) return [];
  const highlights: DocumentHighlight[] = [];
  for (const declaration of doc.model.declarations) {
    if (declaration.address === symbol.address)
      highlights.push({ range: declaration.nameRange, kind: DocumentHighlightKind.Write });
  }
  for (const reference of doc.model.references) {
    if (reference.address === symbol.address)
      highlights.push({ range: reference.range, kind: DocumentHighlightKind.Read });
  }
  void index;
  return highlights;
}
