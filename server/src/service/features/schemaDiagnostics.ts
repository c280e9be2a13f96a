import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { Attribute, Block } from '../model/types';
import type { BlockSchemaView, SchemaView } from '../schemaView/types';
import type { TfDocument } from '../workspace/document';
import { SOURCE } from './diagnostics';
import { didYouMean } from './didYouMean';
import { literalKind, literalMismatch } from './literalTypes';

/** Machine-readable payload on schema diagnostics; code actions read it back. */
export type SchemaDiagnosticData =
  | { fix: 'replace'; suggestion: string }
  | { fix: 'remove-attribute'; suggestion?: string; removeRange: Range }
  | { fix: 'add-required'; blockPath: number[]; missing: string[] };

const META_ARGUMENTS: Record<string, ReadonlySet<string>> = {
  resource: new Set(['count', 'for_each', 'provider', 'depends_on']),
  data: new Set(['count', 'for_each', 'provider', 'depends_on']),
  ephemeral: new Set(['count', 'for_each', 'provider', 'depends_on']),
};
const META_BLOCKS: Record<string, ReadonlySet<string>> = {
  resource: new Set(['lifecycle', 'provisioner', 'connection', 'dynamic']),
  data: new Set(['lifecycle', 'dynamic']),
  ephemeral: new Set(['lifecycle', 'dynamic']),
};
const NESTED_META_BLOCKS: ReadonlySet<string> = new Set(['dynamic']);

/** Checks resource and data blocks against the provider schema. Types of providers we have no schema for pass. */
export function schemaDiagnostics(
  doc: TfDocument,
  schemas: SchemaView,
  newerThanShipped: ReadonlySet<string> = new Set(),
): Diagnostic[] {
  const out: Diagnostic[] = [];
  doc.model.blocks.forEach((block, index) => {
    if (block.type !== 'resource' && block.type !== 'data') return;
    const typeLabel = block.labels[0];
    if (!typeLabel) return;
    const isData = block.type === 'data';
    const schema = isData ? schemas.dataSource(typeLabel.text) : schemas.resource(typeLabel.text);
    if (!schema) {
      if (!schemas.providerOf(typeLabel.text)) return;
      const suggestion = didYouMean(
        typeLabel.text,
        isData ? schemas.dataSourceTypes() : schemas.resourceTypes(),
      );
      out.push({
        range: typeLabel.range,
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        code: isData ? 'unknown-data-source-type' : 'unknown-resource-type',
        message: `Unknown ${isData ? 'data source' : 'resource'} type "${typeLabel.text}"${suggestion ? `: did you mean "${suggestion}"?` : ''}`,
        data: suggestion
          ? ({ fix: 'replace', suggestion: `"${suggestion}"` } satisfies SchemaDiagnosticData)
          : undefined,
      });
      return;
    }
    if (schema.deprecated) {
      out.push(deprecation(typeLabel.range, `"${typeLabel.text}" is deprecated: ${schema.deprecated}`));
    }
    checkBody(block, schema, [index], META_ARGUMENTS[block.type], META_BLOCKS[block.type], out);
  });
  return newerThanShipped.size
    ? out.map((d) => softenForNewerProvider(d, doc, newerThanShipped, schemas))
    : out;
}

const UNKNOWN_CODES = new Set([
  'unknown-resource-type',
  'unknown-data-source-type',
  'unknown-attribute',
  'unknown-block',
]);

/**
 * When the module requires a newer provider than the schema that ships, "unknown" may only mean "newer than our
 * schema": say so as a warning instead of an error.
 */
function softenForNewerProvider(
  d: Diagnostic,
  doc: TfDocument,
  newer: ReadonlySet<string>,
  schemas: SchemaView,
): Diagnostic {
  if (!UNKNOWN_CODES.has(String(d.code))) return d;
  const block = doc.model.blocks.find(
    (b) => b.range.start.line <= d.range.start.line && d.range.end.line <= b.range.end.line,
  );
  const provider = block?.labels[0] && schemas.providerOf(block.labels[0].text);
  if (!provider || !newer.has(provider.name)) return d;
  return {
    ...d,
    severity: DiagnosticSeverity.Warning,
    message: `${d.message} (this module requires a newer ${provider.source} than the ${provider.version} schema Opsmith ships)`,
  };
}

function checkBody(
  block: Block,
  schema: BlockSchemaView,
  path: number[],
  metaArguments: ReadonlySet<string> | undefined,
  metaBlocks: ReadonlySet<string> | undefined,
  out: Diagnostic[],
): void {
  for (const attribute of block.attributes) {
    if (metaArguments?.has(attribute.name)) continue;
    checkAttribute(block, attribute, schema, out);
  }
  const counts = new Map<string, number>();
  const dynamicNames = new Set<string>();
  block.blocks.forEach((nested, index) => {
    if (nested.type === 'dynamic') {
      const name = nested.labels[0]?.text;
      if (!name) return;
      dynamicNames.add(name);
      const info = schema.blocks.get(name);
      if (!info) {
        if (!schema.attributes.has(name))
          out.push(unknownBlock(nested, name, schema, nested.labels[0]!.range));
        return;
      }
      const content = nested.blocks.find((b) => b.type === 'content');
      if (content) checkBody(content, info.schema, [...path, index], undefined, NESTED_META_BLOCKS, out);
      return;
    }
    if (metaBlocks?.has(nested.type) || NESTED_META_BLOCKS.has(nested.type)) return;
    const info = schema.blocks.get(nested.type);
    if (!info) {
      // Attributes of list-of-object type may be written as blocks (Terraform's "attributes as blocks" mode).
      if (isObjectCollection(schema.attributes.get(nested.type)?.type)) return;
      out.push(unknownBlock(nested, nested.type, schema, nested.typeRange));
      return;
    }
    counts.set(nested.type, (counts.get(nested.type) ?? 0) + 1);
    if (info.deprecated)
      out.push(deprecation(nested.typeRange, `Block "${nested.type}" is deprecated: ${info.deprecated}`));
    const max = info.nesting === 'single' || info.nesting === 'group' ? 1 : info.maxItems;
    if (max !== undefined && (counts.get(nested.type) ?? 0) > max) {
      out.push({
        range: nested.typeRange,
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        code: 'too-many-blocks',
        message: `Too many "${nested.type}" blocks: at most ${max} allowed here`,
      });
    }
    checkBody(nested, info.schema, [...path, index], undefined, NESTED_META_BLOCKS, out);
  });

  const missing = [...schema.attributes.values()]
    .filter((a) => a.required && !block.attributes.some((b) => b.name === a.name))
    .map((a) => a.name);
  const missingBlocks = [...schema.blocks.values()]
    .filter((b) => (b.minItems ?? 0) > 0 && !counts.has(b.name) && !dynamicNames.has(b.name))
    .map((b) => b.name);
  if (missing.length || missingBlocks.length) {
    const what = [...missing.map((m) => `argument "${m}"`), ...missingBlocks.map((m) => `block "${m}"`)];
    out.push({
      range: block.typeRange.start.line === block.headerRange.end.line ? block.headerRange : block.typeRange,
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      code: 'missing-required',
      message: `Missing required ${what.join(', ')}`,
      data: { fix: 'add-required', blockPath: path, missing } satisfies SchemaDiagnosticData,
    });
  }
}

function checkAttribute(
  block: Block,
  attribute: Attribute,
  schema: BlockSchemaView,
  out: Diagnostic[],
): void {
  const info = schema.attributes.get(attribute.name);
  if (!info) {
    if (schema.blocks.has(attribute.name)) {
      out.push({
        range: attribute.nameRange,
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        code: 'block-as-attribute',
        message: `"${attribute.name}" is a block, not an argument: write ${attribute.name} { … } without "="`,
      });
      return;
    }
    const suggestion = didYouMean(attribute.name, [...schema.attributes.keys(), ...schema.blocks.keys()]);
    out.push({
      range: attribute.nameRange,
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      code: 'unknown-attribute',
      message: `Unsupported argument "${attribute.name}" in ${describeOwner(block)}${suggestion ? `: did you mean "${suggestion}"?` : ''}`,
      data: {
        fix: 'remove-attribute',
        suggestion,
        removeRange: attribute.range,
      } satisfies SchemaDiagnosticData,
    });
    return;
  }
  // Null is accepted for a computed-only attribute, so only a literal value is surely wrong.
  const literal = literalKind(attribute.valueText);
  if (info.computed && !info.optional && !info.required && literal && literal.kind !== 'null') {
    out.push({
      range: attribute.nameRange,
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      code: 'computed-attribute',
      message: `"${attribute.name}" is computed by the provider and cannot be set`,
      data: { fix: 'remove-attribute', removeRange: attribute.range } satisfies SchemaDiagnosticData,
    });
    return;
  }
  if (info.deprecated)
    out.push(deprecation(attribute.nameRange, `"${attribute.name}" is deprecated: ${info.deprecated}`));
  const mismatch = literalMismatch(info.type, attribute.valueText);
  if (mismatch) {
    out.push({
      range: attribute.valueRange,
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      code: 'type-mismatch',
      message: `Incorrect value for "${attribute.name}": ${mismatch}`,
    });
  }
}

function unknownBlock(block: Block, name: string, schema: BlockSchemaView, range: Range): Diagnostic {
  const suggestion = didYouMean(name, schema.blocks.keys());
  return {
    range,
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code: 'unknown-block',
    message: `Unsupported block type "${name}"${suggestion ? `: did you mean "${suggestion}"?` : ''}`,
    data:
      suggestion && block.type !== 'dynamic'
        ? ({ fix: 'replace', suggestion } satisfies SchemaDiagnosticData)
        : undefined,
  };
}

function deprecation(range: Range, message: string): Diagnostic {
  return {
    range,
    severity: DiagnosticSeverity.Warning,
    source: SOURCE,
    code: 'deprecated',
    tags: [DiagnosticTag.Deprecated],
    message,
  };
}

function describeOwner(block: Block): string {
  return block.labels.length ? `${block.type} "${block.labels[0].text}"` : `block "${block.type}"`;
}

function isObjectCollection(type: string | undefined): boolean {
  return !!type && (type === 'any' || /^(list|set)\(object\(/.test(type));
}
