import type { Position, Range } from 'vscode-languageserver-types';
import type { Declaration, Reference } from '../model/types';
import type { TfDocument } from '../workspace/document';
import { contains } from './positions';

/** What sits under the cursor: a reference to a declaration, or the name of a declaration itself. */
export type SymbolAt =
  | { kind: 'reference'; address: string; reference: Reference; range: Range }
  | { kind: 'declaration'; address: string; declaration: Declaration; range: Range };

export function symbolAt(doc: TfDocument, position: Position): SymbolAt | undefined {
  for (const reference of doc.model.references) {
    if (!reference.address || !contains(reference.range, position)) continue;
    // Only the parts that form the address count; `aws_instance.web.id` on `id` still means the resource.
    return { kind: 'reference', address: reference.address, reference, range: reference.range };
  }
  for (const declaration of doc.model.declarations) {
    if (contains(declaration.nameRange, position)) {
      return { kind: 'declaration', address: declaration.address, declaration, range: declaration.nameRange };
    }
    const typeLabel = declaration.block?.labels[0];
    if (
      (declaration.kind === 'resource' || declaration.kind === 'data') &&
      typeLabel &&
      contains(typeLabel.range, position)
    ) {
      return { kind: 'declaration', address: declaration.address, declaration, range: typeLabel.range };
    }
  }
  return undefined;
}
