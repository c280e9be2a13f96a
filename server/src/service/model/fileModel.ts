import type { Query } from 'web-tree-sitter';
import type { Tree } from '../syntax/parser';
import { findSyntaxProblems } from '../syntax/syntaxProblems';
import { extractReferences } from './extractReferences';
import { emptyStructure, extractStructure, structureSteps, type TopLevelItem } from './extractStructure';
import type { FileModel, Reference } from './types';

export function buildFileModel(uri: string, tree: Tree, referenceQuery: Query): FileModel {
  const structure = extractStructure(tree.rootNode, uri);
  const references = extractReferences(
    tree.rootNode,
    referenceQuery,
    structure.spans,
    structure.dynamicScopes,
  );
  return {
    uri,
    blocks: structure.blocks,
    attributes: structure.attributes,
    declarations: structure.declarations,
    references,
    syntaxProblems: findSyntaxProblems(tree),
  };
}

const SLICE_MS = 30;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The same model built in time slices between top-level items, so a multi-megabyte file never holds the event
 * loop for long. Returns undefined when a newer version made the work pointless.
 */
export async function buildFileModelSliced(
  uri: string,
  tree: Tree,
  referenceQuery: Query,
  isStale: () => boolean,
): Promise<FileModel | undefined> {
  const structure = emptyStructure();
  const items: TopLevelItem[] = [];
  let deadline = Date.now() + SLICE_MS;
  for (const item of structureSteps(tree.rootNode, uri, structure)) {
    items.push(item);
    if (Date.now() > deadline) {
      await yieldToEventLoop();
      if (isStale()) return undefined;
      deadline = Date.now() + SLICE_MS;
    }
  }
  // References are queried per run of top-level items; no traversal crosses an item boundary.
  const references: Reference[] = [];
  for (let i = 0; i < items.length;) {
    let j = i;
    while (j < items.length && items[j].end - items[i].start < 64 * 1024) j++;
    if (j === i) j++;
    const range = {
      startIndex: items[i].start,
      endIndex: items[j - 1].end,
      startRow: items[i].startRow,
      endRow: items[j - 1].endRow,
    };
    references.push(
      ...extractReferences(tree.rootNode, referenceQuery, structure.spans, structure.dynamicScopes, range),
    );
    i = j;
    if (Date.now() > deadline) {
      await yieldToEventLoop();
      if (isStale()) return undefined;
      deadline = Date.now() + SLICE_MS;
    }
  }
  return {
    uri,
    blocks: structure.blocks,
    attributes: structure.attributes,
    declarations: structure.declarations,
    references,
    syntaxProblems: findSyntaxProblems(tree),
  };
}
