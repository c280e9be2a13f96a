import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { Block } from '../model/types';
import type { AttributeInfo, SchemaView } from '../schemaView/types';
import type { TfDocument } from '../workspace/document';
import type { ModuleIndex } from '../workspace/moduleIndex';
import type { SchemaDiagnosticData } from './schemaDiagnostics';
import { blocksAtPath, schemaAt } from './schemaAt';
import { wholeLines } from '../text/wholeLines';

/** Quick fixes for schema diagnostics, driven by the data each diagnostic carries. */
export function codeActions(
  doc: TfDocument,
  module: ModuleIndex,
  diagnostics: Diagnostic[],
  schemas: SchemaView,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const data = diagnostic.data as SchemaDiagnosticData | undefined;
    if (!data || typeof data !== 'object' || !('fix' in data)) continue;
    const edit = (edits: TextEdit[]) => ({ changes: { [doc.uri]: edits } });
    if ((data.fix === 'replace' || data.fix === 'remove-attribute') && data.suggestion) {
      actions.push({
        title: `Change to ${data.suggestion.startsWith('"') ? data.suggestion : `"${data.suggestion}"`}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: edit([{ range: diagnostic.range, newText: data.suggestion }]),
      });
    }
    if (data.fix === 'remove-attribute') {
      actions.push({
        title:
          diagnostic.code === 'computed-attribute' ? 'Remove computed attribute' : 'Remove unknown attribute',
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: edit([{ range: wholeLines(doc, data.removeRange), newText: '' }]),
      });
    }
    if (data.fix === 'add-required') {
      const path = blocksAtPath(doc.model.blocks, data.blockPath);
      const block = path[path.length - 1];
      const schema = schemaAt(schemas, path);
      if (!block?.closeBrace || !schema) continue;
      const infos = data.missing
        .map((name) => schema.attributes.get(name))
        .filter((a): a is AttributeInfo => !!a);
      actions.push({
        title: 'Add missing required attributes',
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: edit([insertAttributes(doc, block, infos, module, schemas)]),
      });
    }
  }
  return actions;
}

function insertAttributes(
  doc: TfDocument,
  block: Block,
  attributes: AttributeInfo[],
  module: ModuleIndex,
  schemas: SchemaView,
): TextEdit {
  const lines = doc.lineIndex;
  const blockIndent = /^[ \t]*/.exec(
    doc.text.slice(lines.offsetAt({ line: block.range.start.line, character: 0 })),
  )![0];
  const indent = `${blockIndent}  `;
  const width = Math.max(...attributes.map((a) => a.name.length));
  const provider = schemas.providerOf(block.labels[0]?.text ?? '')?.name;
  const body = attributes
    .map((a) => `${indent}${a.name.padEnd(width)} = ${valueFor(a, module, provider)}\n`)
    .join('');
  const close = block.closeBrace!;
  const closeLineStart = lines.offsetAt({ line: close.start.line, character: 0 });
  const beforeClose = doc.text.slice(closeLineStart, lines.offsetAt(close.start));
  if (close.start.line === block.openBrace.end.line) {
    // `resource "x" "y" {}` on one line: open it up.
    return { range: { start: block.openBrace.end, end: close.start }, newText: `\n${body}${blockIndent}` };
  }
  // A blank line keeps the new arguments their own alignment group, which is what terraform fmt expects.
  const previousLine =
    close.start.line > 0
      ? doc.text.slice(lines.offsetAt({ line: close.start.line - 1, character: 0 }), closeLineStart).trim()
      : '';
  const separator = previousLine === '' || previousLine.endsWith('{') ? '' : '\n';
  if (beforeClose.trim() !== '')
    return {
      range: { start: close.start, end: close.start },
      newText: `\n${separator}${body}${blockIndent}`,
    };
  const at = { line: close.start.line, character: 0 };
  return { range: { start: at, end: at }, newText: `${separator}${body}` };
}

/** A reference to the module's only fitting resource (`vpc_id` → `aws_vpc.main.id`), else a typed placeholder. */
function valueFor(attribute: AttributeInfo, module: ModuleIndex, provider: string | undefined): string {
  const match = /^(.+?)_(id|arn|name|ids|arns)$/.exec(attribute.name);
  if (match && provider) {
    const type = `${provider}_${match[1]}`;
    const candidates = [...module.declarations.values()]
      .map((l) => l[0])
      .filter((d) => d.kind === 'resource' && d.block?.labels[0]?.text === type);
    if (candidates.length === 1) {
      const suffix = match[2].replace(/s$/, '');
      const reference = `${type}.${candidates[0].name}.${suffix}`;
      return match[2].endsWith('s') ? `[${reference}]` : reference;
    }
  }
  if (attribute.type === 'string') return '""';
  if (attribute.type === 'number') return '0';
  if (attribute.type === 'bool') return 'false';
  if (/^(list|set|tuple)\(/.test(attribute.type)) return '[]';
  if (/^(map|object)\(/.test(attribute.type)) return '{}';
  return 'null';
}
