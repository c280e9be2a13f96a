import type { Query } from 'web-tree-sitter';
import type { HclParser, Tree } from '../syntax/parser';
import { LineIndex } from '../text/lineIndex';
import { buildFileModel, buildFileModelSliced } from '../model/fileModel';
import type { FileModel } from '../model/types';

export interface TextChange {
  /** Absent for a full-document replacement. */
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

/** `terraform-lock` is .terraform.lock.hcl, read for the provider versions it pins. */
export type DocumentLanguage = 'terraform' | 'terraform-vars' | 'terraform-lock';

/** One parsed Terraform file: text, syntax tree and semantic model for exactly one version. */
export class TfDocument {
  private lines?: LineIndex;

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly text: string,
    readonly tree: Tree,
    readonly model: FileModel,
  ) {}

  get languageId(): DocumentLanguage {
    if (this.uri.endsWith('/.terraform.lock.hcl')) return 'terraform-lock';
    return this.uri.endsWith('.tfvars') ? 'terraform-vars' : 'terraform';
  }

  get lineIndex(): LineIndex {
    return (this.lines ??= new LineIndex(this.text));
  }

  dispose(): void {
    this.tree.delete();
  }
}

/** Above this size a parse is time-sliced so other requests keep being answered. */
export const SLICED_PARSE_THRESHOLD = 512 * 1024;

export async function parseDocument(
  parser: HclParser,
  query: Query,
  uri: string,
  version: number,
  text: string,
  oldTree: Tree | null,
  isStale: () => boolean,
): Promise<TfDocument | undefined> {
  const tree =
    text.length > SLICED_PARSE_THRESHOLD
      ? await parser.parseSliced(text, oldTree, isStale)
      : parser.parse(text, oldTree);
  if (!tree) return undefined;
  if (isStale()) {
    tree.delete();
    return undefined;
  }
  const model =
    text.length > SLICED_PARSE_THRESHOLD
      ? await buildFileModelSliced(uri, tree, query, isStale)
      : buildFileModel(uri, tree, query);
  if (!model || isStale()) {
    tree.delete();
    return undefined;
  }
  return new TfDocument(uri, version, text, tree, model);
}

/**
 * Applies LSP content changes to the text and records them on a copy of the old tree so the next parse is
 * incremental. Returns the new text and the edited tree (owned by the caller).
 */
export function applyChanges(doc: TfDocument, changes: TextChange[]): { text: string; tree: Tree | null } {
  let text = doc.text;
  let tree: Tree | null = doc.tree.copy();
  let lines = doc.lineIndex;
  for (const change of changes) {
    if (!change.range) {
      text = change.text;
      tree?.delete();
      tree = null;
      lines = new LineIndex(text);
      continue;
    }
    const startIndex = lines.offsetAt(change.range.start);
    const oldEndIndex = Math.max(startIndex, lines.offsetAt(change.range.end));
    const startPosition = lines.positionAt(startIndex);
    const oldEndPosition = lines.positionAt(oldEndIndex);
    text = text.slice(0, startIndex) + change.text + text.slice(oldEndIndex);
    const newEndIndex = startIndex + change.text.length;
    if (tree) {
      tree.edit({
        startIndex,
        oldEndIndex,
        newEndIndex,
        startPosition: { row: startPosition.line, column: startPosition.character },
        oldEndPosition: { row: oldEndPosition.line, column: oldEndPosition.character },
        newEndPosition: endPoint(startPosition, change.text),
      });
    }
    lines = new LineIndex(text);
  }
  return { text, tree };
}

function endPoint(
  start: { line: number; character: number },
  inserted: string,
): { row: number; column: number } {
  const lines = inserted.split('\n');
  if (lines.length === 1) return { row: start.line, column: start.character + inserted.length };
  return { row: start.line + lines.length - 1, column: lines[lines.length - 1].length };
}
