import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FormatError, formatEdits, formatHcl } from '../../server/src/service/format/formatter';
import { tokenize, type TokenType } from '../../server/src/service/format/tokenizer';

const FIXTURES = path.join(__dirname, '../fixtures/format');

interface Fixture {
  name: string;
  input: string;
  golden: string;
}

// Goldens are `terraform fmt` output for each input (see the differential suite).
function loadFixtures(): Fixture[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.tf') && !file.endsWith('.golden.tf'))
    .sort()
    .map((file) => ({
      name: file.replace(/\.tf$/, ''),
      input: fs.readFileSync(path.join(FIXTURES, file), 'utf8'),
      golden: fs.readFileSync(path.join(FIXTURES, file.replace(/\.tf$/, '.golden.tf')), 'utf8'),
    }));
}

const fixtures = loadFixtures();

function applyEdits(text: string, edits: ReturnType<typeof formatEdits>): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.startOffset - a.startOffset)) {
    out = out.slice(0, edit.startOffset) + edit.newText + out.slice(edit.endOffset);
  }
  return out;
}

const toCrlf = (s: string): string => s.replace(/\r?\n/g, '\r\n');

describe('formatHcl golden fixtures', () => {
  it('has a broad fixture set', () => {
    assert.ok(fixtures.length >= 40, `only ${fixtures.length} fixtures`);
  });

  it('returns an fmt-clean file byte for byte', () => {
    const clean = fixtures.find((fx) => fx.name === '30-already-formatted');
    assert.ok(clean);
    assert.equal(clean.input, clean.golden);
    assert.equal(formatHcl(clean.input), clean.input);
    assert.deepEqual(formatEdits(clean.input), []);
  });

  for (const fx of fixtures) {
    it(`${fx.name} matches terraform fmt`, () => {
      assert.equal(formatHcl(fx.input), fx.golden);
    });

    it(`${fx.name} is stable once formatted`, () => {
      assert.equal(formatHcl(fx.golden), fx.golden);
      assert.deepEqual(formatEdits(fx.golden), []);
    });

    if (!fx.input.includes('\r')) {
      it(`${fx.name} keeps CRLF line endings`, () => {
        assert.equal(formatHcl(toCrlf(fx.input)), toCrlf(fx.golden));
      });
    }
  }
});

describe('formatHcl rules', () => {
  const cases: Array<[string, string, string]> = [
    ['aligns consecutive assignments', 'a = 1\nbbb=2\n', 'a   = 1\nbbb = 2\n'],
    ['blank lines end an alignment group', 'a = 1\n\nbbb = 2\n', 'a = 1\n\nbbb = 2\n'],
    ['aligns trailing comments', 'a = 1 # x\nbbb = 22 # y\n', 'a   = 1  # x\nbbb = 22 # y\n'],
    ['unwraps a lone interpolation', 'a = "${var.x}"\n', 'a = var.x\n'],
    ['keeps templates with text', 'a = "${var.x}-y"\n', 'a = "${var.x}-y"\n'],
    ['parenthesises a multi-line unwrap', 'a = "${x ?\n1 : 2}"\n', 'a = (x ?\n1 : 2)\n'],
    ['quotes bare labels', 'resource aws_s3_bucket b {}\n', 'resource "aws_s3_bucket" "b" {}\n'],
    ['drops labels hclwrite cannot decode', 'resource "a" "x$y" {}\n', 'resource "a" {}\n'],
    [
      'modernises legacy variable types',
      'variable "v" {\n  type = "list"\n}\n',
      'variable "v" {\n  type = list(string)\n}\n',
    ],
    [
      'spells out bare collection types',
      'variable "v" {\n  type = map\n}\n',
      'variable "v" {\n  type = map(any)\n}\n',
    ],
    [
      'leaves type outside variable blocks',
      'locals {\n  type = "string"\n}\n',
      'locals {\n  type = "string"\n}\n',
    ],
    ['distinguishes negation from subtraction', 'a = x-1\nb = [ - 1, 2 -1]\n', 'a = x-1\nb = [-1, 2 - 1]\n'],
    ['tidies template sequences', 'a = "x${ y }%{ if z }w%{ endif }"\n', 'a = "x${y}%{if z}w%{endif}"\n'],
    [
      'keeps heredoc bodies verbatim',
      'a = <<EOT\n  x   ${ y }  \n   EOT\n',
      'a = <<EOT\n  x   ${y}  \n   EOT\n',
    ],
    ['keeps whitespace before end of file', 'a = 1\n  ', 'a = 1\n  '],
    ['aligns by grapheme clusters', 'é = 1\nab = 2\n', 'é  = 1\nab = 2\n'],
    ['accepts a byte order mark', '\ufeffa=1\n', 'a = 1\n'],
    ['indents with tabSize', 'a {\nb = 1\n}\n', 'a {\n    b = 1\n}\n'],
    // terraform fmt is not idempotent here: each run unwraps one level.
    ['unwraps one nested interpolation per run', 'd = "${"${var.x}"}"\n', 'd = "${var.x}"\n'],
    ['unwraps the next level on the next run', 'd = "${var.x}"\n', 'd = var.x\n'],
  ];
  for (const [title, input, expected] of cases) {
    it(title, () => {
      const tabSize = title === 'indents with tabSize' ? 4 : undefined;
      assert.equal(formatHcl(input, { tabSize }), expected);
    });
  }
});

describe('formatEdits', () => {
  it('returns no edits for formatted text', () => {
    assert.deepEqual(formatEdits('a = 1\n'), []);
    assert.deepEqual(formatEdits(''), []);
  });

  it('returns one edit covering only the changed region', () => {
    assert.deepEqual(formatEdits('a = 1\nb=2\n'), [{ startOffset: 7, endOffset: 8, newText: ' = ' }]);
  });

  it('produces the formatted text for every fixture', () => {
    for (const fx of fixtures) {
      const edits = formatEdits(fx.input);
      assert.ok(edits.length <= 1, fx.name);
      assert.equal(applyEdits(fx.input, edits), fx.golden, fx.name);
    }
  });

  it('never splits a CRLF pair', () => {
    for (const fx of fixtures) {
      const input = toCrlf(fx.input);
      for (const edit of formatEdits(input)) {
        for (const offset of [edit.startOffset, edit.endOffset]) {
          assert.ok(!(input[offset - 1] === '\r' && input[offset] === '\n'), `${fx.name} at ${offset}`);
        }
      }
    }
  });

  it('refuses broken input', () => {
    assert.throws(() => formatEdits('a = (\n'), FormatError);
  });
});

describe('formatHcl refuses input terraform fmt cannot parse', () => {
  const broken: Array<[string, string, RegExp]> = [
    ['unterminated string', 'a = "abc\n', /Unterminated template string/],
    ['unterminated heredoc', 'a = <<EOT\nx\n', /no closing marker "EOT"/],
    ['heredoc marker without final newline', 'a = <<EOT\nx\nEOT', /Unterminated heredoc/],
    ['unterminated block comment', '/* x\na = 1\n', /Unterminated comment/],
    ['unclosed bracket', 'a = [1, 2\n', /"\[" is never closed/],
    ['mismatched bracket', 'a = [1, 2)\n', /Unexpected "\)"/],
    ['stray closing brace', 'a = 1\n}\n', /no matching opening bracket/],
    ['unclosed interpolation', 'a = "${x"\n', /Unterminated/],
    ['invalid escape', 'a = "\\q"\n', /Invalid escape sequence/],
    ['short unicode escape', 'a = "\\u12"\n', /4 hexadecimal digits/],
    ['semicolon', 'a = 1;\n', /semicolons are not allowed/],
    ['single quotes', "a = 'x'\n", /single quotes/],
    ['lone carriage return', 'a = 1\rb = 2\n', /carriage return/],
    ['missing value', 'a =\n', /Expected an expression/],
    ['value continued outside brackets', 'a = x &&\n  y\n', /can only continue on the next line/],
    ['two arguments on a line', 'a = 1, b = 2\n', /own line/],
    ['argument after a block on one line', 'a {\n} b = 1\n', /Missing newline after block/],
    ['argument closing a multi-line block', 'a {\n  b = 1 }\n', /Missing newline after argument/],
    ['nested block in a one-line block', 'a { b {} }\n', /single-line "a" block/],
    ['two arguments in a one-line block', 'a { b = 1\n c = 2 }\n', /single-line "a" block/],
    ['template in a block label', 'resource "a" "${x}" {}\n', /Block labels cannot contain template/],
    ['missing block body', 'resource "a"\n', /Expected "\{"/],
    ['quoted argument name', '"a" = 1\n', /Expected an attribute or block definition/],
  ];
  for (const [title, input, message] of broken) {
    it(title, () => {
      assert.throws(
        () => formatHcl(input),
        (err: unknown) => err instanceof FormatError && message.test(err.message),
      );
    });
  }

  it('reports where the problem is', () => {
    try {
      formatHcl('a = 1\nb = [\n  1,\n  2)\n');
      assert.fail('expected a FormatError');
    } catch (err) {
      assert.ok(err instanceof FormatError);
      assert.equal(err.line, 4);
      assert.equal(err.column, 4);
    }
  });
});

describe('tokenize', () => {
  const types = (src: string): TokenType[] => tokenize(src).map((t) => t.type);

  it('scans templates with nested strings and escapes', () => {
    assert.deepEqual(types('"a${f("${b}")}$${c}"'), [
      'OQuote',
      'QuotedLit',
      'TemplateInterp',
      'Ident',
      'OParen',
      'OQuote',
      'TemplateInterp',
      'Ident',
      'TemplateSeqEnd',
      'CQuote',
      'CParen',
      'TemplateSeqEnd',
      'QuotedLit',
      'QuotedLit',
      'CQuote',
      'EOF',
    ]);
  });

  it('distinguishes braces from template sequence ends', () => {
    assert.deepEqual(types('"${ {a = 1} }"'), [
      'OQuote',
      'TemplateInterp',
      'OBrace',
      'Ident',
      'Equal',
      'NumberLit',
      'CBrace',
      'TemplateSeqEnd',
      'CQuote',
      'EOF',
    ]);
  });

  it('scans heredocs, keeping the closing marker line whole', () => {
    const toks = tokenize('x = <<-EOT\n  a ${b}\n  EOT\n');
    assert.deepEqual(
      toks.map((t) => [t.type, t.text]),
      [
        ['Ident', 'x'],
        ['Equal', '='],
        ['OHeredoc', '<<-EOT\n'],
        ['StringLit', '  a '],
        ['TemplateInterp', '${'],
        ['Ident', 'b'],
        ['TemplateSeqEnd', '}'],
        ['StringLit', '\n'],
        ['CHeredoc', '  EOT'],
        ['Newline', '\n'],
        ['EOF', ''],
      ],
    );
  });

  it('lets single-line comments carry their newline', () => {
    assert.deepEqual(
      tokenize('# a\r\n// b\n/* c */').map((t) => t.text),
      ['# a\r\n', '// b\n', '/* c */', ''],
    );
  });

  it('scans numbers and identifiers as hclsyntax does', () => {
    assert.deepEqual(
      tokenize('1.5e-3 1. x-y ünï a::b').map((t) => [t.type, t.text]),
      [
        ['NumberLit', '1.5e-3'],
        ['NumberLit', '1'],
        ['Dot', '.'],
        ['Ident', 'x-y'],
        ['Ident', 'ünï'],
        ['Ident', 'a'],
        ['DoubleColon', '::'],
        ['Ident', 'b'],
        ['EOF', ''],
      ],
    );
  });
});

describe('formatHcl performance', () => {
  it('formats a 1 MB file in well under 200 ms', () => {
    const parts: string[] = [];
    let size = 0;
    while (size < 1_000_000) {
      for (const fx of fixtures) {
        const text = fx.input.replace(/^\ufeff/, '').replace(/\r\n/g, '\n');
        parts.push(text.endsWith('\n') ? text : `${text}\n`);
        size += text.length + 1;
      }
    }
    const big = parts.join('');
    // Warm up the JIT as a long-running server would be, then take the best
    // of several runs to filter out GC pauses and scheduler noise.
    for (let i = 0; i < 3; i++) formatHcl(big);
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      formatHcl(big);
      best = Math.min(best, performance.now() - start);
    }
    assert.ok(best < 200, `best run took ${best.toFixed(1)} ms`);
  });
});

// ---------------------------------------------------------------------------
// Differential testing against the real binary, when it is installed.

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Gaps next to template text are part of a string's value, not layout.
const TEXT_AFTER = new Set<TokenType>([
  'OQuote',
  'QuotedLit',
  'StringLit',
  'OHeredoc',
  'TemplateSeqEnd',
  'CHeredoc',
]);
const TEXT_BEFORE = new Set<TokenType>([
  'CQuote',
  'QuotedLit',
  'StringLit',
  'CHeredoc',
  'TemplateInterp',
  'TemplateControl',
]);

/**
 * Rewrites the layout of valid HCL without changing its meaning: random
 * spaces and tabs between tokens, extra blank lines, newlines after openers
 * and commas, lines joined inside brackets, extra comments, CRLF endings and
 * a missing final newline. Some variants are invalid; terraform says which.
 */
function mutate(src: string, rand: () => number): string {
  const tokens = tokenize(src);
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)];
  const blank = (): string =>
    Array.from({ length: Math.floor(rand() * 4) }, () => (rand() < 0.8 ? ' ' : '\t')).join('');
  const open: TokenType[] = [];
  let out = src.startsWith('\ufeff') ? '\ufeff' : '';
  let prevEnd = out.length;
  let prev: TokenType | undefined;
  for (const tok of tokens) {
    const gap = src.slice(prevEnd, tok.start);
    const inList = open[open.length - 1] === 'OBrack' || open[open.length - 1] === 'OParen';
    if ((prev === undefined || !TEXT_AFTER.has(prev)) && !TEXT_BEFORE.has(tok.type) && rand() < 0.5) {
      const ws = blank();
      out += gap.length > 0 && ws === '' ? ' ' : ws;
    } else {
      out += gap;
    }
    if (tok.type === 'Newline' && inList && rand() < 0.2 && !/[\s,([{]$/.test(out)) {
      out += ' ';
    } else {
      if (tok.type === 'Newline' && rand() < 0.05) out += pick([' # c', ' // d', ' /* e */', ' # ünï 🚀']);
      out += tok.text;
    }
    if (tok.type === 'Newline' && rand() < 0.08) out += blank() + tok.text;
    if ((tok.type === 'Comma' || tok.type === 'OBrack' || tok.type === 'OParen') && rand() < 0.1) out += '\n';
    if (['OBrace', 'OBrack', 'OParen', 'TemplateInterp', 'TemplateControl'].includes(tok.type))
      open.push(tok.type);
    if (['CBrace', 'CBrack', 'CParen', 'TemplateSeqEnd'].includes(tok.type)) open.pop();
    prevEnd = tok.start + tok.text.length;
    prev = tok.type;
  }
  if (rand() < 0.15) out = toCrlf(out);
  if (rand() < 0.1) out = out.replace(/(\r?\n)+$/, '');
  return out;
}

function terraformAvailable(): boolean {
  const probe = spawnSync('terraform', ['version'], { timeout: 15_000, env: terraformEnv() });
  return probe.status === 0;
}

function terraformEnv(): NodeJS.ProcessEnv {
  return { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: os.devNull };
}

interface Oracle {
  /** terraform's output, or null when it refused the input. */
  expected: string | null;
  input: string;
}

/**
 * Runs `terraform fmt` once over a directory of cases (it rewrites files in
 * place, which unlike `fmt -` preserves a missing final newline).
 */
function runTerraform(cases: Map<string, string>): Map<string, Oracle> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsmith-fmt-'));
  try {
    for (const [name, input] of cases) fs.writeFileSync(path.join(dir, name), input);
    const run = spawnSync('terraform', ['fmt', '-no-color', dir], {
      encoding: 'utf8',
      env: terraformEnv(),
      timeout: 60_000,
    });
    if (run.error) throw run.error;
    const results = new Map<string, Oracle>();
    for (const [name, input] of cases) {
      const refused = run.stderr.includes(`${name} line`);
      results.set(name, { input, expected: refused ? null : fs.readFileSync(path.join(dir, name), 'utf8') });
    }
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('formatHcl differential against terraform fmt', function () {
  this.timeout(120_000);
  const MUTANTS = 400;
  let oracle: Map<string, Oracle>;

  before(function () {
    if (!terraformAvailable()) this.skip();
    const cases = new Map<string, string>();
    for (const fx of fixtures) cases.set(`fixture-${fx.name}.tf`, fx.input);
    const rand = mulberry32(0x5eed);
    for (let i = 0; i < MUTANTS; i++) {
      const fx = fixtures[i % fixtures.length];
      cases.set(`mutant-${String(i).padStart(3, '0')}-${fx.name}.tf`, mutate(fx.input, rand));
    }
    oracle = runTerraform(cases);
  });

  it('agrees on every fixture, and the goldens are current', () => {
    for (const fx of fixtures) {
      const { expected } = oracle.get(`fixture-${fx.name}.tf`) ?? { expected: null };
      assert.notEqual(expected, null, `terraform refused fixture ${fx.name}`);
      assert.equal(fx.golden, expected, `golden for ${fx.name} is stale`);
      assert.equal(formatHcl(fx.input), expected, fx.name);
    }
  });

  it(`agrees on ${MUTANTS} randomly re-laid-out variants`, () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const [name, { input, expected }] of oracle) {
      if (!name.startsWith('mutant-')) continue;
      let actual: string;
      try {
        actual = formatHcl(input);
      } catch (err) {
        if (!(err instanceof FormatError)) throw err;
        actual = `FormatError: ${err.message}`;
      }
      // Where terraform refuses, we may format or refuse, but must not crash.
      if (expected === null) continue;
      compared++;
      if (actual !== expected) {
        mismatches.push(
          `${name}\n  input:     ${JSON.stringify(input)}\n  terraform: ${JSON.stringify(expected)}\n  ours:      ${JSON.stringify(actual)}`,
        );
      }
    }
    assert.ok(
      compared >= MUTANTS * 0.75,
      `only ${compared} variants were valid HCL; the mutator is too destructive`,
    );
    assert.deepEqual(mismatches.slice(0, 5), [], `${mismatches.length} of ${compared} variants differ`);
  });
});
