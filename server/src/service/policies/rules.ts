// Building blocks of checks: "this argument must be …", "this nested block must exist", and the quick fixes that
// set an argument or add a block.
import type { Block } from '../model/types';
import { attribute, nestedBlocks } from './stack';
import type { CheckContext, PolicyFix, StackBlock } from './types';
import type { Value } from './values';

const indentOf = (block: Block) => ' '.repeat(block.range.start.character);

/** An edit adding lines (relative to the block's body indentation) just before a block's closing brace. */
export function insertFix(
  sb: StackBlock,
  block: Block,
  lines: string[],
  title: string,
): PolicyFix | undefined {
  const close = block.closeBrace;
  if (!close) return undefined;
  const indent = indentOf(block);
  const body = lines.map((l) => `${indent}  ${l}`).join('\n');
  if (close.start.line > block.openBrace.end.line) {
    return {
      title,
      edits: [
        {
          uri: sb.uri,
          range: {
            start: { line: close.start.line, character: 0 },
            end: { line: close.start.line, character: 0 },
          },
          newText: `${body}\n`,
        },
      ],
    };
  }
  // `name {}` on one line: open it up.
  return {
    title,
    edits: [
      {
        uri: sb.uri,
        range: { start: block.openBrace.end, end: close.start },
        newText: `\n${body}\n${indent}`,
      },
    ],
  };
}

/** Sets `name = valueText` in a block: replaces the value when the argument exists, adds it otherwise. */
export function setFix(sb: StackBlock, block: Block, name: string, valueText: string): PolicyFix | undefined {
  const title = `Set ${name} = ${valueText}`;
  const existing = attribute(block, name);
  if (existing) return { title, edits: [{ uri: sb.uri, range: existing.valueRange, newText: valueText }] };
  return insertFix(sb, block, [`${name} = ${valueText}`], title);
}

export interface RequireOptions {
  /** The block holding the argument; the resource's own block by default. */
  block?: Block;
  name: string;
  /** true: compliant; false: a violation; undefined: not known (a reference, an expression): passes. */
  ok: (value: Value) => boolean | undefined;
  /** Whether leaving the argument out is a violation (its default is insecure). */
  missingFails: boolean;
  message: string;
  /** A value text the quick fix sets; no quick fix without it. */
  fixValue?: string;
  checkov?: string | null;
  on?: StackBlock;
}

/** Checks one argument; reports on the argument when its value is wrong, on the block header when it is missing. */
export function requireArgument(ctx: CheckContext, sb: StackBlock, o: RequireOptions): void {
  const owner = o.on ?? sb;
  const block = o.block ?? owner.block;
  const a = attribute(block, o.name);
  const fix = o.fixValue !== undefined ? setFix(owner, block, o.name, o.fixValue) : undefined;
  if (!a) {
    if (o.missingFails) ctx.fail({ at: block, on: o.on, message: o.message, fix, checkov: o.checkov });
    return;
  }
  const value = ctx.stack.value(a)!;
  if (o.ok(value) === false) ctx.fail({ at: a, on: o.on, message: o.message, fix, checkov: o.checkov });
}

/**
 * Checks an argument of a nested block (`metadata_options { http_tokens }`): a missing block is reported on the
 * resource header with a fix adding the block with the argument.
 */
export function requireNestedArgument(
  ctx: CheckContext,
  sb: StackBlock,
  blockType: string,
  o: RequireOptions & { missingBlockFails: boolean },
): void {
  const blocks = nestedBlocks(sb.block, blockType);
  if (blocks.length === 0) {
    if (!o.missingBlockFails) return;
    const fix =
      o.fixValue !== undefined
        ? insertFix(
            sb,
            sb.block,
            [`${blockType} {`, `  ${o.name} = ${o.fixValue}`, '}'],
            `Add ${blockType} { ${o.name} = ${o.fixValue} }`,
          )
        : undefined;
    ctx.fail({ at: sb.block, message: o.message, fix, checkov: o.checkov });
    return;
  }
  for (const block of blocks) requireArgument(ctx, sb, { ...o, block });
}

export const isTrue = (v: Value) =>
  v.kind === 'bool'
    ? v.value
    : v.kind === 'string' && (v.value === 'true' || v.value === 'false')
      ? v.value === 'true'
      : undefined;
export const isFalse = (v: Value) => {
  const t = isTrue(v);
  return t === undefined ? undefined : !t;
};
/** Set to something: a reference counts; null or "" does not. */
export const isPresent = (v: Value) =>
  v.kind === 'null' ? false : v.kind === 'string' ? v.value !== '' : true;
