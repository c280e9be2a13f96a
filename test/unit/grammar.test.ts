/**
 * Tests for the TextMate grammars in syntaxes/ (source.terraform and source.terraform-vars).
 *
 * Each case tokenizes a snippet with vscode-textmate + vscode-oniguruma (the same engine VS Code uses)
 * and asserts that every token overlapping the `nth` occurrence of `text` carries a scope containing
 * `scope` (and, optionally, none containing `notScope`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '..', '..');
const SYNTAXES = path.join(ROOT, 'syntaxes');
const TF = 'source.terraform';
const TFVARS = 'source.terraform-vars';

interface Case {
  /** Human-readable description (used as the test title). */
  name: string;
  /** Snippet to tokenize; may span several lines. */
  source: string;
  /** Text to locate in `source`. */
  text: string;
  /** Which occurrence of `text` to check (0-based, default 0). */
  nth?: number;
  /** Substring that must appear in some scope of every token covering `text`. */
  scope: string;
  /** Substring that must appear in no scope of any token covering `text`. */
  notScope?: string;
  /** Grammar to use (default source.terraform). */
  grammar?: typeof TF | typeof TFVARS;
}

interface ScopedToken {
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

// ---------------------------------------------------------------------------------------------
// Grammar loading

interface GrammarFile {
  file: string;
  json: RawGrammarJson;
}

interface RawGrammarJson {
  scopeName: string;
  patterns?: unknown[];
  repository?: Record<string, unknown>;
}

function grammarFiles(): GrammarFile[] {
  return fs
    .readdirSync(SYNTAXES)
    .filter((f) => f.endsWith('.tmLanguage.json'))
    .map((f) => {
      const file = path.join(SYNTAXES, f);
      return { file, json: JSON.parse(fs.readFileSync(file, 'utf8')) as RawGrammarJson };
    });
}

function grammarPathForScope(scopeName: string): string | undefined {
  return grammarFiles().find((g) => g.json.scopeName === scopeName)?.file;
}

let registryPromise: Promise<Registry> | undefined;

function registry(): Promise<Registry> {
  registryPromise ??= (async () => {
    const wasm = fs.readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (str: string) => new oniguruma.OnigString(str),
      }),
      loadGrammar: async (scopeName: string) => {
        const file = grammarPathForScope(scopeName);
        return file ? parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
      },
    });
  })();
  return registryPromise;
}

const grammarCache = new Map<string, Promise<IGrammar>>();

function loadGrammar(scopeName: string): Promise<IGrammar> {
  let p = grammarCache.get(scopeName);
  if (!p) {
    p = registry().then(async (reg) => {
      const g = await reg.loadGrammar(scopeName);
      if (!g) throw new Error(`grammar ${scopeName} not found`);
      return g;
    });
    grammarCache.set(scopeName, p);
  }
  return p;
}

async function tokenize(
  source: string,
  scopeName: string = TF,
): Promise<{ tokens: ScopedToken[]; endState: StateStack }> {
  const grammar = await loadGrammar(scopeName);
  const tokens: ScopedToken[] = [];
  let state: StateStack = INITIAL;
  let offset = 0;
  for (const line of source.split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    for (const t of result.tokens) {
      const end = Math.min(t.endIndex, line.length);
      tokens.push({
        start: offset + t.startIndex,
        end: offset + end,
        text: line.slice(t.startIndex, end),
        scopes: t.scopes,
      });
    }
    state = result.ruleStack;
    offset += line.length + 1;
  }
  return { tokens, endState: state };
}

function findOccurrence(source: string, text: string, nth: number): number {
  let idx = -1;
  for (let i = 0; i <= nth; i++) {
    idx = source.indexOf(text, idx + 1);
    if (idx < 0) throw new Error(`occurrence ${nth} of ${JSON.stringify(text)} not found in source`);
  }
  return idx;
}

function describeTokens(tokens: ScopedToken[]): string {
  return tokens.map((t) => `  ${JSON.stringify(t.text)} -> ${t.scopes.join(' ')}`).join('\n');
}

async function checkCase(c: Case): Promise<void> {
  const { tokens } = await tokenize(c.source, c.grammar ?? TF);
  const start = findOccurrence(c.source, c.text, c.nth ?? 0);
  const end = start + c.text.length;
  const covering = tokens.filter((t) => t.end > start && t.start < end);
  assert.ok(covering.length > 0, `no tokens cover ${JSON.stringify(c.text)}`);
  for (const t of covering) {
    assert.ok(
      t.scopes.some((s) => s.includes(c.scope)),
      `token ${JSON.stringify(t.text)} (covering ${JSON.stringify(c.text)}) lacks scope "${c.scope}"; ` +
        `has: ${t.scopes.join(' ')}\nall tokens:\n${describeTokens(tokens)}`,
    );
    if (c.notScope !== undefined) {
      const bad = c.notScope;
      assert.ok(
        !t.scopes.some((s) => s.includes(bad)),
        `token ${JSON.stringify(t.text)} (covering ${JSON.stringify(c.text)}) unexpectedly has scope "${bad}"; ` +
          `has: ${t.scopes.join(' ')}\nall tokens:\n${describeTokens(tokens)}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Cases

const RESOURCE = `resource "aws_instance" "web" {
  ami           = "ami-123"
  instance_type = var.instance_type
  count         = 2

  tags = {
    Name = "web-\${count.index}"
  }

  lifecycle {
    create_before_destroy = true
  }
}
`;

const HEREDOC = `resource "aws_iam_policy" "p" {
  policy = <<EOT
{
  "Resource": "\${aws_s3_bucket.b.arn}/*",
  "Literal": "$\${not_interpolated}"
}
  EOT is not the terminator
EOT
  name = "after"
}
`;

const INDENTED_HEREDOC = `locals {
  script = <<-SHELL
    echo "%{ if var.debug ~}debug%{ endif ~}"
    echo \${local.x}
    SHELL
  next = 1
}
`;

const BLOCK_KEYWORDS = [
  'resource',
  'data',
  'module',
  'variable',
  'output',
  'locals',
  'provider',
  'terraform',
  'moved',
  'import',
  'check',
  'removed',
  'ephemeral',
];

const cases: Case[] = [
  // --- blocks ---------------------------------------------------------------------------------
  ...BLOCK_KEYWORDS.map((kw): Case => ({
    name: `block keyword "${kw}"`,
    source: `${kw} "a" {\n}\n`,
    text: kw,
    scope: 'storage.type.block.terraform',
  })),
  {
    name: 'resource type label',
    source: RESOURCE,
    text: 'aws_instance',
    scope: 'entity.name.label.terraform',
  },
  { name: 'resource name label is a string', source: RESOURCE, text: 'web', scope: 'string.quoted.double' },
  {
    name: 'label quote is string punctuation',
    source: RESOURCE,
    text: '"',
    scope: 'punctuation.definition.string.begin',
  },
  { name: 'block opening brace', source: RESOURCE, text: '{', scope: 'punctuation.section.block.begin' },
  {
    name: 'block closing brace',
    source: 'locals {\n  a = 1\n}\n',
    text: '}',
    scope: 'punctuation.section.block.end',
  },
  {
    name: 'bare identifier label',
    source: 'resource aws_vpc main {\n}\n',
    text: 'main',
    scope: 'entity.name.label',
  },
  {
    name: 'nested lifecycle block',
    source: RESOURCE,
    text: 'lifecycle',
    scope: 'storage.type.block.terraform',
  },
  {
    name: 'dynamic block and content block',
    source: 'resource "x" "y" {\n  dynamic "ingress" {\n    content {\n      port = 1\n    }\n  }\n}\n',
    text: 'content',
    scope: 'storage.type.block.terraform',
  },
  {
    name: 'dynamic keyword',
    source: 'resource "x" "y" {\n  dynamic "ingress" {\n  }\n}\n',
    text: 'dynamic',
    scope: 'storage.type.block.terraform',
  },
  {
    name: 'schema-defined nested block type',
    source: 'resource "x" "y" {\n  ingress {\n    from_port = 80\n  }\n}\n',
    text: 'ingress',
    scope: 'entity.name.type.block.terraform',
  },
  {
    name: 'attribute inside nested block is inside the block',
    source: 'resource "x" "y" {\n  ingress {\n    from_port = 80\n  }\n}\n',
    text: 'from_port',
    scope: 'meta.block.terraform',
  },

  // --- attributes -----------------------------------------------------------------------------
  { name: 'attribute name', source: RESOURCE, text: 'ami', scope: 'variable.other.readwrite.terraform' },
  { name: 'attribute equals sign', source: RESOURCE, text: '=', scope: 'keyword.operator.assignment' },
  {
    name: 'attribute named like a reference root',
    source: RESOURCE,
    text: 'count',
    scope: 'variable.other.readwrite.terraform',
    notScope: 'variable.language',
  },
  { name: 'object key', source: RESOURCE, text: 'Name', scope: 'variable.other.readwrite.terraform' },
  { name: 'object braces', source: RESOURCE, text: '{', nth: 1, scope: 'punctuation.section.braces.begin' },
  {
    name: 'attribute in single-line block',
    source: 'lifecycle { prevent_destroy = true }\n',
    text: 'prevent_destroy',
    scope: 'variable.other.readwrite.terraform',
  },
  {
    name: 'dashed identifier attribute',
    source: 'locals {\n  my-value = 1\n}\n',
    text: 'my-value',
    scope: 'variable.other.readwrite.terraform',
  },

  // --- strings, escapes and templates ---------------------------------------------------------
  {
    name: 'string content',
    source: 'a = "hello world"\n',
    text: 'hello world',
    scope: 'string.quoted.double.terraform',
  },
  { name: 'newline escape', source: 'a = "x\\ny"\n', text: '\\n', scope: 'constant.character.escape' },
  { name: 'quote escape', source: 'a = "say \\"hi\\""\n', text: '\\"', scope: 'constant.character.escape' },
  {
    name: 'unicode escape',
    source: 'a = "caf\\u00e9"\n',
    text: '\\u00e9',
    scope: 'constant.character.escape',
  },
  {
    name: 'interpolation begin',
    source: 'a = "${var.name}-suffix"\n',
    text: '${',
    scope: 'punctuation.section.interpolation.begin',
  },
  {
    name: 'reference inside interpolation',
    source: 'a = "${var.name}-suffix"\n',
    text: 'var',
    scope: 'variable.language.terraform',
  },
  {
    name: 'interpolation content is embedded code',
    source: 'a = "${var.name}-suffix"\n',
    text: 'name',
    scope: 'meta.embedded.line.terraform',
  },
  {
    name: 'text after interpolation is string again',
    source: 'a = "${var.name}-suffix"\n',
    text: '-suffix',
    scope: 'string.quoted.double',
    notScope: 'meta.interpolation',
  },
  {
    name: 'interpolation strip markers',
    source: 'a = "${~ var.x ~}"\n',
    text: '~',
    nth: 1,
    scope: 'keyword.operator.template.strip',
  },
  {
    name: 'directive if',
    source: 'a = "%{ if var.on }yes%{ else }no%{ endif }"\n',
    text: 'if',
    scope: 'keyword.control.conditional',
  },
  {
    name: 'directive else',
    source: 'a = "%{ if var.on }yes%{ else }no%{ endif }"\n',
    text: 'else',
    scope: 'keyword.control.conditional',
  },
  {
    name: 'directive endif',
    source: 'a = "%{ if var.on }yes%{ else }no%{ endif }"\n',
    text: 'endif',
    scope: 'keyword.control.conditional',
  },
  {
    name: 'directive begin punctuation',
    source: 'a = "%{ if var.on }yes%{ endif }"\n',
    text: '%{',
    scope: 'punctuation.section.directive.begin',
  },
  {
    name: 'directive text between directives is string',
    source: 'a = "%{ if var.on }yes%{ endif }"\n',
    text: 'yes',
    scope: 'string.quoted.double',
    notScope: 'meta.directive',
  },
  {
    name: 'directive for/in',
    source: 'a = "%{ for s in var.list ~}${s}%{ endfor ~}"\n',
    text: ' in ',
    scope: 'meta.directive',
  },
  {
    name: 'directive in keyword',
    source: 'a = "%{ for s in var.list ~}${s}%{ endfor ~}"\n',
    text: 'in',
    scope: 'keyword.control.loop',
  },
  {
    name: 'directive endfor',
    source: 'a = "%{ for s in var.list ~}${s}%{ endfor ~}"\n',
    text: 'endfor',
    scope: 'keyword.control.loop',
  },
  {
    name: 'directive strip marker',
    source: 'a = "%{ for s in var.list ~}${s}%{ endfor ~}"\n',
    text: '~',
    scope: 'keyword.operator.template.strip',
  },
  {
    name: '$${ is a literal escape',
    source: 'a = "$${not_interpolated}"\n',
    text: '$${',
    scope: 'constant.character.escape',
  },
  {
    name: '$${ does not start an interpolation',
    source: 'a = "$${not_interpolated}"\nb = 1\n',
    text: 'not_interpolated}',
    scope: 'string.quoted.double',
    notScope: 'meta.interpolation',
  },
  {
    name: '%%{ is a literal escape',
    source: 'a = "%%{ if x }"\n',
    text: '%%{',
    scope: 'constant.character.escape',
  },
  {
    name: '%%{ does not start a directive',
    source: 'a = "%%{ if x }"\n',
    text: 'if',
    scope: 'string.quoted.double',
    notScope: 'keyword',
  },
  {
    name: '} inside a string does not close the block',
    source: 'locals {\n  a = "}"\n  b = 1\n}\n',
    text: 'b',
    scope: 'meta.block.terraform',
  },
  {
    name: '} inside a string is string content',
    source: 'locals {\n  a = "}"\n  b = 1\n}\n',
    text: '}',
    scope: 'string.quoted.double',
    notScope: 'punctuation.section.block',
  },
  {
    name: 'string with } inside an interpolation',
    source: 'a = "${replace(var.x, "}", "")}"\nb = 1\n',
    text: '}',
    nth: 1,
    scope: 'punctuation.section.interpolation.end',
  },
  {
    name: '} in a string nested in an interpolation does not end it',
    source: 'a = "${replace(var.x, "}", "")}"\nb = 1\n',
    text: '}',
    scope: 'string.quoted.double',
    notScope: 'punctuation.section.interpolation',
  },
  {
    name: '# inside a string is not a comment',
    source: 'a = "x # y"\nb = 2\n',
    text: '# y',
    scope: 'string.quoted.double',
    notScope: 'comment',
  },
  {
    name: '// inside a string is not a comment',
    source: 'a = "https://example.com"\n',
    text: '//example.com',
    scope: 'string.quoted.double',
    notScope: 'comment',
  },
  {
    name: 'unterminated string does not swallow the next line (attribute)',
    source: 'locals {\n  a = "oops\n  b = 1\n}\n',
    text: 'b',
    scope: 'variable.other.readwrite.terraform',
    notScope: 'string',
  },
  {
    name: 'unterminated string does not swallow the next line (number)',
    source: 'locals {\n  a = "oops\n  b = 1\n}\n',
    text: '1',
    scope: 'constant.numeric.integer',
  },
  {
    name: 'unterminated string: block still closes',
    source: 'locals {\n  a = "oops\n  b = 1\n}\n',
    text: '}',
    scope: 'punctuation.section.block.end',
  },

  // --- heredocs -------------------------------------------------------------------------------
  { name: 'heredoc operator', source: HEREDOC, text: '<<', scope: 'keyword.operator.heredoc' },
  { name: 'heredoc opening identifier', source: HEREDOC, text: 'EOT', scope: 'keyword.control.heredoc' },
  { name: 'heredoc body is a string', source: HEREDOC, text: '"Resource"', scope: 'string.unquoted.heredoc' },
  {
    name: 'heredoc body is not parsed as code',
    source: HEREDOC,
    text: '"Resource"',
    scope: 'string.unquoted.heredoc',
    notScope: 'string.quoted',
  },
  {
    name: 'interpolation nested inside a heredoc',
    source: HEREDOC,
    text: 'aws_s3_bucket',
    scope: 'meta.interpolation.terraform',
  },
  {
    name: 'interpolation inside a heredoc is still inside the heredoc',
    source: HEREDOC,
    text: 'arn',
    scope: 'string.unquoted.heredoc',
  },
  {
    name: 'heredoc member access inside interpolation',
    source: HEREDOC,
    text: 'arn',
    scope: 'variable.other.member',
  },
  {
    name: '$${ inside a heredoc is a literal escape',
    source: HEREDOC,
    text: '$${',
    scope: 'constant.character.escape',
  },
  {
    name: 'identifier followed by text is not a heredoc terminator',
    source: HEREDOC,
    text: 'is not the terminator',
    scope: 'string.unquoted.heredoc',
  },
  {
    name: 'heredoc terminator',
    source: HEREDOC,
    text: 'EOT',
    nth: 2,
    scope: 'keyword.control.heredoc',
    notScope: 'variable',
  },
  {
    name: 'code resumes after heredoc terminator',
    source: HEREDOC,
    text: 'name',
    scope: 'variable.other.readwrite.terraform',
    notScope: 'heredoc',
  },
  { name: '<<- heredoc operator', source: INDENTED_HEREDOC, text: '<<-', scope: 'keyword.operator.heredoc' },
  {
    name: 'indented <<- heredoc terminator',
    source: INDENTED_HEREDOC,
    text: 'SHELL',
    nth: 1,
    scope: 'keyword.control.heredoc',
  },
  {
    name: 'directive inside an indented heredoc',
    source: INDENTED_HEREDOC,
    text: 'endif',
    scope: 'keyword.control.conditional',
  },
  {
    name: 'code resumes after indented heredoc terminator',
    source: INDENTED_HEREDOC,
    text: 'next',
    scope: 'variable.other.readwrite.terraform',
    notScope: 'heredoc',
  },

  // --- comments -------------------------------------------------------------------------------
  {
    name: 'hash comment',
    source: '# a comment\na = 1\n',
    text: 'a comment',
    scope: 'comment.line.number-sign',
  },
  {
    name: 'double-slash comment',
    source: 'a = 1 // trailing\n',
    text: '// trailing',
    scope: 'comment.line.double-slash',
  },
  {
    name: 'block comment spanning lines',
    source: '/* first\n   second */\na = 1\n',
    text: 'second',
    scope: 'comment.block',
  },
  {
    name: 'code after a block comment',
    source: '/* first\n   second */ a = 1\n',
    text: 'a',
    nth: 0,
    scope: 'variable.other.readwrite.terraform',
    notScope: 'comment',
  },
  {
    name: 'comment after block opening brace',
    source: 'locals { # note\n  a = 1\n}\n',
    text: 'note',
    scope: 'comment.line.number-sign',
  },

  // --- literals -------------------------------------------------------------------------------
  { name: 'integer', source: 'a = 42\n', text: '42', scope: 'constant.numeric.integer' },
  { name: 'negative integer', source: 'a = -1\n', text: '1', scope: 'constant.numeric.integer' },
  { name: 'decimal', source: 'a = 3.14\n', text: '3.14', scope: 'constant.numeric.float' },
  { name: 'exponent', source: 'a = 1e10\n', text: '1e10', scope: 'constant.numeric.float' },
  { name: 'signed exponent', source: 'a = 2.5E-3\n', text: '2.5E-3', scope: 'constant.numeric.float' },
  { name: 'true', source: 'a = true\n', text: 'true', scope: 'constant.language.boolean' },
  { name: 'false', source: 'a = false\n', text: 'false', scope: 'constant.language.boolean' },
  { name: 'null', source: 'a = null\n', text: 'null', scope: 'constant.language.null' },
  {
    name: 'identifier containing a digit is not a number',
    source: 'a = aws_s3\n',
    text: '3',
    scope: 'variable.other',
    notScope: 'constant.numeric',
  },

  // --- functions ------------------------------------------------------------------------------
  { name: 'builtin function', source: 'a = upper("x")\n', text: 'upper', scope: 'support.function.builtin' },
  {
    name: 'function arguments punctuation',
    source: 'a = upper("x")\n',
    text: '(',
    scope: 'punctuation.definition.arguments.begin',
  },
  {
    name: 'multi-line function call',
    source: 'a = merge(\n  var.tags,\n  { b = 1 },\n)\nc = 2\n',
    text: 'tags',
    scope: 'meta.function-call',
  },
  {
    name: 'code after multi-line function call',
    source: 'a = merge(\n  var.tags,\n  { b = 1 },\n)\nc = 2\n',
    text: 'c',
    scope: 'variable.other.readwrite.terraform',
    notScope: 'meta.function-call',
  },
  {
    name: 'provider-defined function name',
    source: 'a = provider::aws::arn_parse(var.arn)\n',
    text: 'arn_parse',
    scope: 'support.function.provider',
  },
  {
    name: 'provider-defined function namespace',
    source: 'a = provider::aws::arn_parse(var.arn)\n',
    text: 'aws',
    scope: 'entity.name.namespace',
  },
  {
    name: 'provider-defined function keyword',
    source: 'a = provider::aws::arn_parse(var.arn)\n',
    text: 'provider',
    scope: 'keyword.other.provider',
  },
  {
    name: 'provider-defined function separator',
    source: 'a = provider::aws::arn_parse(var.arn)\n',
    text: '::',
    scope: 'punctuation.separator.namespace',
  },
  {
    name: 'conversion function is a function, not a type',
    source: 'a = tomap({})\n',
    text: 'tomap',
    scope: 'support.function.builtin',
  },

  // --- operators ------------------------------------------------------------------------------
  { name: 'addition', source: 'a = 1 + 2\n', text: '+', scope: 'keyword.operator.arithmetic' },
  {
    name: 'division is not a comment',
    source: 'a = 4 / 2\n',
    text: '/',
    scope: 'keyword.operator.arithmetic',
  },
  { name: 'modulo', source: 'a = 5 % 2\n', text: '%', scope: 'keyword.operator.arithmetic' },
  { name: 'equality', source: 'a = var.x == 1\n', text: '==', scope: 'keyword.operator.comparison' },
  {
    name: 'left side of == is not an attribute',
    source: 'a = b == 1\n',
    text: 'b',
    scope: 'variable.other.terraform',
    notScope: 'readwrite',
  },
  { name: 'inequality', source: 'a = var.x != 1\n', text: '!=', scope: 'keyword.operator.comparison' },
  { name: 'greater or equal', source: 'a = var.x >= 1\n', text: '>=', scope: 'keyword.operator.comparison' },
  { name: 'logical and', source: 'a = var.x && var.y\n', text: '&&', scope: 'keyword.operator.logical' },
  { name: 'logical or', source: 'a = var.x || var.y\n', text: '||', scope: 'keyword.operator.logical' },
  { name: 'logical not', source: 'a = !var.x\n', text: '!', scope: 'keyword.operator.logical' },
  { name: 'conditional ?', source: 'a = var.x ? 1 : 2\n', text: '?', scope: 'keyword.operator.ternary' },
  { name: 'conditional :', source: 'a = var.x ? 1 : 2\n', text: ':', scope: 'keyword.operator.ternary' },
  {
    name: 'arrow',
    source: 'a = { for k, v in var.m : k => v }\n',
    text: '=>',
    scope: 'keyword.operator.arrow',
  },
  { name: 'expansion', source: 'a = min(var.l...)\n', text: '...', scope: 'keyword.operator.spread' },
  {
    name: 'full splat',
    source: 'a = aws_instance.web[*].id\n',
    text: '[*]',
    scope: 'keyword.operator.splat',
  },
  { name: 'attribute splat', source: 'a = var.list.*.id\n', text: '.*', scope: 'keyword.operator.splat' },

  // --- for expressions ------------------------------------------------------------------------
  {
    name: 'for keyword in tuple for-expression',
    source: 'a = [for s in var.list : upper(s) if s != ""]\n',
    text: 'for',
    scope: 'keyword.control.loop',
  },
  {
    name: 'in keyword in tuple for-expression',
    source: 'a = [for s in var.list : upper(s) if s != ""]\n',
    text: 'in',
    scope: 'keyword.control.loop',
  },
  {
    name: 'if keyword in for-expression',
    source: 'a = [for s in var.list : upper(s) if s != ""]\n',
    text: 'if',
    scope: 'keyword.control.conditional',
  },
  {
    name: 'for-expression colon is a separator',
    source: 'a = [for s in var.list : s ? 1 : 2]\n',
    text: ':',
    scope: 'punctuation.separator.for',
  },
  {
    name: 'conditional inside a for-expression body',
    source: 'a = [for s in var.list : s ? 1 : 2]\n',
    text: ':',
    nth: 1,
    scope: 'keyword.operator.ternary',
  },
  {
    name: 'multi-line object for-expression',
    source: 'a = {\n  for k, v in var.m :\n  k => v if v != null\n}\nb = 1\n',
    text: 'if',
    scope: 'keyword.control.conditional',
  },
  {
    name: 'for keyword in object for-expression',
    source: 'a = { for k, v in var.m : k => v }\n',
    text: 'for',
    scope: 'keyword.control.loop',
  },

  // --- references -----------------------------------------------------------------------------
  ...['var', 'local', 'module', 'data', 'each', 'count', 'path', 'terraform', 'self'].map((root): Case => ({
    name: `reference root "${root}."`,
    source: `a = ${root}.something\n`,
    text: root,
    scope: 'variable.language.terraform',
  })),
  {
    name: 'data reference members',
    source: 'a = data.aws_ami.ubuntu.id\n',
    text: 'ubuntu',
    scope: 'variable.other.member',
  },
  {
    name: 'reference accessor',
    source: 'a = local.x\n',
    text: '.',
    scope: 'punctuation.accessor',
  },
  {
    name: 'resource reference root is a plain variable',
    source: 'a = aws_instance.web.id\n',
    text: 'aws_instance',
    scope: 'variable.other.terraform',
  },
  {
    name: 'legacy index syntax',
    source: 'a = var.list.0\n',
    text: '0',
    scope: 'constant.numeric.integer',
  },
  {
    name: 'keyword-like member name is a member',
    source: 'a = var.for\n',
    text: 'for',
    scope: 'variable.other.member',
    notScope: 'keyword',
  },

  // --- type constraints -----------------------------------------------------------------------
  {
    name: 'list type constructor',
    source: 'variable "v" {\n  type = list(string)\n}\n',
    text: 'list',
    scope: 'support.type',
  },
  {
    name: 'primitive type',
    source: 'variable "v" {\n  type = list(string)\n}\n',
    text: 'string',
    scope: 'support.type.primitive',
  },
  { name: 'map type constructor', source: 'a = map(number)\n', text: 'map', scope: 'support.type' },
  { name: 'number type', source: 'a = map(number)\n', text: 'number', scope: 'support.type.primitive' },
  {
    name: 'object type constructor',
    source: 'a = object({ name = string, on = optional(bool, true) })\n',
    text: 'object',
    scope: 'support.type',
  },
  {
    name: 'optional type modifier',
    source: 'a = object({ name = string, on = optional(bool, true) })\n',
    text: 'optional',
    scope: 'support.type',
  },
  {
    name: 'object type attribute name',
    source: 'a = object({ name = string, on = optional(bool, true) })\n',
    text: 'name',
    scope: 'variable.other.readwrite.terraform',
  },
  { name: 'set/tuple/any', source: 'a = tuple([set(any)])\n', text: 'any', scope: 'support.type.primitive' },

  // --- terraform-vars grammar -----------------------------------------------------------------
  {
    name: 'tfvars attribute',
    grammar: TFVARS,
    source: 'region = "us-east-1"\n',
    text: 'region',
    scope: 'variable.other.readwrite.terraform',
  },
  {
    name: 'tfvars root scope',
    grammar: TFVARS,
    source: 'region = "us-east-1"\n',
    text: 'region',
    scope: 'source.terraform-vars',
  },
  {
    name: 'tfvars string',
    grammar: TFVARS,
    source: 'region = "us-east-1"\n',
    text: 'us-east-1',
    scope: 'string.quoted.double',
  },
  {
    name: 'tfvars comment',
    grammar: TFVARS,
    source: '# defaults\nregion = "x"\n',
    text: 'defaults',
    scope: 'comment.line.number-sign',
  },
  {
    name: 'tfvars object key',
    grammar: TFVARS,
    source: 'tags = {\n  Team = "infra"\n}\nsize = 3\n',
    text: 'Team',
    scope: 'variable.other.readwrite.terraform',
  },
  {
    name: 'tfvars code after object',
    grammar: TFVARS,
    source: 'tags = {\n  Team = "infra"\n}\nsize = 3\n',
    text: '3',
    scope: 'constant.numeric.integer',
  },
  {
    name: 'tfvars heredoc',
    grammar: TFVARS,
    source: 'motd = <<EOT\nhello ${name}\nEOT\nx = true\n',
    text: 'hello',
    scope: 'string.unquoted.heredoc',
  },
  {
    name: 'tfvars code after heredoc',
    grammar: TFVARS,
    source: 'motd = <<EOT\nhello ${name}\nEOT\nx = true\n',
    text: 'true',
    scope: 'constant.language.boolean',
  },
];

// ---------------------------------------------------------------------------------------------
// Structural checks

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function walk(node: Json, visit: (obj: { [key: string]: Json }) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
  } else if (node !== null && typeof node === 'object') {
    visit(node);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

describe('TextMate grammars', () => {
  describe('structure', () => {
    it('grammar files are valid JSON with the contributed scope names', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
        contributes: { grammars: { language: string; scopeName: string; path: string }[] };
      };
      const contributed = pkg.contributes.grammars;
      assert.ok(contributed.length >= 2);
      for (const g of contributed) {
        const file = path.join(ROOT, g.path);
        assert.ok(fs.existsSync(file), `${g.path} exists`);
        const json = JSON.parse(fs.readFileSync(file, 'utf8')) as RawGrammarJson;
        assert.equal(json.scopeName, g.scopeName, `${g.path} scopeName`);
        assert.ok(Array.isArray(json.patterns) && json.patterns.length > 0, `${g.path} has patterns`);
      }
      assert.deepEqual(contributed.map((g) => g.scopeName).sort(), [TF, TFVARS]);
    });

    it('every include target exists', () => {
      const files = grammarFiles();
      const byScope = new Map(files.map((f) => [f.json.scopeName, f.json]));
      const problems: string[] = [];
      for (const { file, json } of files) {
        walk(json as unknown as Json, (obj) => {
          const inc = obj['include'];
          if (typeof inc !== 'string') return;
          if (inc === '$self' || inc === '$base') return;
          const hash = inc.indexOf('#');
          const scope = hash < 0 ? inc : inc.slice(0, hash);
          const key = hash < 0 ? undefined : inc.slice(hash + 1);
          const target = scope === '' ? json : byScope.get(scope);
          if (!target) {
            problems.push(`${path.basename(file)}: include "${inc}": no grammar with scopeName "${scope}"`);
          } else if (key !== undefined && !(target.repository && key in target.repository)) {
            problems.push(`${path.basename(file)}: include "${inc}": no repository entry "${key}"`);
          }
        });
      }
      assert.deepEqual(problems, []);
    });

    it('every regular expression compiles with oniguruma', async () => {
      await registry(); // ensures the WASM is loaded
      const problems: string[] = [];
      for (const { file, json } of grammarFiles()) {
        walk(json as unknown as Json, (obj) => {
          for (const key of ['match', 'begin', 'end', 'while']) {
            const re = obj[key];
            if (typeof re !== 'string') continue;
            // Back-references in end/while refer to begin captures; substitute them as vscode-textmate does.
            const source = key === 'end' || key === 'while' ? re.replace(/\\(\d+)/g, 'X') : re;
            try {
              new oniguruma.OnigScanner([source]).dispose();
            } catch (e) {
              problems.push(`${path.basename(file)}: ${key} ${JSON.stringify(re)}: ${String(e)}`);
            }
          }
        });
      }
      assert.deepEqual(problems, []);
    });

    it('a realistic file tokenizes back to the top-level state', async () => {
      const source = [
        RESOURCE,
        HEREDOC,
        INDENTED_HEREDOC,
        'variable "v" {',
        '  type = object({ name = string, tags = optional(map(string), {}) })',
        '  validation {',
        '    condition     = length(var.v.name) > 0 && !contains(["}"], var.v.name)',
        '    error_message = "Name must not be empty: ${var.v.name} # not a comment"',
        '  }',
        '}',
        'output "ids" {',
        '  value = { for k, v in aws_instance.web : k => v.id if v.id != null }',
        '}',
        'check "health" {',
        '  assert {',
        '    condition     = provider::aws::arn_parse(var.arn).region == "us-east-1"',
        '    error_message = <<-EOT',
        '      %{~ for s in var.list ~}',
        '      ${s}',
        '      %{~ endfor ~}',
        '      EOT',
        '  }',
        '}',
        '',
      ].join('\n');
      const baseline = (await tokenize('')).endState.depth;
      const { tokens, endState } = await tokenize(source);
      assert.equal(endState.depth, baseline, 'all blocks, strings and heredocs are closed');
      const illegal = tokens.filter((t) => t.scopes.some((s) => s.startsWith('invalid')));
      assert.deepEqual(illegal, []);
      const lastBrace = tokens.filter((t) => t.text === '}').pop();
      assert.ok(lastBrace?.scopes.includes('punctuation.section.block.end.terraform'));
    });
  });

  describe('tokens', () => {
    for (const c of cases) {
      it(c.name, () => checkCase(c));
    }

    it('has at least 40 token cases', () => {
      assert.ok(cases.length >= 40, `only ${cases.length} cases`);
    });
  });
});
