import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type Position,
} from 'vscode-languageserver-types';
import type { AttributeInfo, BlockInfo, SchemaView } from '../schemaView/types';
import type { TfDocument } from '../workspace/document';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { directoryOf } from '../workspace/uris';
import { blockPathAt } from './blockPath';
import { textualBlockPath } from './textualBlockPath';
import { childModuleDir } from './crossModule';
import { schemaAt } from './schemaAt';

const TOP_LEVEL_BLOCKS: { label: string; snippet: string; detail: string }[] = [
  {
    label: 'resource',
    snippet: 'resource "${1:type}" "${2:name}" {\n\t$0\n}',
    detail: 'A managed infrastructure object',
  },
  {
    label: 'data',
    snippet: 'data "${1:type}" "${2:name}" {\n\t$0\n}',
    detail: 'A data source read at plan time',
  },
  {
    label: 'variable',
    snippet: 'variable "${1:name}" {\n\ttype        = ${2:string}\n\tdescription = "${3}"\n}',
    detail: 'An input variable',
  },
  { label: 'output', snippet: 'output "${1:name}" {\n\tvalue = ${2}\n}', detail: 'An output value' },
  { label: 'locals', snippet: 'locals {\n\t${1:name} = ${2}\n}', detail: 'Local values' },
  { label: 'module', snippet: 'module "${1:name}" {\n\tsource = "${2}"\n}', detail: 'A module call' },
  { label: 'provider', snippet: 'provider "${1:aws}" {\n\t$0\n}', detail: 'Provider configuration' },
  {
    label: 'terraform',
    snippet: 'terraform {\n\trequired_providers {\n\t\t$0\n\t}\n}',
    detail: 'Terraform settings',
  },
  {
    label: 'moved',
    snippet: 'moved {\n\tfrom = ${1}\n\tto   = ${2}\n}',
    detail: 'Record a renamed or moved resource',
  },
  {
    label: 'import',
    snippet: 'import {\n\tto = ${1}\n\tid = "${2}"\n}',
    detail: 'Import an existing object',
  },
  {
    label: 'removed',
    snippet: 'removed {\n\tfrom = ${1}\n\n\tlifecycle {\n\t\tdestroy = ${2:false}\n\t}\n}',
    detail: 'Stop managing an object',
  },
  {
    label: 'check',
    snippet: 'check "${1:name}" {\n\tassert {\n\t\tcondition     = ${2}\n\t\terror_message = "${3}"\n\t}\n}',
    detail: 'A continuous validation',
  },
];

const RESOURCE_META: { label: string; snippet: string; detail: string }[] = [
  { label: 'count', snippet: 'count = ${1:1}', detail: 'Number of instances' },
  { label: 'for_each', snippet: 'for_each = ${1}', detail: 'One instance per map or set element' },
  { label: 'depends_on', snippet: 'depends_on = [${1}]', detail: 'Explicit dependencies' },
  { label: 'provider', snippet: 'provider = ${1}', detail: 'Non-default provider configuration' },
  { label: 'lifecycle', snippet: 'lifecycle {\n\t$0\n}', detail: 'Lifecycle customizations' },
];

const FIXED_REFERENCE_MEMBERS: Record<string, string[]> = {
  each: ['key', 'value'],
  count: ['index'],
  path: ['module', 'root', 'cwd'],
  terraform: ['workspace'],
};

export function completion(
  index: WorkspaceIndex,
  doc: TfDocument,
  position: Position,
  schemas: SchemaView,
): CompletionItem[] {
  const lineStart = doc.lineIndex.offsetAt({ line: position.line, character: 0 });
  const prefix = doc.text.slice(lineStart, doc.lineIndex.offsetAt(position));
  // A file being typed into rarely parses; read the surrounding blocks from the text then.
  const path =
    doc.model.syntaxProblems.length > 0 ? textualBlockPath(doc, position) : blockPathAt(doc, position);

  const header = /^\s*(resource|data)\s+"([\w-]*)$/.exec(prefix);
  if (header && path.length === 0) {
    const types = header[1] === 'data' ? schemas.dataSourceTypes() : schemas.resourceTypes();
    return types.map((type) => ({
      label: type,
      kind: CompletionItemKind.Class,
      detail: schemas.providerOf(type)?.source,
    }));
  }

  const traversal = /(?:^|[^\w.\]])((?:[A-Za-z_][\w-]*)(?:\.[A-Za-z_][\w-]*|\[[^\]]*\])*)\.([\w-]*)$/.exec(
    prefix,
  );
  if (traversal)
    return referenceMembers(index, doc, traversal[1].replace(/\[[^\]]*\]/g, '').split('.'), schemas);

  const name = /^\s*([\w-]*)$/.exec(prefix);
  if (name) {
    if (path.length === 0)
      return doc.languageId === 'terraform'
        ? TOP_LEVEL_BLOCKS.map(snippetItem(CompletionItemKind.Keyword))
        : [];
    return bodyItems(path, schemas);
  }

  const value = /^\s*([\w-]+)\s*=\s*"?([\w-]*)$/.exec(prefix);
  if (value && path.length > 0)
    return valueItems(
      index,
      doc,
      path,
      value[1],
      prefix.trimEnd().endsWith('"') || /"[\w-]*$/.test(prefix),
      schemas,
    );
  return [];
}

function snippetItem(kind: CompletionItemKind) {
  return (entry: { label: string; snippet: string; detail: string }): CompletionItem => ({
    label: entry.label,
    kind,
    detail: entry.detail,
    insertText: entry.snippet,
    insertTextFormat: InsertTextFormat.Snippet,
  });
}

function bodyItems(path: ReturnType<typeof blockPathAt>, schemas: SchemaView): CompletionItem[] {
  const block = path[path.length - 1];
  const schema = schemaAt(schemas, path);
  const items: CompletionItem[] = [];
  if (path.length === 1 && (block.type === 'resource' || block.type === 'data')) {
    for (const meta of RESOURCE_META)
      if (block.type === 'resource' || meta.label !== 'lifecycle')
        items.push({ ...snippetItem(CompletionItemKind.Keyword)(meta), sortText: `2${meta.label}` });
  }
  if (!schema) return items;
  const set = new Set(block.attributes.map((a) => a.name));
  for (const attribute of schema.attributes.values()) {
    if (set.has(attribute.name) || (attribute.computed && !attribute.optional && !attribute.required))
      continue;
    items.push(attributeItem(attribute));
  }
  const counts = new Map<string, number>();
  for (const nested of block.blocks) counts.set(nested.type, (counts.get(nested.type) ?? 0) + 1);
  for (const info of schema.blocks.values()) {
    const max = info.nesting === 'single' || info.nesting === 'group' ? 1 : info.maxItems;
    if (max !== undefined && (counts.get(info.name) ?? 0) >= max) continue;
    items.push(blockItem(info));
  }
  return items;
}

function placeholder(type: string): string {
  if (type === 'string') return '"${1}"';
  if (type === 'number') return '${1:0}';
  if (type === 'bool') return '${1|true,false|}';
  if (/^(list|set|tuple)\(/.test(type)) return '[${1}]';
  if (/^(map|object)\(/.test(type)) return '{\n\t${1}\n}';
  return '${1}';
}

function attributeItem(attribute: AttributeInfo): CompletionItem {
  const flags = attribute.required ? 'required' : attribute.computed ? 'optional, computed' : 'optional';
  return {
    label: attribute.name,
    kind: CompletionItemKind.Property,
    detail: `${attribute.type} (${flags})`,
    documentation: attribute.description,
    tags: attribute.deprecated ? [1] : undefined,
    // Required arguments first, then optional ones, each alphabetically.
    sortText: `${attribute.required ? 0 : 1}${attribute.name}`,
    insertText: `${attribute.name} = ${placeholder(attribute.type)}`,
    insertTextFormat: InsertTextFormat.Snippet,
  };
}

function blockItem(info: BlockInfo): CompletionItem {
  const required = (info.minItems ?? 0) > 0;
  return {
    label: info.name,
    kind: CompletionItemKind.Struct,
    detail: `block (${info.nesting}${info.maxItems ? `, at most ${info.maxItems}` : ''}${required ? ', required' : ''})`,
    documentation: info.description,
    sortText: `${required ? 0 : 1}${info.name}`,
    insertText: `${info.name} {\n\t$0\n}`,
    insertTextFormat: InsertTextFormat.Snippet,
  };
}

function valueItems(
  index: WorkspaceIndex,
  doc: TfDocument,
  path: ReturnType<typeof blockPathAt>,
  attributeName: string,
  inString: boolean,
  schemas: SchemaView,
): CompletionItem[] {
  const info = schemaAt(schemas, path)?.attributes.get(attributeName);
  const items: CompletionItem[] = [];
  if (info?.enumValues) {
    for (const value of info.enumValues)
      items.push({
        label: value,
        kind: CompletionItemKind.EnumMember,
        insertText: inString ? value : `"${value}"`,
      });
  }
  if (inString) return items;
  if (info?.type === 'bool')
    items.push(
      { label: 'true', kind: CompletionItemKind.Value },
      { label: 'false', kind: CompletionItemKind.Value },
    );
  for (const root of ['var', 'local', 'module', 'data'])
    items.push({ label: root, kind: CompletionItemKind.Keyword, sortText: `3${root}` });
  const module = index.moduleOf(doc.uri);
  const types = new Set<string>();
  for (const [, list] of module.declarations)
    if (list[0].kind === 'resource') types.add(list[0].block!.labels[0].text);
  for (const type of types) items.push({ label: type, kind: CompletionItemKind.Class, sortText: `4${type}` });
  return items;
}

function referenceMembers(
  index: WorkspaceIndex,
  doc: TfDocument,
  parts: string[],
  schemas: SchemaView,
): CompletionItem[] {
  const module = index.moduleOf(doc.uri);
  const declared = (kind: string) =>
    [...module.declarations.values()].map((l) => l[0]).filter((d) => d.kind === kind);
  const [root, second, third] = parts;
  if (FIXED_REFERENCE_MEMBERS[root] && parts.length === 1) {
    return FIXED_REFERENCE_MEMBERS[root].map((label) => ({ label, kind: CompletionItemKind.Field }));
  }
  switch (root) {
    case 'var':
      return parts.length === 1
        ? declared('variable').map((d) => ({
            label: d.name,
            kind: CompletionItemKind.Variable,
            detail: d.block?.attributes.find((a) => a.name === 'type')?.valueText,
          }))
        : [];
    case 'local':
      return parts.length === 1
        ? declared('local').map((d) => ({
            label: d.name,
            kind: CompletionItemKind.Variable,
            detail: d.attribute?.valueText.slice(0, 60),
          }))
        : [];
    case 'module': {
      if (parts.length === 1)
        return declared('module').map((d) => ({ label: d.name, kind: CompletionItemKind.Module }));
      if (parts.length !== 2) return [];
      const child = childModuleDir(index, directoryOf(doc.uri), second);
      if (!child) return [];
      return [...index.module(child).declarations.values()]
        .map((l) => l[0])
        .filter((d) => d.kind === 'output')
        .map((d) => ({ label: d.name, kind: CompletionItemKind.Field }));
    }
    case 'data': {
      const data = declared('data');
      if (parts.length === 1)
        return [...new Set(data.map((d) => d.block!.labels[0].text))].map((label) => ({
          label,
          kind: CompletionItemKind.Class,
        }));
      if (parts.length === 2)
        return data
          .filter((d) => d.block!.labels[0].text === second)
          .map((d) => ({ label: d.name, kind: CompletionItemKind.Variable }));
      if (parts.length === 3 && third) return attributesOf(schemas.dataSource(second));
      return [];
    }
    default: {
      const resources = declared('resource').filter((d) => d.block!.labels[0].text === root);
      if (parts.length === 1)
        return resources.map((d) => ({ label: d.name, kind: CompletionItemKind.Variable }));
      if (parts.length === 2 && resources.some((d) => d.name === second))
        return attributesOf(schemas.resource(root));
      return [];
    }
  }
}

/** Every attribute readable from an instance, computed ones such as `id` and `arn` included. */
function attributesOf(schema: ReturnType<SchemaView['resource']>): CompletionItem[] {
  const items: CompletionItem[] = [
    { label: 'id', kind: CompletionItemKind.Field, detail: 'string (computed)' },
  ];
  if (!schema) return items;
  for (const attribute of schema.attributes.values()) {
    if (attribute.name === 'id') continue;
    items.push({
      label: attribute.name,
      kind: CompletionItemKind.Field,
      detail: `${attribute.type}${attribute.computed ? ' (computed)' : ''}`,
      documentation: attribute.description,
    });
  }
  for (const block of schema.blocks.values())
    items.push({ label: block.name, kind: CompletionItemKind.Field, detail: `block (${block.nesting})` });
  return items;
}
