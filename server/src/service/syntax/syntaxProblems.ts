import type { Node, Tree } from './parser';
import type { SyntaxProblem } from '../model/types';
import { labelText, nodeRange } from '../model/nodes';

/** Error recovery can cascade; past this many problems more messages only add noise. */
const MAX_PROBLEMS = 25;

const CLOSERS: Record<string, { token: string; what: string }> = {
  block_end: { token: '}', what: 'block' },
  object_end: { token: '}', what: 'object' },
  tuple_end: { token: ']', what: 'list' },
  _function_call_end: { token: ')', what: 'function call' },
  template_interpolation_end: { token: '}', what: 'interpolation' },
  quoted_template_end: { token: '"', what: 'string' },
};

/** Turns tree-sitter ERROR and MISSING nodes into messages that say what is wrong and where it started. */
export function findSyntaxProblems(tree: Tree): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  if (!tree.rootNode.hasError) return problems;
  const visit = (node: Node): void => {
    if (problems.length >= MAX_PROBLEMS) return;
    if (node.isMissing) {
      problems.push(describeMissing(node));
      return;
    }
    if (node.type === 'ERROR') {
      problems.push(describeError(node));
      return;
    }
    for (const child of node.children) if (child && (child.hasError || child.isMissing)) visit(child);
  };
  visit(tree.rootNode);
  return problems;
}

export function describeBlock(block: Node): string {
  const parts = [block.child(0)?.text ?? 'block'];
  for (const child of block.children.slice(1)) {
    if (!child) continue;
    if (child.type === 'string_lit') parts.push(`"${labelText(child)}"`);
    else if (child.type === 'identifier') parts.push(child.text);
    else break;
  }
  return parts.join(' ');
}

function opener(node: Node): Node | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  if (parent.type === 'block') return parent.children.find((c) => c?.type === 'block_start') ?? undefined;
  return parent.child(0) ?? undefined;
}

function describeMissing(node: Node): SyntaxProblem {
  const range = nodeRange(node);
  // A missing node is named after the token it stands for ("}") or after its rule (block_end).
  const closer =
    CLOSERS[node.type] ??
    Object.values(CLOSERS).find((c) => c.token === node.type && node.parent && CLOSERS[node.parent.type]);
  const owner = node.parent?.type && CLOSERS[node.parent.type] ? node.parent.parent : node.parent;
  const token = closer?.token ?? node.type;
  if (node.type === 'quoted_template_end' || node.parent?.type === 'quoted_template_end') {
    // Quoted strings end on their own line, so point at the line the string started on, not where recovery ended.
    const start =
      node.parent?.type === 'string_lit' || node.parent?.type === 'quoted_template'
        ? node.parent
        : node.parent?.parent;
    const startRange = start ? nodeRange(start) : range;
    const line = start?.text.split(/\r?\n/)[0] ?? '';
    return {
      message: 'unterminated string: add the closing `"` on the same line',
      range: {
        start: startRange.start,
        end: { line: startRange.start.line, character: startRange.start.character + line.length },
      },
    };
  }
  if (owner && (closer || ['}', ']', ')'].includes(token))) {
    const open = opener(node.parent?.type && CLOSERS[node.parent.type] ? node.parent : node);
    const line = (open ?? owner).startPosition.row + 1;
    const what = describeOwner(owner, closer?.what);
    const message = `expected \`${token}\` to close ${what} opened on line ${line}`;
    const related = open ? [{ message: `${what} opened here`, range: nodeRange(open) }] : undefined;
    return { message, range: widen(range), related };
  }
  if (token === '"' || node.parent?.type === 'quoted_template') {
    return { message: 'unterminated string: add the closing `"`', range: widen(range) };
  }
  return { message: `expected \`${token}\``, range: widen(range) };
}

function describeOwner(owner: Node, fallback: string | undefined): string {
  switch (owner.type) {
    case 'block':
      return describeBlock(owner);
    case 'function_call':
      return `the call to \`${owner.child(0)?.text ?? ''}(\``;
    case 'object':
      return 'the object';
    case 'tuple':
      return 'the list';
    default:
      return fallback ? `the ${fallback}` : owner.type.replace(/_/g, ' ');
  }
}

function describeError(node: Node): SyntaxProblem {
  const unclosed = node.children.find((c) => c?.type === 'template_interpolation_start');
  if (unclosed && !node.children.some((c) => c?.type === 'template_interpolation_end')) {
    return {
      message: `expected \`}\` to close the interpolation \`\${\` opened on line ${unclosed.startPosition.row + 1}`,
      range: nodeRange(unclosed),
    };
  }
  const attribute = node.parent?.type === 'attribute' ? node.parent : undefined;
  const attributeName = attribute?.child(0);
  if (
    attributeName &&
    (node.startPosition.row > attributeName.startPosition.row || firstLeaf(node)?.text === '=')
  ) {
    const line = attributeName.startPosition.row;
    return {
      message: `expected a value after \`${attributeName.text} =\``,
      range: {
        start: { line, character: attributeName.startPosition.column },
        end: { line, character: attributeName.endPosition.column },
      },
    };
  }
  const first = firstLeaf(node);
  const text = first?.text ?? node.text.slice(0, 20);
  const range = nodeRange(node);
  // Keep the squiggle on the first offending line: a multi-line red block tells the user nothing.
  if (range.end.line > range.start.line) {
    range.end = {
      line: range.start.line,
      character: range.start.character + Math.max(1, firstLineLength(node.text)),
    };
  }
  const parentType = node.parent?.type;
  const inBody = parentType === 'body' || parentType === 'config_file' || parentType === 'block';
  if (text.startsWith('"') && !/"\s*$/.test(node.text.split('\n')[0].slice(1))) {
    return { message: 'unterminated string: add the closing `"` on the same line', range };
  }
  if (/^[A-Za-z_][\w-]*\s*=\s*$/.test(node.text.trim())) {
    return { message: `expected a value after \`${node.text.trim()}\``, range };
  }
  if (/^(\+|-|\*|\/|%|&&|\|\||==|!=|<=|>=|<|>|!)$/.test(node.text.trim())) {
    return { message: `expected an operand after \`${node.text.trim()}\``, range };
  }
  const shown = text.length > 30 ? `${text.slice(0, 30)}…` : text;
  if (inBody) {
    return {
      message: `unexpected \`${shown}\`: expected an attribute (\`name = value\`) or a block (\`type "label" { … }\`)`,
      range,
    };
  }
  return { message: `unexpected \`${shown}\` in this expression`, range };
}

function firstLeaf(node: Node): Node | undefined {
  let current: Node | null = node;
  while (current && current.childCount > 0) current = current.child(0);
  return current ?? undefined;
}

function firstLineLength(text: string): number {
  const newline = text.search(/\r?\n/);
  return newline === -1 ? text.length : newline;
}

/** A zero-width range is invisible in most editors; show at least one character. */
function widen(range: SyntaxProblem['range']): SyntaxProblem['range'] {
  if (range.start.line === range.end.line && range.start.character === range.end.character) {
    return range.start.character > 0
      ? { start: { line: range.start.line, character: range.start.character - 1 }, end: range.end }
      : { start: range.start, end: { line: range.end.line, character: range.end.character + 1 } };
  }
  return range;
}
