import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver-types';
import type { Block } from '../model/types';
import type { TfDocument } from '../workspace/document';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { CancellationToken } from './cancellation';

const BLOCK_SYMBOL_KINDS: Record<string, SymbolKind> = {
  resource: SymbolKind.Class,
  data: SymbolKind.Struct,
  ephemeral: SymbolKind.Struct,
  module: SymbolKind.Module,
  variable: SymbolKind.Variable,
  output: SymbolKind.Interface,
  locals: SymbolKind.Namespace,
  provider: SymbolKind.Package,
  terraform: SymbolKind.Namespace,
};

export function blockTitle(block: Block): string {
  return [block.type, ...block.labels.map((l) => `"${l.text}"`)].join(' ');
}

export function documentSymbols(doc: TfDocument): DocumentSymbol[] {
  const symbols = doc.model.blocks.map(blockSymbol);
  for (const attribute of doc.model.attributes) {
    symbols.push({
      name: attribute.name,
      kind: SymbolKind.Property,
      range: attribute.range,
      selectionRange: attribute.nameRange,
    });
  }
  return symbols;
}

function blockSymbol(block: Block): DocumentSymbol {
  const children: DocumentSymbol[] = block.attributes.map((attribute) => ({
    name: attribute.name,
    kind: block.type === 'locals' ? SymbolKind.Variable : SymbolKind.Property,
    detail: attribute.singleLine && attribute.valueText.length <= 60 ? attribute.valueText : undefined,
    range: attribute.range,
    selectionRange: attribute.nameRange,
  }));
  for (const nested of block.blocks) children.push(blockSymbol(nested));
  children.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  const name = block.labels.length ? block.labels.map((l) => l.text).join('.') : block.type;
  return {
    name: block.labels.length ? `${block.type} ${name}` : name,
    kind: BLOCK_SYMBOL_KINDS[block.type] ?? SymbolKind.Object,
    range: block.range,
    selectionRange: block.labels[block.labels.length - 1]?.range ?? block.typeRange,
    children,
  };
}

/** Declarations across the workspace whose address contains the query's characters in order. */
export function workspaceSymbols(
  index: WorkspaceIndex,
  query: string,
  token: CancellationToken,
  limit = 500,
): WorkspaceSymbol[] {
  const needle = query.toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const doc of index.allDocuments()) {
    if (token.isCancellationRequested || out.length >= limit) break;
    for (const declaration of doc.model.declarations) {
      if (!fuzzyMatch(declaration.address.toLowerCase(), needle)) continue;
      out.push({
        name: declaration.address,
        kind: declaration.block
          ? (BLOCK_SYMBOL_KINDS[declaration.block.type] ?? SymbolKind.Object)
          : SymbolKind.Variable,
        location: { uri: doc.uri, range: declaration.nameRange },
      });
      if (out.length >= limit) break;
    }
  }
  return out;
}

function fuzzyMatch(text: string, needle: string): boolean {
  let i = 0;
  for (let j = 0; j < text.length && i < needle.length; j++) if (text[j] === needle[i]) i++;
  return i === needle.length;
}
