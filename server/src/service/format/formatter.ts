/**
 * A formatter whose output is byte-identical to `terraform fmt` (v1.11).
 *
 * terraform fmt is hclwrite's token-based formatter (hclwrite/format.go) plus
 * a few rewrites that terraform's fmt command applies through the hclwrite
 * AST first (internal/command/fmt.go): block labels are re-quoted, attribute
 * values that are a lone interpolation ("${x}") are unwrapped, and legacy
 * `variable` type constraints are modernised. Both stages are reproduced
 * here; only whitespace changes otherwise.
 */

import { LexError, TokenKind, type TokenStream, lex } from './tokenizer';

// A local alias: reading an imported binding through a CommonJS export
// getter on every token comparison is measurably slow.
const K = TokenKind;
type K = TokenKind;

export class FormatError extends Error {
  /** 1-based position of the problem, for diagnostics. */
  readonly line: number;
  readonly column: number;

  constructor(
    message: string,
    readonly offset: number,
    source: string,
  ) {
    const { line, column } = positionOf(source, offset);
    super(`${message} (line ${line}, column ${column})`);
    this.name = 'FormatError';
    this.line = line;
    this.column = column;
  }
}

export interface FormatOptions {
  /**
   * Indentation width. terraform fmt always uses 2; any other value gives
   * output that terraform fmt will want to change back.
   */
  tabSize?: number;
}

export interface FormatEdit {
  startOffset: number;
  endOffset: number;
  newText: string;
}

/**
 * Formats HCL source as terraform fmt would. Throws FormatError when the
 * source does not lex, its brackets don't balance or its body structure is
 * broken, since formatting such input would mangle it (terraform refuses too).
 */
export function formatHcl(text: string, options: FormatOptions = {}): string {
  const tabSize = options.tabSize;
  const indentWidth = tabSize !== undefined && Number.isInteger(tabSize) && tabSize >= 0 ? tabSize : 2;
  let stream: TokenStream;
  try {
    stream = lex(text);
  } catch (err) {
    if (err instanceof LexError) throw new FormatError(err.message, err.offset, text);
    throw err;
  }
  checkBrackets(stream);
  const toks = applyTerraformRewrites(stream);
  layout(toks, indentWidth);
  return render(toks);
}

/**
 * The edits turning `text` into its formatted form: none when it is already
 * formatted, otherwise one edit spanning the first to the last difference.
 * Throws FormatError like formatHcl.
 */
export function formatEdits(text: string, options: FormatOptions = {}): FormatEdit[] {
  const formatted = formatHcl(text, options);
  if (formatted === text) return [];
  let start = 0;
  const shorter = Math.min(text.length, formatted.length);
  while (start < shorter && text.charCodeAt(start) === formatted.charCodeAt(start)) start++;
  let end = text.length;
  let newEnd = formatted.length;
  while (end > start && newEnd > start && text.charCodeAt(end - 1) === formatted.charCodeAt(newEnd - 1)) {
    end--;
    newEnd--;
  }
  // Editors map offsets to line/character positions, which are ambiguous
  // between the halves of a CRLF or of a surrogate pair.
  if (start > 0 && splitsPair(text, start)) start--;
  if (end < text.length && splitsPair(text, end)) {
    end++;
    newEnd++;
  }
  return [{ startOffset: start, endOffset: end, newText: formatted.slice(start, newEnd) }];
}

function splitsPair(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return (
    (before === 13 && after === 10) ||
    (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff)
  );
}

function positionOf(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = source.indexOf('\n'); nl >= 0 && nl < offset; nl = source.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function bracketChange(kind: number): number {
  switch (kind) {
    case K.OBrace:
    case K.OBrack:
    case K.OParen:
    case K.TemplateInterp:
    case K.TemplateControl:
      return 1;
    case K.CBrace:
    case K.CBrack:
    case K.CParen:
    case K.TemplateSeqEnd:
      return -1;
    default:
      return 0;
  }
}

/** Single-line comments carry their newline, so they end a line like a Newline token. */
function endsLine(kinds: Uint8Array, ends: Int32Array, source: string, i: number): boolean {
  return kinds[i] === K.Newline || (kinds[i] === K.Comment && source.charCodeAt(ends[i] - 1) === 10);
}

// ---------------------------------------------------------------------------
// Validation

const CLOSER_OF: Partial<Record<number, K>> = {
  [K.OBrace]: K.CBrace,
  [K.OBrack]: K.CBrack,
  [K.OParen]: K.CParen,
  [K.TemplateInterp]: K.TemplateSeqEnd,
  [K.TemplateControl]: K.TemplateSeqEnd,
};

/** The indentation logic assumes balanced brackets; unbalanced input would be re-indented wildly. */
function checkBrackets({ source, count, kinds, starts, ends }: TokenStream): void {
  const open: number[] = [];
  const text = (i: number): string => source.slice(starts[i], ends[i]);
  for (let i = 0; i < count; i++) {
    const change = bracketChange(kinds[i]);
    if (change > 0) {
      open.push(i);
    } else if (change < 0) {
      const opener = open.pop();
      if (opener === undefined) {
        throw new FormatError(`Unexpected "${text(i)}" with no matching opening bracket`, starts[i], source);
      }
      if (CLOSER_OF[kinds[opener]] !== kinds[i]) {
        const at = positionOf(source, starts[opener]);
        throw new FormatError(
          `Unexpected "${text(i)}": "${text(opener)}" opened at line ${at.line}, column ${at.column} is still open`,
          starts[i],
          source,
        );
      }
    }
  }
  const unclosed = open.pop();
  if (unclosed !== undefined) {
    throw new FormatError(`"${text(unclosed)}" is never closed`, starts[unclosed], source);
  }
}

// ---------------------------------------------------------------------------
// terraform fmt's AST rewrites

/** The token list the layout works on: the lexed tokens after terraform's rewrites. */
interface Tokens {
  source: string;
  count: number;
  kinds: Uint8Array;
  /** Source offsets; a synthesized token has start -1 - k and text synthetic[k]. */
  starts: Int32Array;
  ends: Int32Array;
  /** Spaces before each token, which is what the layout decides. */
  spaces: Int32Array;
  synthetic: string[];
}

interface Synthetic {
  kind: K;
  text: string;
}

/** Tokens replacing [from, to): indexes of existing tokens, or new ones. */
interface Replacement {
  from: number;
  to: number;
  tokens: Array<number | Synthetic>;
}

/** Where a body is: terraform rewrites `type` only directly inside a top-level `variable` block. */
type BodyKind = 'file' | 'variable' | 'nested';

interface Label {
  from: number;
  to: number;
  /** The decoded label, or null where hclwrite can't decode it and drops it. */
  value: string | null;
}

/**
 * Tokens that cannot end an expression: the value must continue, which HCL
 * only allows inside brackets. (Not "*", which ends a legacy splat `x.*`.)
 */
const DANGLING = new Set<number>([
  K.Plus,
  K.Minus,
  K.Slash,
  K.Percent,
  K.EqualOp,
  K.NotEqual,
  K.LessThan,
  K.LessThanEq,
  K.GreaterThan,
  K.GreaterThanEq,
  K.And,
  K.Or,
  K.Bang,
  K.Question,
  K.Colon,
  K.Dot,
  K.DoubleColon,
  K.FatArrow,
  K.Ellipsis,
]);

/**
 * Walks the body structure (attributes and blocks; expressions are skipped
 * by bracket counting), checking it as hclsyntax would and collecting the
 * replacements terraform fmt makes. Brackets are known to balance, so no
 * scan runs past EOF.
 */
function applyTerraformRewrites(stream: TokenStream): Tokens {
  const { source, kinds, starts, ends } = stream;
  const replacements: Replacement[] = [];
  const text = (i: number): string => source.slice(starts[i], ends[i]);
  const fail = (i: number, message: string): never => {
    throw new FormatError(message, starts[i], source);
  };
  const describe = (i: number): string =>
    kinds[i] === K.EOF
      ? 'the end of the file'
      : isLineEnd(i) && kinds[i] !== K.Comment
        ? 'a line break'
        : JSON.stringify(text(i).slice(0, 40));
  const isLineEnd = (i: number): boolean => endsLine(kinds, ends, source, i);
  const isItemEnd = (i: number): boolean => isLineEnd(i) || kinds[i] === K.EOF;
  // hclsyntax's parser skips comments that don't end a line.
  const skipInlineComments = (i: number): number => {
    while (kinds[i] === K.Comment && !isLineEnd(i)) i++;
    return i;
  };

  /**
   * Walks the bodies of the file. Iterative, with an explicit stack of the
   * enclosing bodies, so deeply nested blocks cannot overflow the call stack.
   */
  const walkBodies = (): void => {
    const enclosing: BodyKind[] = [];
    let body: BodyKind = 'file';
    let i = 0;
    for (;;) {
      const kind = kinds[i];
      if (kind === K.Newline || kind === K.Comment) {
        i++;
      } else if (kind === K.EOF) {
        return;
      } else if (kind === K.CBrace) {
        // The end of a multi-line block (brackets balance, so one is open).
        body = enclosing.pop() ?? 'file';
        i = skipInlineComments(i + 1);
        if (!isItemEnd(i)) fail(i, `Missing newline after block definition, found ${describe(i)}`);
      } else if (kind !== K.Ident) {
        fail(i, `Expected an attribute or block definition, found ${describe(i)}`);
      } else if (kinds[skipInlineComments(i + 1)] === K.Equal) {
        i = walkAttribute(i, body);
        if (!isItemEnd(i)) fail(i, `Missing newline after argument, found ${describe(i)}`);
      } else {
        const block = walkBlockHeader(i, body);
        if (block.body === null) {
          i = skipInlineComments(block.next);
          if (!isItemEnd(i)) fail(i, `Missing newline after block definition, found ${describe(i)}`);
        } else {
          enclosing.push(body);
          body = block.body;
          i = block.next;
        }
      }
    }
  };

  /** Returns the index of the token that ends the attribute's expression. */
  const walkAttribute = (nameIndex: number, body: BodyKind): number => {
    const name = text(nameIndex);
    const exprStart = skipInlineComments(skipInlineComments(nameIndex + 1) + 1);
    let last = -1;
    let depth = 0;
    let i = exprStart;
    for (; ; i++) {
      const kind = kinds[i];
      if (depth === 0) {
        // A "}" here closes the enclosing single-line block.
        if (isLineEnd(i) || kind === K.EOF || kind === K.CBrace) break;
        if (kind === K.Comma || kind === K.Equal) {
          fail(
            i,
            `Unexpected ${describe(i)} after the value of "${name}"; put each argument on its own line`,
          );
        }
      }
      depth += bracketChange(kind);
      if (kind !== K.Comment) last = i;
    }
    if (last < exprStart) fail(exprStart, `Expected an expression for "${name}"`);
    if (DANGLING.has(kinds[last])) {
      fail(
        last,
        `The value of "${name}" ends with ${describe(last)}; an expression can only continue on the next line inside brackets`,
      );
    }
    const rewritten =
      body === 'variable' && name === 'type'
        ? modernTypeExpr(stream, exprStart, last + 1)
        : unwrapInterpolation(stream, exprStart, last + 1);
    if (rewritten !== null) replacements.push({ from: exprStart, to: last + 1, tokens: rewritten });
    return i;
  };

  /**
   * Walks a block's type, labels and "{". A single-line block is walked to
   * its end (body null, next is past its "}"); for a multi-line one, next is
   * where its body starts.
   */
  const walkBlockHeader = (typeIndex: number, parent: BodyKind): { body: BodyKind | null; next: number } => {
    const blockType = text(typeIndex);
    const labels: Label[] = [];
    let i = skipInlineComments(typeIndex + 1);
    for (;;) {
      if (kinds[i] === K.Ident) {
        labels.push({ from: i, to: i + 1, value: text(i) });
      } else if (kinds[i] === K.OQuote) {
        const close = matchingQuote(kinds, i);
        for (let j = i + 1; j < close; j++) {
          if (kinds[j] === K.TemplateInterp || kinds[j] === K.TemplateControl) {
            fail(j, `Block labels cannot contain template sequences such as "${text(j)}"`);
          }
        }
        const value =
          close === i + 1
            ? ''
            : close === i + 2 && kinds[i + 1] === K.QuotedLit
              ? decodeQuotedLit(text(i + 1))
              : null;
        labels.push({ from: i, to: close + 1, value });
      } else {
        break;
      }
      i = skipInlineComments(labels[labels.length - 1].to);
    }
    if (kinds[i] !== K.OBrace) {
      fail(i, `Expected "{" to open the "${blockType}" block, found ${describe(i)}`);
    }
    if (labels.length > 0 && !labelsAreCanonical(stream, typeIndex + 1, labels)) {
      // hclwrite rebuilds the labels from their values, which quotes bare
      // labels and drops comments among them (and labels it can't decode).
      const quoted: Synthetic[] = [];
      for (const { value } of labels) {
        if (value === null) continue;
        quoted.push({ kind: K.OQuote, text: '"' });
        if (value !== '') quoted.push({ kind: K.QuotedLit, text: escapeLabel(value) });
        quoted.push({ kind: K.CQuote, text: '"' });
      }
      replacements.push({ from: typeIndex + 1, to: labels[labels.length - 1].to, tokens: quoted });
    }
    const body: BodyKind = parent === 'file' && blockType === 'variable' ? 'variable' : 'nested';
    const first = skipInlineComments(i + 1);
    if (isLineEnd(first)) return { body, next: first };
    // A single-line block: `name {}` or `name { arg = value }`.
    if (kinds[first] === K.CBrace) return { body: null, next: first + 1 };
    if (kinds[first] !== K.Ident || kinds[skipInlineComments(first + 1)] !== K.Equal) {
      fail(
        first,
        `A single-line "${blockType}" block can hold only one argument; put nested blocks on their own lines`,
      );
    }
    const end = walkAttribute(first, body);
    if (kinds[end] !== K.CBrace) {
      fail(end, `A single-line "${blockType}" block must hold one argument and close on the same line`);
    }
    return { body: null, next: end + 1 };
  };

  walkBodies();
  return applyReplacements(stream, replacements);
}

function applyReplacements(stream: TokenStream, replacements: Replacement[]): Tokens {
  const { source, count, kinds, starts, ends } = stream;
  const spaces = new Int32Array(
    count + replacements.reduce((n, r) => n + r.tokens.length - (r.to - r.from), 0),
  );
  spaces[spaces.length - 1] = stream.eofSpaces;
  if (replacements.length === 0) return { source, count, kinds, starts, ends, spaces, synthetic: [] };
  const out: Tokens = {
    source,
    count: spaces.length,
    kinds: new Uint8Array(spaces.length),
    starts: new Int32Array(spaces.length),
    ends: new Int32Array(spaces.length),
    spaces,
    synthetic: [],
  };
  let n = 0;
  const copy = (i: number): void => {
    out.kinds[n] = kinds[i];
    out.starts[n] = starts[i];
    out.ends[n++] = ends[i];
  };
  let i = 0;
  for (const rep of replacements) {
    while (i < rep.from) copy(i++);
    for (const tok of rep.tokens) {
      if (typeof tok === 'number') {
        copy(tok);
      } else {
        out.kinds[n] = tok.kind;
        out.starts[n] = out.ends[n] = -1 - out.synthetic.length;
        out.synthetic.push(tok.text);
        n++;
      }
    }
    i = rep.to;
  }
  while (i < count) copy(i++);
  return out;
}

/** True when rebuilding the labels would reproduce exactly the tokens already there. */
function labelsAreCanonical(
  { source, kinds, starts, ends }: TokenStream,
  from: number,
  labels: Label[],
): boolean {
  let expected = from;
  for (const { from: start, to, value } of labels) {
    if (start !== expected || value === null || kinds[start] !== K.OQuote) return false;
    if (to - start === 3 && source.slice(starts[start + 1], ends[start + 1]) !== escapeLabel(value))
      return false;
    expected = to;
  }
  return true;
}

function matchingQuote(kinds: Uint8Array, open: number): number {
  let depth = 0;
  for (let i = open; ; i++) {
    if (kinds[i] === K.OQuote) depth++;
    else if (kinds[i] === K.CQuote && --depth === 0) return i;
  }
}

/** hclsyntax's ParseStringLiteralToken; the lexer has already rejected bad escapes. */
function decodeQuotedLit(lit: string): string {
  if (lit === '$${' || lit === '%%{') return lit.slice(1);
  return lit.replace(
    /\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))/gsu,
    (_m, u4?: string, u8?: string, ch?: string) => {
      if (u4 !== undefined || u8 !== undefined) return String.fromCodePoint(parseInt(u4 ?? u8 ?? '', 16));
      return ch === 'n' ? '\n' : ch === 'r' ? '\r' : ch === 't' ? '\t' : (ch ?? '');
    },
  );
}

// Go's unicode.IsPrint; anything else is written as a \u escape.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
// Printable ASCII without quotes, backslashes or template introducers needs no escaping.
const PLAIN_LABEL = /^[\w\-. :/@#+=,;!?&*()[\]{}<>|~^'`]*$/;

/** hclwrite's escapeQuotedStringLit, applied to the NFC form as cty strings are. */
function escapeLabel(value: string): string {
  if (PLAIN_LABEL.test(value)) return value;
  const s = value.normalize('NFC');
  let out = '';
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    switch (ch) {
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '$':
      case '%':
        out += s[i] === '{' ? ch + ch : ch;
        break;
      default:
        if (PRINTABLE.test(ch)) out += ch;
        else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
        else out += `\\U${cp.toString(16).padStart(8, '0')}`;
    }
  }
  return out;
}

/**
 * terraform fmt's formatValueExpr: `"${expr}"` (tokens [from, to)) becomes
 * `expr` when the template is exactly one interpolation, parenthesised if it
 * spans lines.
 */
function unwrapInterpolation(
  { kinds }: TokenStream,
  from: number,
  to: number,
): Array<number | Synthetic> | null {
  if (to - from < 5) return null;
  if (
    kinds[from] !== K.OQuote ||
    kinds[from + 1] !== K.TemplateInterp ||
    kinds[to - 2] !== K.TemplateSeqEnd ||
    kinds[to - 1] !== K.CQuote
  ) {
    return null;
  }
  let quotes = 0;
  for (let i = from + 2; i < to - 2; i++) {
    const kind = kinds[i];
    if (kind === K.OQuote) quotes++;
    else if (kind === K.CQuote) quotes--;
    // Another sequence or literal text at the outer level: not a lone interpolation.
    else if (
      quotes <= 0 &&
      (kind === K.TemplateInterp || kind === K.TemplateSeqEnd || kind === K.QuotedLit)
    ) {
      return null;
    }
  }
  let first = from + 2;
  let last = to - 2;
  while (first < last && kinds[first] === K.Newline) first++;
  while (last > first && kinds[last - 1] === K.Newline) last--;
  if (first === last) return null;
  const inner: Array<number | Synthetic> = [];
  let multiLine = false;
  for (let i = first; i < last; i++) {
    inner.push(i);
    if (kinds[i] === K.Newline) multiLine = true;
  }
  const parenthesised = last - first > 1 && kinds[first] === K.OParen && kinds[last - 1] === K.CParen;
  // Without parentheses a multi-line expression would end at its first newline.
  if (multiLine && !parenthesised)
    return [{ kind: K.OParen, text: '(' }, ...inner, { kind: K.CParen, text: ')' }];
  return inner;
}

/** terraform fmt's formatTypeExpr: pre-0.12 quoted types and bare collection types. */
function modernTypeExpr(
  { source, kinds, starts, ends }: TokenStream,
  from: number,
  to: number,
): Array<number | Synthetic> | null {
  const text = (i: number): string => source.slice(starts[i], ends[i]);
  const ident = (name: string): Synthetic => ({ kind: K.Ident, text: name });
  const call = (name: string | number, arg: string): Array<number | Synthetic> => [
    typeof name === 'number' ? name : ident(name),
    { kind: K.OParen, text: '(' },
    ident(arg),
    { kind: K.CParen, text: ')' },
  ];
  if (to - from === 1 && kinds[from] === K.Ident) {
    const name = text(from);
    // A collection type without an element type means "any" elements.
    return name === 'list' || name === 'map' || name === 'set' ? call(from, 'any') : null;
  }
  if (
    to - from === 3 &&
    kinds[from] === K.OQuote &&
    kinds[from + 1] === K.QuotedLit &&
    kinds[from + 2] === K.CQuote
  ) {
    // Terraform 0.11 converted collection elements to strings, so that is what they become.
    const legacy = text(from + 1);
    if (legacy === 'string') return [ident('string')];
    if (legacy === 'list' || legacy === 'map') return call(legacy, 'string');
  }
  return null;
}

// ---------------------------------------------------------------------------
// hclwrite's whitespace layout

/**
 * Each line split into hclwrite's cells, as token index ranges: lead
 * [start, assign), assign [assign, comment), comment [comment, end). An
 * absent cell is an empty range.
 */
interface Lines {
  count: number;
  start: Int32Array;
  assign: Int32Array;
  comment: Int32Array;
  end: Int32Array;
}

function layout(toks: Tokens, indentWidth: number): void {
  const lines = splitLines(toks);
  layoutIndent(toks, lines, indentWidth);
  layoutSpaces(toks, lines);
  // Align the "=" first: that moves the comments aligned next.
  alignCells(toks, lines, lines.assign, lines.comment);
  alignCells(toks, lines, lines.comment, lines.end);
}

function splitLines(toks: Tokens): Lines {
  const { source, kinds, ends } = toks;
  const eof = toks.count - 1;
  let count = 1;
  for (let i = 0; i < eof; i++) if (endsLine(kinds, ends, source, i)) count++;
  const lines: Lines = {
    count,
    start: new Int32Array(count),
    assign: new Int32Array(count),
    comment: new Int32Array(count),
    end: new Int32Array(count),
  };
  let line = 0;
  let start = 0;
  for (let i = 0; i < eof; i++) {
    if (endsLine(kinds, ends, source, i)) {
      splitCells(toks, lines, line++, start, i + 1);
      start = i + 1;
    }
  }
  splitCells(toks, lines, line, start, eof);
  return lines;
}

function splitCells({ kinds }: Tokens, lines: Lines, line: number, start: number, end: number): void {
  const comment = end - start > 1 && kinds[end - 1] === K.Comment ? end - 1 : end;
  let assign = comment;
  for (let i = start + 1; i < comment; i++) {
    if (kinds[i] === K.Equal) {
      // Only a complete single-line value joins an alignment group; an
      // opening bracket means the value continues on later lines.
      let net = 0;
      for (let j = i; j < comment; j++) net += bracketChange(kinds[j]);
      if (net === 0) assign = i;
      break;
    }
  }
  lines.start[line] = start;
  lines.assign[line] = assign;
  lines.comment[line] = comment;
  lines.end[line] = end;
}

/**
 * Indents each line by its open-bracket depth, where a line opening several
 * brackets at once counts as one level so `foo({` indents its body once.
 */
function layoutIndent({ kinds, spaces }: Tokens, lines: Lines, indentWidth: number): void {
  const indents: number[] = [];
  for (let line = 0; line < lines.count; line++) {
    const start = lines.start[line];
    const assign = lines.assign[line];
    if (start === assign) continue;
    if (kinds[start] === K.Newline) {
      spaces[start] = 0;
      continue;
    }
    let net = 0;
    for (let i = start; i < assign; i++) {
      net += bracketChange(kinds[i]);
      // Interpolations inside heredoc text don't affect indentation.
      if (kinds[i] === K.OHeredoc) break;
    }
    for (let i = assign; i < lines.comment[line]; i++) net += bracketChange(kinds[i]);
    if (net > 0) {
      spaces[start] = indentWidth * indents.length;
      indents.push(net);
      continue;
    }
    for (let closed = -net; closed > 0 && indents.length > 0;) {
      const top = indents[indents.length - 1];
      if (closed >= top) {
        closed -= top;
        indents.pop();
      } else {
        indents[indents.length - 1] = top - closed;
        closed = 0;
      }
    }
    spaces[start] = indentWidth * indents.length;
  }
}

function layoutSpaces(toks: Tokens, lines: Lines): void {
  const { spaces } = toks;
  for (let line = 0; line < lines.count; line++) {
    const start = lines.start[line];
    const assign = lines.assign[line];
    const comment = lines.comment[line];
    for (let i = start; i + 1 < assign; i++) {
      spaces[i + 1] = spaceAfter(toks, i, i > start ? i - 1 : -1, i + 1) ? 1 : 0;
    }
    if (assign < comment) {
      spaces[assign] = 1;
      for (let i = assign; i + 1 < comment; i++) {
        spaces[i + 1] = spaceAfter(toks, i, i > assign ? i - 1 : -1, i + 1) ? 1 : 0;
      }
    }
  }
}

/**
 * Aligns a cell (the one starting at cellStart[line] and ending at
 * cellEnd[line]) across each run of consecutive lines that all have it.
 */
function alignCells(toks: Tokens, lines: Lines, cellStart: Int32Array, cellEnd: Int32Array): void {
  const widths = new Int32Array(lines.count);
  let runStart = -1;
  let widest = 0;
  for (let line = 0; line <= lines.count; line++) {
    const hasCell = line < lines.count && cellStart[line] < cellEnd[line];
    if (hasCell) {
      if (runStart < 0) runStart = line;
      widths[line] = columns(toks, lines.start[line], cellStart[line]);
      if (widths[line] > widest) widest = widths[line];
    } else if (runStart >= 0) {
      for (let k = runStart; k < line; k++) toks.spaces[cellStart[k]] = widest - widths[k] + 1;
      runStart = -1;
      widest = 0;
    }
  }
}

/** Display width of tokens [from, to) as hclwrite counts it: spaces plus grapheme clusters. */
function columns({ source, starts, ends, spaces, synthetic }: Tokens, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    n += spaces[i];
    const start = starts[i];
    if (start < 0) {
      n += graphemeCount(synthetic[-1 - start]);
      continue;
    }
    const end = ends[i];
    let j = start;
    while (j < end && source.charCodeAt(j) < 128 && source.charCodeAt(j) !== 13) j++;
    n += j === end ? end - start : graphemeCount(source.slice(start, end));
  }
  return n;
}

let segmenter: Intl.Segmenter | undefined;

/**
 * Code points that can join a grapheme cluster with a neighbour (UAX #29:
 * CR, Extend, ZWJ, SpacingMark, Prepend, Hangul jamo, regional indicators,
 * emoji modifiers). Text without any of them has one cluster per code
 * point, so the slow segmenter is only needed when one appears.
 */
const CLUSTERING = new RegExp(
  [
    String.raw`[\r\p{M}\u200c\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u0d4e\u0e33\u0eb3\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\uff9e\uff9f]`,
    String.raw`[\u{110bd}\u{110cd}\u{111c2}\u{111c3}\u{1193f}\u{11941}\u{11a3a}\u{11a84}-\u{11a89}\u{11d46}\u{11f02}]`,
    String.raw`[\u{1f1e6}-\u{1f1ff}\u{e0000}-\u{e0fff}]`,
    // Zero-width joiner and emoji modifiers, kept out of classes as they combine with neighbours.
    String.raw`\u200d`,
    String.raw`\u{1f3fb}|\u{1f3fc}|\u{1f3fd}|\u{1f3fe}|\u{1f3ff}`,
  ].join('|'),
  'u',
);

/** hclwrite measures alignment in grapheme clusters (and a CRLF is one). */
function graphemeCount(text: string): number {
  if (!CLUSTERING.test(text)) {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // Count a surrogate pair once, via its high half.
      if (c < 0xdc00 || c > 0xdfff) n++;
    }
    return n;
  }
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/** True for the keyword `in` (an identifier token spelled "in"). */
function isIn({ source, kinds, starts, ends, synthetic }: Tokens, i: number): boolean {
  if (kinds[i] !== K.Ident) return false;
  const start = starts[i];
  if (start < 0) return synthetic[-1 - start] === 'in';
  return ends[i] - start === 2 && source.charCodeAt(start) === 105 && source.charCodeAt(start + 1) === 110;
}

/**
 * hclwrite's spaceAfterToken: whether token `subject` (preceded by `before`,
 * -1 at the start of a cell) is followed by a space before `after`. The
 * order of the cases matters.
 */
function spaceAfter(toks: Tokens, subject: number, before: number, after: number): boolean {
  const { kinds } = toks;
  const s = kinds[subject];
  const a = kinds[after];
  if (a === K.Newline) return false;
  if (s === K.Ident && a === K.OParen) return false;
  if ((s === K.Ident && a === K.DoubleColon) || (s === K.DoubleColon && a === K.Ident)) return false;
  if (s === K.Dot || a === K.Dot) return false;
  if (a === K.Comma || a === K.Ellipsis) return false;
  if (s === K.Comma) return true;
  if (s === K.QuotedLit || s === K.StringLit || s === K.OQuote || s === K.OHeredoc) return false;
  if (a === K.QuotedLit || a === K.StringLit || a === K.CQuote || a === K.CHeredoc) return false;
  // `in` inside a for expression: keep `in [list]` from reading as an index.
  if (before >= 0 && kinds[before] === K.Ident && isIn(toks, subject)) return true;
  if (a === K.OBrack && (s === K.Ident || s === K.NumberLit || bracketChange(s) < 0)) return false;
  if (s === K.Bang) return false;
  if (s === K.Minus) return !minusIsNegation(before < 0 ? -1 : kinds[before]);
  if (s === K.OBrace || a === K.CBrace) return !(s === K.OBrace && a === K.CBrace);
  if ((s === K.TemplateInterp || s === K.TemplateControl) && a === K.OBrace) return true;
  if (s === K.CBrace && a === K.TemplateSeqEnd) return true;
  if (s === K.TemplateSeqEnd && (a === K.TemplateInterp || a === K.TemplateControl)) return false;
  if (bracketChange(s) > 0) return false;
  if (bracketChange(a) < 0) return false;
  return true;
}

/** A minus is a negation unless the token before it (-1: none) could end an operand. */
function minusIsNegation(before: number): boolean {
  switch (before) {
    case -1:
    case K.OParen:
    case K.OBrace:
    case K.OBrack:
    case K.Equal:
    case K.Colon:
    case K.Comma:
    case K.Question:
    case K.Plus:
    case K.Star:
    case K.Slash:
    case K.Percent:
    case K.Minus:
    case K.EqualOp:
    case K.NotEqual:
    case K.GreaterThan:
    case K.GreaterThanEq:
    case K.LessThan:
    case K.LessThanEq:
    case K.And:
    case K.Or:
    case K.Bang:
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------
// Output

const SPACES: string[] = Array.from({ length: 64 }, (_, n) => ' '.repeat(n));

/**
 * Serialises the tokens. Stretches where the layout kept the source's own
 * spacing are copied as single slices of the source, which keeps large,
 * mostly formatted files cheap.
 */
function render({ source, count, starts, ends, spaces, synthetic }: Tokens): string {
  let out = '';
  let runStart = 0;
  let prevEnd = -1;
  for (let i = 0; i < count; i++) {
    const start = starts[i];
    const keepsSource =
      start >= 0 && prevEnd >= 0 && start - prevEnd === spaces[i] && isSpaceRun(source, prevEnd, start);
    if (!keepsSource) {
      if (prevEnd >= 0) out += source.slice(runStart, prevEnd);
      out += SPACES[spaces[i]] ?? ' '.repeat(spaces[i]);
      if (start < 0) out += synthetic[-1 - start];
      runStart = start;
    }
    prevEnd = start < 0 ? -1 : ends[i];
  }
  if (prevEnd >= 0) out += source.slice(runStart, prevEnd);
  return out;
}

function isSpaceRun(source: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (source.charCodeAt(i) !== 32) return false;
  return true;
}
