import type { Block } from '../model/types';
import type { BlockSchemaView, SchemaView } from '../schemaView/types';

/** The schema that governs the innermost block of `path` (outermost first), following dynamic/content. */
export function schemaAt(schemas: SchemaView, path: readonly Block[]): BlockSchemaView | undefined {
  const top = path[0];
  if (!top || (top.type !== 'resource' && top.type !== 'data') || !top.labels[0]) return undefined;
  let schema =
    top.type === 'data' ? schemas.dataSource(top.labels[0].text) : schemas.resource(top.labels[0].text);
  for (let i = 1; i < path.length && schema; i++) {
    const block = path[i];
    if (block.type === 'dynamic') {
      schema = schema.blocks.get(block.labels[0]?.text ?? '')?.schema;
      if (path[i + 1]?.type === 'content') i++;
      continue;
    }
    // While a line is being typed, error recovery can read `partial\n  nested {` as a block "partial" with the
    // unquoted label "nested"; the label is then the real block type.
    const label = block.labels[block.labels.length - 1];
    schema =
      schema.blocks.get(block.type)?.schema ?? (label ? schema.blocks.get(label.text)?.schema : undefined);
  }
  return schema;
}

/** The blocks at `indices` below a top-level block index, as code actions carry them in diagnostic data. */
export function blocksAtPath(blocks: readonly Block[], indices: readonly number[]): Block[] {
  const out: Block[] = [];
  let level = blocks;
  for (const index of indices) {
    const block = level[index];
    if (!block) return [];
    out.push(block);
    level = block.blocks;
  }
  return out;
}
