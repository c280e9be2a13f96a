// A small evaluator of HCL expressions as policies need them: literals, lists, objects, jsonencode(...), and
// traversals (`var.x`, `local.y`, `aws_kms_key.main.arn`) left for the caller to resolve. Everything else
// (operators, conditionals, templates with interpolations, most function calls) is `unknown`: a policy cannot
// prove a violation from it and lets it pass.

export type Value =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'list'; items: Value[] }
  | { kind: 'object'; entries: Map<string, Value> }
  /** A reference not resolved to a value: a resource attribute, a data source, `each.value`… */
  | { kind: 'ref'; parts: string[] }
  | { kind: 'unknown' };

export const UNKNOWN: Value = Object.freeze({ kind: 'unknown' }) as Value;

type Tok =
  | { t: 'str'; value: string; interpolated: boolean; single?: string }
  | { t: 'num'; value: number }
  | { t: 'id'; value: string }
  | { t: 'p'; value: string }
  | { t: 'nl' }
  | { t: 'eof' };

const PUNCT = ['...', '=>', '==', '!=', '<=', '>=', '&&', '||', '::'];

function lex(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      out.push({ t: 'nl' });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"') {
      const r = readString(text, i + 1);
      out.push(r.token);
      i = r.end;
    } else if (c === '<' && text[i + 1] === '<' && /[-A-Za-z_]/.test(text[i + 2] ?? '')) {
      const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(i));
      if (!m) return [...out, { t: 'p', value: '<' }];
      const bodyStart = i + m[0].length;
      const close = new RegExp(`^[ \\t]*${m[2]}[ \\t]*$`, 'm');
      const rest = text.slice(bodyStart);
      const end = close.exec(rest);
      const body = end ? rest.slice(0, end.index) : rest;
      const content = m[1] ? dedent(body) : body;
      out.push({ t: 'str', value: content, interpolated: /(^|[^$])\$\{/.test(content) });
      i = end ? bodyStart + end.index + end[0].length : n;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i))!;
      out.push({ t: 'num', value: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i))!;
      out.push({ t: 'id', value: m[0] });
      i += m[0].length;
    } else {
      const p = PUNCT.find((q) => text.startsWith(q, i)) ?? c;
      out.push({ t: 'p', value: p });
      i += p.length;
    }
  }
  out.push({ t: 'eof' });
  return out;
}

function dedent(body: string): string {
  const lines = body.split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const min = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(min)).join('\n');
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

/** Reads a quoted string from just after its opening quote. A string that is exactly "${expr}" keeps expr. */
function readString(text: string, start: number): { token: Tok; end: number } {
  let value = '';
  let literal = false;
  const interpolations: string[] = [];
  let i = start;
  while (i < text.length && text[i] !== '"' && text[i] !== '\n') {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      const e = text[i + 1];
      if (e === 'u' || e === 'U') {
        const len = e === 'u' ? 4 : 8;
        value += String.fromCodePoint(parseInt(text.slice(i + 2, i + 2 + len), 16) || 0xfffd);
        i += 2 + len;
      } else {
        value += ESCAPES[e] ?? e;
        i += 2;
      }
      literal = true;
    } else if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      value += `${c}{`;
      i += 3;
      literal = true;
    } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
      const exprStart = i + 2;
      let depth = 1;
      i += 2;
      while (i < text.length && depth > 0) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}') depth--;
        else if (text[i] === '"') {
          i = readString(text, i + 1).end;
          continue;
        }
        i++;
      }
      interpolations.push(c === '$' ? text.slice(exprStart, i - 1) : '');
      value += '\u0000';
    } else {
      value += c;
      i++;
      literal = true;
    }
  }
  const single = !literal && interpolations.length === 1 && interpolations[0] ? interpolations[0] : undefined;
  return { token: { t: 'str', value, interpolated: interpolations.length > 0, single }, end: i + 1 };
}

const CLOSERS = new Set([')', ']', '}', ',']);

class Parser {
  private pos = 0;
  constructor(private readonly toks: Tok[]) {}

  /** The next token; newlines are skipped unless `newlines` is set (object bodies separate items by them). */
  private peek(newlines = false): Tok {
    if (!newlines) while (this.toks[this.pos].t === 'nl') this.pos++;
    return this.toks[this.pos];
  }
  private next(): Tok {
    const t = this.peek();
    if (t.t !== 'eof') this.pos++;
    return t;
  }
  private isP(value: string, newlines = false): boolean {
    const t = this.peek(newlines);
    return t.t === 'p' && t.value === value;
  }

  /** Parses one expression; anything it does not understand becomes `unknown` and is skipped. */
  expression(inObject = false): Value {
    const start = this.pos;
    let value: Value;
    try {
      value = this.primary();
    } catch {
      this.pos = start;
      value = UNKNOWN;
    }
    const t = this.peek(inObject);
    const ends = t.t === 'eof' || t.t === 'nl' || (t.t === 'p' && CLOSERS.has(t.value));
    if (!ends || value === UNKNOWN) {
      this.skipExpression(inObject);
      return UNKNOWN;
    }
    return value;
  }

  /** Skips to the end of the current expression: a closer or comma at depth 0, or a newline in an object. */
  private skipExpression(inObject: boolean): void {
    let depth = 0;
    for (;;) {
      const t = this.toks[this.pos];
      if (t.t === 'eof') return;
      if (t.t === 'nl' && depth === 0 && inObject) return;
      if (t.t === 'p') {
        if ('([{'.includes(t.value)) depth++;
        else if (')]}'.includes(t.value)) {
          if (depth === 0) return;
          depth--;
        } else if (t.value === ',' && depth === 0) return;
      }
      this.pos++;
    }
  }

  private primary(): Value {
    const t = this.next();
    switch (t.t) {
      case 'str':
        if (t.single !== undefined) return parseExpression(t.single);
        return t.interpolated ? UNKNOWN : { kind: 'string', value: t.value };
      case 'num':
        return { kind: 'number', value: t.value };
      case 'p':
        if (t.value === '[') return this.list();
        if (t.value === '{') return this.object();
        if (t.value === '(') {
          const v = this.expression();
          if (!this.isP(')')) throw new Error('expected )');
          this.next();
          return v;
        }
        if (t.value === '-' && this.peek().t === 'num')
          return { kind: 'number', value: -(this.next() as { value: number }).value };
        throw new Error(`unexpected ${t.value}`);
      case 'id': {
        if (t.value === 'true' || t.value === 'false') return { kind: 'bool', value: t.value === 'true' };
        if (t.value === 'null') return { kind: 'null' };
        if (this.isP('(')) return this.call(t.value);
        const parts = [t.value];
        for (;;) {
          if (this.isP('.', true)) {
            this.next();
            const p = this.next();
            if (p.t === 'id') parts.push(p.value);
            else if (p.t === 'num') parts.push(String(p.value));
            else if (p.t === 'p' && p.value === '*') parts.push('*');
            else throw new Error('bad traversal');
          } else if (this.isP('[', true)) {
            this.next();
            const index = this.expression();
            if (!this.isP(']')) throw new Error('expected ]');
            this.next();
            parts.push(index.kind === 'number' || index.kind === 'string' ? String(index.value) : '[]');
          } else break;
        }
        return { kind: 'ref', parts };
      }
      default:
        throw new Error('unexpected token');
    }
  }

  private list(): Value {
    const first = this.peek();
    if (first.t === 'id' && first.value === 'for') throw new Error('for expression');
    const items: Value[] = [];
    while (!this.isP(']')) {
      if (this.peek().t === 'eof') throw new Error('unterminated list');
      items.push(this.expression());
      if (this.isP(',')) this.next();
      else if (!this.isP(']')) throw new Error('expected , or ]');
    }
    this.next();
    return { kind: 'list', items };
  }

  private object(): Value {
    const first = this.peek();
    if (first.t === 'id' && first.value === 'for') throw new Error('for expression');
    const entries = new Map<string, Value>();
    while (!this.isP('}')) {
      const k = this.next();
      let key: string;
      if (k.t === 'id') key = k.value;
      else if (k.t === 'str' && !k.interpolated) key = k.value;
      else if (k.t === 'num') key = String(k.value);
      else if (k.t === 'p' && k.value === '(') {
        // (expr) = value: a computed key
        const v = this.expression();
        if (!this.isP(')')) throw new Error('expected )');
        this.next();
        key = v.kind === 'string' ? v.value : '\u0000';
      } else throw new Error('bad object key');
      if (!this.isP('=') && !this.isP(':')) throw new Error('expected = or :');
      this.next();
      entries.set(key, this.expression(true));
      if (this.isP(',', true)) this.next();
      while (this.peek(true).t === 'nl') this.pos++;
    }
    this.next();
    return { kind: 'object', entries };
  }

  private call(name: string): Value {
    this.next(); // (
    const args: Value[] = [];
    while (!this.isP(')')) {
      if (this.peek().t === 'eof') throw new Error('unterminated call');
      args.push(this.expression());
      if (this.isP(',')) this.next();
      else if (this.isP('...')) {
        this.next();
        args.push(UNKNOWN);
      } else if (!this.isP(')')) throw new Error('expected , or )');
    }
    this.next();
    switch (name) {
      case 'jsonencode':
      case 'tolist':
      case 'toset':
      case 'tostring':
      case 'tonumber':
      case 'tobool':
        return args.length === 1 ? convert(name, args[0]) : UNKNOWN;
      case 'jsondecode':
        return args.length === 1 && args[0].kind === 'string' ? fromJsonText(args[0].value) : UNKNOWN;
      case 'concat':
        return args.every((a) => a.kind === 'list')
          ? { kind: 'list', items: args.flatMap((a) => (a as { items: Value[] }).items) }
          : UNKNOWN;
      default:
        return UNKNOWN;
    }
  }
}

function convert(name: string, v: Value): Value {
  switch (name) {
    case 'jsonencode':
      // Kept as the structure itself: policies read `policy = jsonencode({...})` as the object.
      return v;
    case 'tolist':
    case 'toset':
      return v.kind === 'list' ? v : UNKNOWN;
    case 'tostring':
      return v.kind === 'string'
        ? v
        : v.kind === 'number' || v.kind === 'bool'
          ? str(String(v.value))
          : UNKNOWN;
    case 'tonumber':
      return v.kind === 'number'
        ? v
        : v.kind === 'string' && v.value.trim() !== '' && !isNaN(Number(v.value))
          ? { kind: 'number', value: Number(v.value) }
          : UNKNOWN;
    case 'tobool':
      return v.kind === 'bool'
        ? v
        : v.kind === 'string' && (v.value === 'true' || v.value === 'false')
          ? { kind: 'bool', value: v.value === 'true' }
          : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

const str = (value: string): Value => ({ kind: 'string', value });

/** A JSON document (a heredoc policy, a jsondecode argument) as a value; unknown when it is not JSON. */
export function fromJsonText(text: string): Value {
  try {
    return fromJson(JSON.parse(text));
  } catch {
    return UNKNOWN;
  }
}

function fromJson(v: unknown): Value {
  if (v === null) return { kind: 'null' };
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (Array.isArray(v)) return { kind: 'list', items: v.map(fromJson) };
  if (typeof v === 'object')
    return { kind: 'object', entries: new Map(Object.entries(v).map(([k, x]) => [k, fromJson(x)])) };
  return UNKNOWN;
}

/** Parses an attribute's value text; traversals stay `ref`s for the caller to resolve. */
export function parseExpression(text: string): Value {
  const parser = new Parser(lex(text));
  return parser.expression();
}
