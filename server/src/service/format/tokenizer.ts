/**
 * Lexer for HCL native syntax, producing the same token stream as
 * hclsyntax's scanner (scan_tokens.rl). `terraform fmt` is purely token-based,
 * so matching its output byte for byte depends on agreeing with that scanner
 * on token kinds *and* boundaries: e.g. a quoted block label is only preserved
 * when its content is exactly one literal token, and `"a$b"` is three.
 */

/**
 * Token kinds, named after hclsyntax's. Numeric so a token stream can live
 * in typed arrays: a 1 MB file has a quarter of a million tokens, and one
 * object per token made garbage collection the formatter's main cost.
 */
export enum TokenKind {
  OBrace,
  CBrace,
  OBrack,
  CBrack,
  OParen,
  CParen,
  OQuote,
  CQuote,
  OHeredoc,
  CHeredoc,
  Star,
  Slash,
  Plus,
  Minus,
  Percent,
  Equal,
  EqualOp,
  NotEqual,
  LessThan,
  LessThanEq,
  GreaterThan,
  GreaterThanEq,
  And,
  Or,
  Bang,
  Dot,
  Comma,
  DoubleColon,
  Ellipsis,
  FatArrow,
  Question,
  Colon,
  TemplateInterp,
  TemplateControl,
  TemplateSeqEnd,
  QuotedLit,
  StringLit,
  NumberLit,
  Ident,
  Comment,
  Newline,
  EOF,
}

export type TokenType = keyof typeof TokenKind;

/**
 * The tokens of a source text, one index per token, ending with EOF. Token
 * `i` is `source.slice(starts[i], ends[i])`.
 */
export interface TokenStream {
  readonly source: string;
  readonly count: number;
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /**
   * The whitespace before EOF as hclwrite measures it: in bytes, so a byte
   * order mark in an otherwise empty file counts as three.
   */
  readonly eofSpaces: number;
}

/** A token as a plain object, for callers that prefer them to a TokenStream. */
export interface Token {
  type: TokenType;
  text: string;
  /** UTF-16 offset of the token in the source. */
  start: number;
}

export class LexError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'LexError';
  }
}

const enum Ch {
  Tab = 9,
  LF = 10,
  CR = 13,
  Space = 32,
  Bang = 33,
  Quote = 34,
  Hash = 35,
  Dollar = 36,
  Percent = 37,
  Amp = 38,
  Apos = 39,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  D0 = 48,
  D9 = 57,
  Colon = 58,
  Semi = 59,
  Lt = 60,
  Eq = 61,
  Gt = 62,
  Question = 63,
  UpperA = 65,
  UpperE = 69,
  UpperU = 85,
  UpperZ = 90,
  LBrack = 91,
  Backslash = 92,
  RBrack = 93,
  Caret = 94,
  Underscore = 95,
  Backtick = 96,
  LowerA = 97,
  LowerE = 101,
  LowerN = 110,
  LowerR = 114,
  LowerT = 116,
  LowerU = 117,
  LowerZ = 122,
  LBrace = 123,
  Pipe = 124,
  RBrace = 125,
  Tilde = 126,
}

const ID_START = /[\p{ID_Start}_]/uy;
const ID_CONTINUE = /[\p{ID_Continue}-]/uy;

function isDigit(c: number): boolean {
  return c >= Ch.D0 && c <= Ch.D9;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Length of the identifier starting at `pos`, or 0 if none starts there. */
function identLength(src: string, pos: number): number {
  const c = src.charCodeAt(pos);
  const asciiStart =
    (c >= Ch.LowerA && c <= Ch.LowerZ) || (c >= Ch.UpperA && c <= Ch.UpperZ) || c === Ch.Underscore;
  if (!asciiStart) {
    if (c < 128) return 0;
    ID_START.lastIndex = pos;
    if (!ID_START.test(src)) return 0;
  }
  let i = asciiStart ? pos + 1 : ID_START.lastIndex;
  for (;;) {
    const d = src.charCodeAt(i);
    if (
      (d >= Ch.LowerA && d <= Ch.LowerZ) ||
      (d >= Ch.UpperA && d <= Ch.UpperZ) ||
      isDigit(d) ||
      d === Ch.Underscore ||
      d === Ch.Minus
    ) {
      i++;
    } else if (d >= 128) {
      ID_CONTINUE.lastIndex = i;
      if (!ID_CONTINUE.test(src)) break;
      i = ID_CONTINUE.lastIndex;
    } else {
      break;
    }
  }
  return i - pos;
}

/** A template literal's escapes are validated here because hclsyntax rejects the whole file over a bad one. */
function escapeLength(src: string, pos: number): number {
  const sel = src.charCodeAt(pos + 1);
  switch (sel) {
    case Ch.LowerN:
    case Ch.LowerR:
    case Ch.LowerT:
    case Ch.Quote:
    case Ch.Backslash:
      return 2;
    case Ch.LowerU:
    case Ch.UpperU: {
      const digits = sel === Ch.LowerU ? 4 : 8;
      for (let k = 0; k < digits; k++) {
        if (!isHex(src.charCodeAt(pos + 2 + k))) {
          throw new LexError(
            `Invalid escape sequence: \\${String.fromCharCode(sel)} must be followed by ${digits} hexadecimal digits`,
            pos,
          );
        }
      }
      const cp = parseInt(src.slice(pos + 2, pos + 2 + digits), 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        throw new LexError(`Invalid escape sequence: cannot encode U+${cp.toString(16)} in UTF-8`, pos);
      }
      return 2 + digits;
    }
    default:
      if (Number.isNaN(sel) || sel === Ch.LF || sel === Ch.CR)
        throw new LexError('Unterminated template string', pos);
      throw new LexError(
        `Invalid escape sequence "\\${String.fromCodePoint(src.codePointAt(pos + 1) ?? 0)}"`,
        pos,
      );
  }
}

const SINGLE: Partial<Record<number, TokenKind>> = {
  [Ch.LBrack]: TokenKind.OBrack,
  [Ch.RBrack]: TokenKind.CBrack,
  [Ch.LParen]: TokenKind.OParen,
  [Ch.RParen]: TokenKind.CParen,
  [Ch.Comma]: TokenKind.Comma,
  [Ch.Star]: TokenKind.Star,
  [Ch.Plus]: TokenKind.Plus,
  [Ch.Minus]: TokenKind.Minus,
  [Ch.Percent]: TokenKind.Percent,
  [Ch.Question]: TokenKind.Question,
};

/** Characters hclsyntax scans as tokens but its parser always rejects. */
const REJECTED: Partial<Record<number, string>> = {
  [Ch.Semi]: 'semicolons are not allowed; use a newline to separate arguments',
  [Ch.Apos]: 'single quotes are not valid; use double quotes (") to enclose strings',
  [Ch.Backtick]: 'backticks are not valid',
  [Ch.Amp]: 'bitwise operators are not supported; did you mean "&&"?',
  [Ch.Pipe]: 'bitwise operators are not supported; did you mean "||"?',
  [Ch.Caret]: 'bitwise operators are not supported',
  [Ch.Tilde]: 'bitwise operators are not supported',
  [Ch.Dollar]: '"$" is only valid in a template, as "${"',
};

type Mode =
  | { kind: 'main' }
  | { kind: 'string'; start: number }
  | { kind: 'heredoc'; start: number; marker: string; startOfLine: boolean };

/**
 * Splits `source` into tokens, ending with an EOF token. A leading byte
 * order mark is skipped. Throws LexError where hclsyntax would report a
 * lexical error (bad characters, unterminated strings, heredocs, comments).
 */
export function lex(source: string): TokenStream {
  return new Lexer(source).run();
}

/** lex() with one object per token; convenient, but slower on large inputs. */
export function tokenize(source: string): Token[] {
  const stream = lex(source);
  const tokens: Token[] = new Array<Token>(stream.count);
  for (let i = 0; i < stream.count; i++) {
    const start = stream.starts[i];
    tokens[i] = {
      type: TokenKind[stream.kinds[i]] as TokenType,
      text: source.slice(start, stream.ends[i]),
      start,
    };
  }
  return tokens;
}

class Lexer {
  private kinds: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private count = 0;
  private pos: number;
  private readonly len: number;
  private readonly modes: Mode[] = [{ kind: 'main' }];
  // hclsyntax tracks every brace in one counter and remembers the depth at
  // which each template sequence opened, so "}" closes an interpolation only
  // when it balances the "${"; otherwise it is an ordinary brace.
  private braces = 0;
  private readonly retBraces: number[] = [];

  constructor(private readonly src: string) {
    this.len = src.length;
    this.pos = src.charCodeAt(0) === 0xfeff ? 1 : 0;
    // Typical HCL has a token every five or so characters.
    const capacity = Math.max(64, this.len >> 2);
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  run(): TokenStream {
    const { src, len, modes } = this;
    while (this.pos < len) {
      const mode = modes[modes.length - 1];
      if (mode.kind === 'string') this.lexStringPart(mode);
      else if (mode.kind === 'heredoc') this.lexHeredocPart(mode);
      else this.lexMain();
    }
    const open = modes[modes.length - 1];
    if (open.kind === 'string') throw new LexError('Unterminated template string', open.start);
    if (open.kind === 'heredoc') {
      throw new LexError(`Unterminated heredoc: no closing marker "${open.marker}" was found`, open.start);
    }
    if (modes.length > 1) throw new LexError('Unterminated template sequence', this.openSequenceOffset());
    const lastEnd = this.count > 0 ? this.ends[this.count - 1] : 0;
    // hclwrite counts spaces in bytes, which makes a lone BOM three of them.
    const bomBytes = this.count === 0 && src.charCodeAt(0) === 0xfeff ? 2 : 0;
    this.emit(TokenKind.EOF, len, len);
    return {
      source: src,
      count: this.count,
      kinds: this.kinds,
      starts: this.starts,
      ends: this.ends,
      eofSpaces: len - lastEnd + bomBytes,
    };
  }

  private emit(kind: TokenKind, start: number, end: number): void {
    if (this.count === this.kinds.length) this.grow();
    const i = this.count++;
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.ends[i] = end;
    this.pos = end;
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    const kinds = new Uint8Array(size);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    kinds.set(this.kinds);
    starts.set(this.starts);
    ends.set(this.ends);
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
  }

  private openTemplateSeq(kind: TokenKind, start: number): void {
    const end = this.src.charCodeAt(start + 2) === Ch.Tilde ? start + 3 : start + 2;
    this.emit(kind, start, end);
    this.braces++;
    this.retBraces.push(this.braces);
    this.modes.push({ kind: 'main' });
  }

  private closeBrace(start: number, end: number, tilde: boolean): void {
    const { retBraces } = this;
    if (retBraces.length > 0 && retBraces[retBraces.length - 1] === this.braces) {
      this.emit(TokenKind.TemplateSeqEnd, start, end);
      retBraces.pop();
      this.modes.pop();
    } else {
      // A stray "~}" is still a sequence end, so the bracket check reports it.
      this.emit(tilde ? TokenKind.TemplateSeqEnd : TokenKind.CBrace, start, end);
    }
    this.braces--;
  }

  /** Offset of the innermost unclosed template sequence, for error reporting. */
  private openSequenceOffset(): number {
    let depth = 0;
    for (let i = this.count - 1; i >= 0; i--) {
      const kind = this.kinds[i];
      if (kind === TokenKind.TemplateSeqEnd) depth++;
      else if (kind === TokenKind.TemplateInterp || kind === TokenKind.TemplateControl) {
        if (depth === 0) return this.starts[i];
        depth--;
      }
    }
    return 0;
  }

  private lexMain(): void {
    const { src, pos } = this;
    const c = src.charCodeAt(pos);
    const next = src.charCodeAt(pos + 1);
    switch (c) {
      case Ch.Space:
      case Ch.Tab:
        this.pos++;
        return;
      case Ch.LF:
        return this.emit(TokenKind.Newline, pos, pos + 1);
      case Ch.CR:
        if (next === Ch.LF) return this.emit(TokenKind.Newline, pos, pos + 2);
        throw new LexError('Invalid character: carriage return without a line feed', pos);
      case Ch.Hash:
        return this.emit(TokenKind.Comment, pos, this.lineCommentEnd(pos));
      case Ch.Slash:
        if (next === Ch.Slash) return this.emit(TokenKind.Comment, pos, this.lineCommentEnd(pos));
        if (next === Ch.Star) {
          const close = src.indexOf('*/', pos + 2);
          if (close < 0) throw new LexError('Unterminated comment: "/*" has no matching "*/"', pos);
          return this.emit(TokenKind.Comment, pos, close + 2);
        }
        return this.emit(TokenKind.Slash, pos, pos + 1);
      case Ch.Quote:
        this.modes.push({ kind: 'string', start: pos });
        return this.emit(TokenKind.OQuote, pos, pos + 1);
      case Ch.LBrace:
        this.braces++;
        return this.emit(TokenKind.OBrace, pos, pos + 1);
      case Ch.RBrace:
        return this.closeBrace(pos, pos + 1, false);
      case Ch.Tilde:
        if (next === Ch.RBrace) return this.closeBrace(pos, pos + 2, true);
        break;
      case Ch.Eq:
        if (next === Ch.Eq) return this.emit(TokenKind.EqualOp, pos, pos + 2);
        if (next === Ch.Gt) return this.emit(TokenKind.FatArrow, pos, pos + 2);
        return this.emit(TokenKind.Equal, pos, pos + 1);
      case Ch.Bang:
        if (next === Ch.Eq) return this.emit(TokenKind.NotEqual, pos, pos + 2);
        return this.emit(TokenKind.Bang, pos, pos + 1);
      case Ch.Gt:
        if (next === Ch.Eq) return this.emit(TokenKind.GreaterThanEq, pos, pos + 2);
        return this.emit(TokenKind.GreaterThan, pos, pos + 1);
      case Ch.Lt:
        if (next === Ch.Lt && this.lexHeredocStart()) return;
        if (next === Ch.Eq) return this.emit(TokenKind.LessThanEq, pos, pos + 2);
        return this.emit(TokenKind.LessThan, pos, pos + 1);
      case Ch.Amp:
        if (next === Ch.Amp) return this.emit(TokenKind.And, pos, pos + 2);
        break;
      case Ch.Pipe:
        if (next === Ch.Pipe) return this.emit(TokenKind.Or, pos, pos + 2);
        break;
      case Ch.Colon:
        if (next === Ch.Colon) return this.emit(TokenKind.DoubleColon, pos, pos + 2);
        return this.emit(TokenKind.Colon, pos, pos + 1);
      case Ch.Dot:
        if (next === Ch.Dot && src.charCodeAt(pos + 2) === Ch.Dot)
          return this.emit(TokenKind.Ellipsis, pos, pos + 3);
        return this.emit(TokenKind.Dot, pos, pos + 1);
    }
    const single = SINGLE[c];
    if (single !== undefined) return this.emit(single, pos, pos + 1);
    if (isDigit(c)) return this.emit(TokenKind.NumberLit, pos, this.numberEnd(pos));
    const identLen = identLength(src, pos);
    if (identLen > 0) return this.emit(TokenKind.Ident, pos, pos + identLen);
    const reason = REJECTED[c];
    const shown = String.fromCodePoint(src.codePointAt(pos) ?? c);
    throw new LexError(
      reason ? `Invalid character "${shown}": ${reason}` : `Invalid character ${JSON.stringify(shown)}`,
      pos,
    );
  }

  private lineCommentEnd(start: number): number {
    const nl = this.src.indexOf('\n', start);
    return nl < 0 ? this.len : nl + 1;
  }

  /** NumberLit = digit (digit | "." | [eE][+-]?digit)*, never ending in ".". */
  private numberEnd(start: number): number {
    const { src } = this;
    let i = start + 1;
    let end = i;
    for (;;) {
      const c = src.charCodeAt(i);
      if (isDigit(c)) {
        end = ++i;
      } else if (c === Ch.Dot) {
        i++;
      } else if (c === Ch.LowerE || c === Ch.UpperE) {
        const sign = src.charCodeAt(i + 1) === Ch.Plus || src.charCodeAt(i + 1) === Ch.Minus ? 1 : 0;
        if (!isDigit(src.charCodeAt(i + 1 + sign))) return end;
        i += 2 + sign;
        end = i;
      } else {
        return end;
      }
    }
  }

  /** `<<` or `<<-`, an identifier and a newline open a heredoc; anything else is two less-thans. */
  private lexHeredocStart(): boolean {
    const { src, pos } = this;
    let i = pos + 2;
    if (src.charCodeAt(i) === Ch.Minus) i++;
    const markerLen = identLength(src, i);
    if (markerLen === 0) return false;
    const marker = src.slice(i, i + markerLen);
    i += markerLen;
    if (src.charCodeAt(i) === Ch.CR) i++;
    if (src.charCodeAt(i) !== Ch.LF) return false;
    this.emit(TokenKind.OHeredoc, pos, i + 1);
    this.modes.push({ kind: 'heredoc', start: pos, marker, startOfLine: true });
    return true;
  }

  /** Template sequence openers and `$${` / `%%{` escapes, shared by both template kinds. */
  private lexTemplateIntro(literal: TokenKind): boolean {
    const { src, pos } = this;
    const c = src.charCodeAt(pos);
    if (c !== Ch.Dollar && c !== Ch.Percent) return false;
    const next = src.charCodeAt(pos + 1);
    if (next === Ch.LBrace) {
      this.openTemplateSeq(c === Ch.Dollar ? TokenKind.TemplateInterp : TokenKind.TemplateControl, pos);
    } else if (next === c && src.charCodeAt(pos + 2) === Ch.LBrace) {
      this.emit(literal, pos, src.charCodeAt(pos + 3) === Ch.Tilde ? pos + 4 : pos + 3);
    } else {
      // hclsyntax emits a lone "$" or "%" as a token of its own.
      this.emit(literal, pos, pos + 1);
    }
    return true;
  }

  private lexStringPart(mode: { start: number }): void {
    const { src, pos, len } = this;
    const c = src.charCodeAt(pos);
    if (c === Ch.Quote) {
      this.modes.pop();
      return this.emit(TokenKind.CQuote, pos, pos + 1);
    }
    if (this.lexTemplateIntro(TokenKind.QuotedLit)) return;
    if (c === Ch.LF || c === Ch.CR) {
      throw new LexError('Unterminated template string: a quoted string cannot span lines', mode.start);
    }
    let i = pos;
    for (;;) {
      const d = src.charCodeAt(i);
      if (d === Ch.Backslash) {
        i += escapeLength(src, i);
      } else if (
        d === Ch.Quote ||
        d === Ch.Dollar ||
        d === Ch.Percent ||
        d === Ch.LF ||
        d === Ch.CR ||
        i >= len
      ) {
        break;
      } else {
        i++;
      }
    }
    this.emit(TokenKind.QuotedLit, pos, i);
  }

  private lexHeredocPart(mode: { marker: string; startOfLine: boolean }): void {
    const wasStartOfLine = mode.startOfLine;
    if (this.lexTemplateIntro(TokenKind.StringLit)) {
      mode.startOfLine = false;
      return;
    }
    const { src, pos, len } = this;
    let i = pos;
    for (;;) {
      const d = src.charCodeAt(i);
      if (d === Ch.Dollar || d === Ch.Percent || d === Ch.LF || d === Ch.CR || i >= len) break;
      i++;
    }
    const c = src.charCodeAt(i);
    const eol = c === Ch.LF ? 1 : c === Ch.CR && src.charCodeAt(i + 1) === Ch.LF ? 2 : 0;
    if (eol === 0) {
      if (c === Ch.CR) throw new LexError('Invalid character: carriage return without a line feed', i);
      this.emit(TokenKind.StringLit, pos, i);
      mode.startOfLine = false;
      return;
    }
    if (wasStartOfLine && trimGoSpace(src.slice(pos, i)) === mode.marker) {
      // The closer keeps its own indentation; the newline after it is a
      // separate token so it can end the attribute like any other line.
      this.emit(TokenKind.CHeredoc, pos, i);
      this.emit(TokenKind.Newline, i, i + eol);
      this.modes.pop();
      return;
    }
    this.emit(TokenKind.StringLit, pos, i + eol);
    mode.startOfLine = true;
  }
}

// Go's unicode.IsSpace set: hclsyntax finds a heredoc's closing marker with bytes.TrimSpace.
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');

function trimGoSpace(s: string): string {
  return s.replace(GO_TRIM, '');
}
