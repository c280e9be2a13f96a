// Quick fixes for drift diagnostics: adopt the live value into the code, revert the cloud to the code (a terminal
// with targeted plan/apply commands for the user to run: Opsmith never applies), or ignore the attribute.
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { formatHcl } from '../format/formatter';
import type { Attribute, Block } from '../model/types';
import type { TfDocument } from '../workspace/document';
import { splitList } from './compare';
import { DRIFT_CODE, type DriftDiagnosticData } from './diagnostics';
import { wholeLines } from '../text/wholeLines';

export const REVERT_COMMAND = 'opsmith.revertDrift';

export interface RevertArguments {
  address: string;
  commands: string[];
}

export function driftCodeActions(doc: TfDocument, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.code !== DRIFT_CODE) continue;
    const data = diagnostic.data as DriftDiagnosticData | undefined;
    if (!data || typeof data !== 'object' || !data.address) continue;
    const block = doc.model.blocks[data.blockIndex];
    if (!block || block.type !== 'resource') continue;
    const edit = (edits: TextEdit) => ({ changes: { [doc.uri]: [edits] } });
    if (data.kind === 'attribute' && data.adoptable) {
      const adopt = adoptEdit(doc, block, diagnostic.range, data);
      if (adopt)
        actions.push({
          title: 'Adopt live value',
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: true,
          edit: edit(adopt),
        });
    }
    const target = shellWord(`-target=${data.address}`);
    const args: RevertArguments = {
      address: data.address,
      commands: [`terraform plan ${target}`, `terraform apply ${target}`],
    };
    actions.push({
      title: 'Revert to code',
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title: 'Revert to code', command: REVERT_COMMAND, arguments: [args] },
    });
    if (data.kind === 'attribute' && data.ignorePath) {
      const ignore = ignoreEdit(doc, block, data.ignorePath);
      if (ignore)
        actions.push({
          title: `Ignore changes to ${data.ignorePath}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: edit(ignore),
        });
    }
  }
  return actions;
}

/** Quoted for a POSIX shell when the address has characters a shell would read (`["a"]`). */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_.=\-[\]/]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

// ---------------------------------------------------------------------------------------------------------------
// Adopt live value

function adoptEdit(
  doc: TfDocument,
  block: Block,
  range: Range,
  data: DriftDiagnosticData,
): TextEdit | undefined {
  const lines = doc.lineIndex;
  if (data.liveMissing) {
    // A map key the live side does not have: remove the entry.
    if (!data.entryRange) return undefined;
    return formatted(doc, block, [{ range: wholeLines(doc, data.entryRange), newText: '' }]);
  }
  const attribute = findAttribute(block, range);
  const indent = lineIndent(doc, range.start.line);
  const codeText =
    attribute && sameRange(attribute.valueRange, range)
      ? attribute.valueText
      : doc.text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
  const newText = renderLike(codeText, data.live, indent);
  return formatted(doc, block, [{ range, newText }]);
}

function findAttribute(block: Block, range: Range): Attribute | undefined {
  for (const attribute of block.attributes) if (sameRange(attribute.valueRange, range)) return attribute;
  for (const nested of block.blocks) {
    const found = findAttribute(nested, range);
    if (found) return found;
  }
  return undefined;
}

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line &&
  a.start.character === b.start.character &&
  a.end.line === b.end.line &&
  a.end.character === b.end.character;

function lineIndent(doc: TfDocument, line: number): string {
  const start = doc.lineIndex.offsetAt({ line, character: 0 });
  return /^[ \t]*/.exec(doc.text.slice(start, start + 200))![0];
}

/** The live value written the way the code wrote the old one: jsonencode(...), a JSON heredoc, or plain HCL. */
export function renderLike(codeText: string, live: unknown, indent: string): string {
  const text = codeText.trim();
  const document = typeof live === 'string' ? parseJson(live) : live;
  const isDocument = typeof document === 'object' && document !== null;
  if (/^jsonencode\s*\(/.test(text) && isDocument) return `jsonencode(${renderHcl(document, indent)})`;
  const heredoc = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)/.exec(text);
  if (heredoc && isDocument) {
    const json = JSON.stringify(document, null, 2).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
    const body = heredoc[1] ? json.replace(/^/gm, `${indent}  `) : json;
    return `<<${heredoc[1]}${heredoc[2]}\n${body}\n${heredoc[1] ? indent : ''}${heredoc[2]}`;
  }
  if (text.startsWith('"') && isDocument && typeof live !== 'string') return quote(JSON.stringify(document));
  if (/^-?\d/.test(text) && typeof live === 'string' && /^-?\d+(\.\d+)?$/.test(live)) return live;
  return renderHcl(live, indent);
}

function parseJson(text: string): unknown {
  const t = text.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return text;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return text;
  }
}

/** An HCL string literal: escapes, and `${`/`%{` doubled so they stay literal. */
export function quote(value: string): string {
  return `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, '$${')
    .replace(/%\{/g, '%%{')}"`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** A value as HCL: lists of scalars inline when short, maps one key per line (terraform fmt aligns them). */
export function renderHcl(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const scalars = value.every((v) => v === null || typeof v !== 'object');
    const oneLine = `[${value.map((v) => renderHcl(v, indent)).join(', ')}]`;
    if (scalars && oneLine.length + indent.length <= 100) return oneLine;
    return `[\n${value.map((v) => `${inner}${renderHcl(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries
    .map(([k, v]) => `${inner}${IDENTIFIER.test(k) ? k : quote(k)} = ${renderHcl(v, inner)}`)
    .join('\n')}\n${indent}}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Ignore

function ignoreEdit(doc: TfDocument, block: Block, path: string): TextEdit | undefined {
  if (!block.closeBrace) return undefined;
  const lines = doc.lineIndex;
  const blockIndent = lineIndent(doc, block.range.start.line);
  const lifecycle = block.blocks.find((b) => b.type === 'lifecycle');
  const attribute = lifecycle?.attributes.find((a) => a.name === 'ignore_changes');
  if (lifecycle && attribute) {
    const text = attribute.valueText;
    if (text.trim() === 'all') return undefined;
    const items = splitList(text);
    if (items.map((i) => i.replace(/\s+/g, '')).includes(path)) return undefined;
    if (attribute.singleLine || !text.includes('\n'))
      return formatted(doc, block, [
        { range: attribute.valueRange, newText: `[${[...items, path].join(', ')}]` },
      ]);
    // A multi-line list: a new line before the closing bracket, in the list's comma style.
    const close = text.lastIndexOf(']');
    const before = text.slice(0, close).trimEnd();
    const start = lines.offsetAt(attribute.valueRange.start);
    const lastLine = before.slice(before.lastIndexOf('\n') + 1);
    const itemIndent = /^[ \t]*/.exec(lastLine)![0] || `${lineIndent(doc, attribute.range.start.line)}  `;
    const at = lines.positionAt(start + before.length);
    const newText =
      before.endsWith(',') || before.endsWith('[') ? `\n${itemIndent}${path},` : `,\n${itemIndent}${path}`;
    return formatted(doc, block, [{ range: { start: at, end: at }, newText }]);
  }
  const inner = `${blockIndent}  `;
  if (lifecycle?.closeBrace) {
    const line = `${inner}  ignore_changes = [${path}]`;
    if (lifecycle.closeBrace.start.line === lifecycle.openBrace.end.line)
      return formatted(doc, block, [
        {
          range: { start: lifecycle.openBrace.end, end: lifecycle.closeBrace.start },
          newText: `\n${line}\n${inner}`,
        },
      ]);
    const at = { line: lifecycle.openBrace.end.line + 1, character: 0 };
    return formatted(doc, block, [{ range: { start: at, end: at }, newText: `${line}\n` }]);
  }
  const body = `${inner}lifecycle {\n${inner}  ignore_changes = [${path}]\n${inner}}\n`;
  const close = block.closeBrace;
  if (close.start.line === block.openBrace.end.line)
    return formatted(doc, block, [
      { range: { start: block.openBrace.end, end: close.start }, newText: `\n${body}${blockIndent}` },
    ]);
  const closeLineStart = lines.offsetAt({ line: close.start.line, character: 0 });
  const previousLine =
    close.start.line > 0
      ? doc.text.slice(lines.offsetAt({ line: close.start.line - 1, character: 0 }), closeLineStart).trim()
      : '';
  const separator = previousLine === '' || previousLine.endsWith('{') ? '' : '\n';
  if (doc.text.slice(closeLineStart, lines.offsetAt(close.start)).trim() !== '')
    return formatted(doc, block, [
      { range: { start: close.start, end: close.start }, newText: `\n${separator}${body}${blockIndent}` },
    ]);
  const at = { line: close.start.line, character: 0 };
  return formatted(doc, block, [{ range: { start: at, end: at }, newText: `${separator}${body}` }]);
}

// ---------------------------------------------------------------------------------------------------------------
// Edits that keep the block fmt-clean

/**
 * Applies the edits to the top-level block's text, formats the block as terraform fmt would (an adopted map needs
 * its keys aligned, a new lifecycle attribute its `=`), and returns the smallest edit from the old block to that.
 */
function formatted(doc: TfDocument, block: Block, edits: TextEdit[]): TextEdit {
  const lines = doc.lineIndex;
  const start = lines.offsetAt({ line: block.range.start.line, character: 0 });
  const end = lines.offsetAt(block.range.end);
  const old = doc.text.slice(start, end);
  let text = old;
  for (const e of [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start))) {
    const from = lines.offsetAt(e.range.start) - start;
    const to = lines.offsetAt(e.range.end) - start;
    text = text.slice(0, from) + e.newText + text.slice(to);
  }
  // Nested blocks of the top level start at column 0; an indented top-level block is left as the user has it.
  if (block.range.start.character === 0 && lineIndent(doc, block.range.start.line) === '') {
    try {
      text = formatHcl(text);
    } catch {
      // Not formattable (a syntax error elsewhere in the block): the plain edit.
    }
  }
  let prefix = 0;
  while (prefix < old.length && prefix < text.length && old[prefix] === text[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < old.length - prefix &&
    suffix < text.length - prefix &&
    old[old.length - 1 - suffix] === text[text.length - 1 - suffix]
  )
    suffix++;
  return {
    range: { start: lines.positionAt(start + prefix), end: lines.positionAt(end - suffix) },
    newText: text.slice(prefix, text.length - suffix),
  };
}
