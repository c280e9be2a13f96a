import type { Hover, Position } from 'vscode-languageserver-types';
import type { SchemaView } from '../schemaView/types';
import type { TfDocument } from '../workspace/document';
import { blockPathAt } from './blockPath';
import { contains } from './positions';
import { schemaAt } from './schemaAt';

/** Hover on a resource type label, an argument name or a nested block name shows what the provider says. */
export function schemaHover(doc: TfDocument, position: Position, schemas: SchemaView): Hover | null {
  for (const block of doc.model.blocks) {
    const label = block.labels[0];
    if ((block.type !== 'resource' && block.type !== 'data') || !label || !contains(label.range, position))
      continue;
    const schema = block.type === 'data' ? schemas.dataSource(label.text) : schemas.resource(label.text);
    if (!schema) return null;
    const provider = schemas.providerOf(label.text);
    const lines = [
      `**${label.text}** (${block.type === 'data' ? 'data source' : 'resource'}, ${provider?.source} ${provider?.version})`,
    ];
    if (schema.description) lines.push(schema.description);
    if (schema.docsUrl) lines.push(`[Registry documentation](${schema.docsUrl})`);
    return { contents: { kind: 'markdown', value: lines.join('\n\n') }, range: label.range };
  }
  const path = blockPathAt(doc, position);
  const block = path[path.length - 1];
  if (!block) return null;
  const schema = schemaAt(schemas, path);
  if (!schema) return null;
  const attribute = block.attributes.find((a) => contains(a.nameRange, position));
  const docsUrl = schemaAt(schemas, path.slice(0, 1))?.docsUrl;
  const link = docsUrl ? `[Registry documentation](${docsUrl}#${attribute?.name ?? ''})` : undefined;
  if (attribute) {
    const info = schema.attributes.get(attribute.name);
    if (!info) return null;
    const flags = info.required
      ? 'required'
      : [info.optional ? 'optional' : undefined, info.computed ? 'computed' : undefined]
          .filter(Boolean)
          .join(', ');
    const lines = [`**${info.name}** \`${info.type}\` — ${flags}${info.sensitive ? ', sensitive' : ''}`];
    if (info.deprecated) lines.push(`**Deprecated:** ${info.deprecated}`);
    if (info.description) lines.push(info.description);
    if (link) lines.push(link);
    return { contents: { kind: 'markdown', value: lines.join('\n\n') }, range: attribute.nameRange };
  }
  const nested = block.blocks.find((b) => contains(b.typeRange, position));
  const info = nested && schema.blocks.get(nested.type);
  if (!nested || !info) return null;
  const lines = [
    `**${info.name}** block — ${info.nesting}${info.maxItems ? `, at most ${info.maxItems}` : ''}${(info.minItems ?? 0) > 0 ? ', required' : ''}`,
  ];
  if (info.description) lines.push(info.description);
  return { contents: { kind: 'markdown', value: lines.join('\n\n') }, range: nested.typeRange };
}
