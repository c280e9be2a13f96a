import type { Query } from 'web-tree-sitter';
import type { Tree } from '../syntax/parser';
import { findSyntaxProblems } from '../syntax/syntaxProblems';
import { extractReferences } from './extractReferences';
import { extractStructure } from './extractStructure';
import type { FileModel } from './types';

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
