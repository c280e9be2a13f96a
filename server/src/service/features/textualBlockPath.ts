import type { Position, Range } from 'vscode-languageserver-types';
import type { Attribute, Block, Label } from '../model/types';
import type { TfDocument } from '../workspace/document';

const HEADER = /^\s*([A-Za-z_][\w-]*)((?:\s+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*)\s*\{\s*(?:#.*|\/\/.*)?$/;
const ATTRIBUTE = /^\s*([A-Za-z_][\w-]*)\s*=/;
const HEREDOC = /<<-?\s*([A-Za-z_][\w-]*)\s*$/;

interface Frame {
  block?: Block;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * The blocks around a position read from the text line by line, for when the user is mid-edit and the syntax
 * tree has been bent by error recovery. Blocks carry their header, the argument names and nested block types
 * set at their own level; that is what completion needs.
 */
export function textualBlockPath(doc: TfDocument, position: Position): Block[] {
  const lines = doc.text.split(/\r?\n/);
  const stack: Frame[] = [];
  let heredoc: RegExp | undefined;
  let atCursor: Block[] | undefined;
  for (let lineNo = 0; lineNo < lines.length; lineNo++) {
    if (lineNo === position.line) atCursor = stack.flatMap((f) => (f.block ? [f.block] : []));
    if (atCursor && stack.length < atCursor.length) break;
    const raw = lines[lineNo];
    if (heredoc) {
      if (heredoc.test(raw)) heredoc = undefined;
      continue;
    }
    const line = stripStringsAndComments(raw);
    const parent = stack[stack.length - 1]?.block;
    const header = lineNo !== position.line ? HEADER.exec(raw) : null;
    if (header) {
      const labels: Label[] = [...header[2].matchAll(/"([^"\n]*)"|([A-Za-z_][\w-]*)/g)].map((m) => ({
        text: m[1] ?? m[2],
        range: ZERO,
      }));
      const block: Block = {
        type: header[1],
        typeRange: lineRange(lineNo),
        labels,
        range: lineRange(lineNo),
        headerRange: lineRange(lineNo),
        openBrace: lineRange(lineNo),
        attributes: [],
        blocks: [],
      };
      parent?.blocks.push(block);
      stack.push({ block });
      continue;
    }
    const attribute = ATTRIBUTE.exec(line);
    if (attribute && parent && lineNo !== position.line)
      parent.attributes.push(namedAttribute(attribute[1], lineNo));
    const doc = HEREDOC.exec(raw);
    if (doc) heredoc = new RegExp(`^\\s*${doc[1]}\\s*$`);
    for (const ch of line) {
      if (ch === '{' || ch === '[' || ch === '(') stack.push({});
      else if ((ch === '}' || ch === ']' || ch === ')') && stack.length) stack.pop();
    }
  }
  return atCursor ?? stack.flatMap((f) => (f.block ? [f.block] : []));
}

function stripStringsAndComments(line: string): string {
  return line.replace(/"(?:[^"\\]|\\.)*"?/g, '""').replace(/(#|\/\/).*$/, '');
}

function lineRange(line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

function namedAttribute(name: string, line: number): Attribute {
  return {
    name,
    nameRange: lineRange(line),
    range: lineRange(line),
    valueRange: lineRange(line),
    valueText: '',
    singleLine: true,
  };
}
