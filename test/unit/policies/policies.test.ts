import assert from 'node:assert/strict';
import type { Position, Range } from 'vscode-languageserver-types';
import { getLanguageService, type LanguageService } from '../../../server/src/service/languageService';
import {
  evaluatePolicies,
  POLICIES,
  type PolicyEdit,
  type PolicyFinding,
  type Profile,
} from '../../../server/src/service/policies';
import { parseExpression } from '../../../server/src/service/policies/values';
import { positionOf, wasmFromNodeModules } from '../helpers/service';
import { CASES } from './cases';

let service: LanguageService;
let n = 0;

/** Parses files (path → text) in a directory of their own and runs the policies over them. */
async function evaluate(
  files: Record<string, string>,
  options: { profile?: Profile; only?: string[] } = {},
): Promise<PolicyFinding[]> {
  const dir = `file:///policies/${++n}`;
  const docs = [];
  for (const [path, text] of Object.entries(files)) {
    const doc = await service.openDocument(`${dir}/${path}`, 1, text);
    assert.ok(doc, `${path} did not parse`);
    assert.deepEqual(
      doc.model.syntaxProblems.map((p) => p.message),
      [],
      `fixture ${path} has syntax errors`,
    );
    docs.push(doc);
  }
  return evaluatePolicies(
    docs.map((d) => ({ uri: d.uri, model: d.model })),
    options,
  );
}

function rangeOf(text: string, needle: string): Range {
  const start = positionOf(text, needle);
  const end = positionOf(text, needle, needle.length);
  return { start, end };
}

function offsetAt(text: string, p: Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < p.line; i++) offset += lines[i].length + 1;
  return offset + p.character;
}

function apply(text: string, edits: PolicyEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let out = text;
  for (const e of sorted)
    out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  return out;
}

describe('policies', () => {
  before(async () => {
    service = await getLanguageService({ wasm: wasmFromNodeModules() });
  });

  it('has at least 24 checks with unique ids, titles and well-formed checkov ids', () => {
    assert.ok(POLICIES.length >= 24, `${POLICIES.length} checks`);
    assert.equal(new Set(POLICIES.map((p) => p.id)).size, POLICIES.length);
    for (const p of POLICIES) {
      assert.match(p.id, /^OPS-[A-Z0-9]+-\d{3}$/);
      assert.ok(p.title.length > 10, p.id);
      for (const c of p.checkov) assert.match(c, /^CKV2?_AWS_\d+$/, p.id);
    }
  });

  it('has a passing and a failing fixture for every check', () => {
    const covered = new Set(CASES.map((c) => c.check));
    assert.deepEqual(
      POLICIES.map((p) => p.id).filter((id) => !covered.has(id)),
      [],
    );
  });

  for (const c of CASES) {
    describe(`${c.check}${c.profile ? ` (${c.profile})` : ''}`, () => {
      const check = POLICIES.find((p) => p.id === c.check)!;
      const options = { profile: c.profile, only: [c.check] };

      it('passes the compliant fixture', async () => {
        const findings = await evaluate({ 'main.tf': c.pass }, options);
        assert.deepEqual(
          findings.map((f) => f.message),
          [],
        );
      });

      it('fails the violating fixture at the offending argument or block header', async () => {
        const findings = await evaluate({ 'main.tf': c.fail }, options);
        assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
        const [f] = findings;
        assert.deepEqual(f.range, rangeOf(c.fail, c.at));
        assert.equal(f.checkId, c.check);
        assert.equal(f.severity, check.severity);
        assert.equal(f.checkov, c.checkov === undefined ? check.checkov[0] : (c.checkov ?? undefined));
        assert.ok(f.uri.endsWith('/main.tf'));
        assert.match(f.message, /\. [A-Z].*\.$|\)\.$/, 'says what is wrong and what to do');
        assert.ok(f.message.includes(f.address), f.message);
        if (f.fix) {
          const fixed = apply(c.fail, f.fix.edits);
          const after = await evaluate({ 'main.tf': fixed }, options);
          assert.deepEqual(
            after.map((x) => x.message),
            [],
            `the quick fix "${f.fix.title}" leaves the finding:\n${fixed}`,
          );
        }
      });
    });
  }

  describe('profiles', () => {
    const dbWithoutProtection = `resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  storage_encrypted   = true
  deletion_protection = false
  multi_az            = false
}
`;
    it('requires deletion protection and Multi-AZ in prod only', async () => {
      const prod = await evaluate({ 'main.tf': dbWithoutProtection }, { profile: 'prod' });
      assert.deepEqual(
        prod.map((f) => f.checkId),
        ['OPS-RDS-003', 'OPS-RDS-004', 'OPS-RDS-005'],
      );
      for (const profile of ['staging', 'dev'] as const) {
        const other = await evaluate({ 'main.tf': dbWithoutProtection }, { profile });
        assert.deepEqual(
          other.map((f) => f.checkId),
          [],
          profile,
        );
      }
    });

    it('evaluates as prod when no profile is given', async () => {
      const findings = await evaluate({ 'main.tf': dbWithoutProtection });
      assert.ok(findings.some((f) => f.checkId === 'OPS-RDS-004'));
    });
  });

  describe('links across blocks and files', () => {
    it('finds the public access block, encryption and versioning of a bucket in other files', async () => {
      const findings = await evaluate(
        {
          'storage.tf': 'resource "aws_s3_bucket" "site" {\n  bucket_prefix = "site-"\n}\n',
          'storage_controls.tf': `resource "aws_s3_bucket_public_access_block" "site" {
  bucket                  = aws_s3_bucket.site.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "site" {
  bucket = aws_s3_bucket.site.bucket
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "site" {
  bucket = aws_s3_bucket.site.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
`,
        },
        { only: ['OPS-S3-001', 'OPS-S3-006', 'OPS-S3-007'] },
      );
      assert.deepEqual(
        findings.map((f) => f.message),
        [],
      );
    });

    it('does not credit one bucket with another bucket’s controls', async () => {
      const findings = await evaluate(
        {
          'main.tf': `resource "aws_s3_bucket" "a" {}

resource "aws_s3_bucket" "b" {}

resource "aws_s3_bucket_versioning" "a" {
  bucket = aws_s3_bucket.a.id
  versioning_configuration {
    status = "Enabled"
  }
}
`,
        },
        { only: ['OPS-S3-007'] },
      );
      assert.deepEqual(
        findings.map((f) => f.address),
        ['aws_s3_bucket.b'],
      );
    });

    it('resolves locals and variable defaults', async () => {
      const findings = await evaluate(
        {
          'main.tf': `locals {
  world = ["0.0.0.0/0"]
}

resource "aws_security_group" "ssh" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = local.world
  }
}
`,
        },
        { only: ['OPS-NET-001'] },
      );
      assert.equal(findings.length, 1);
    });

    it('lets values it cannot evaluate pass', async () => {
      const findings = await evaluate(
        {
          'main.tf': `resource "aws_db_instance" "main" {
  storage_encrypted   = var.environment == "prod"
  deletion_protection = local.protect
  multi_az            = var.multi_az
  publicly_accessible = false
  backup_retention_period = var.backup_days
}
`,
        },
        { only: ['OPS-RDS-001', 'OPS-RDS-003', 'OPS-RDS-004', 'OPS-RDS-005'] },
      );
      assert.deepEqual(
        findings.map((f) => f.checkId),
        [],
      );
    });

    it('reports only for the files asked about', async () => {
      const dir = `file:///policies/${++n}`;
      const a = (await service.openDocument(`${dir}/a.tf`, 1, 'resource "aws_sns_topic" "a" {}\n'))!;
      const b = (await service.openDocument(`${dir}/b.tf`, 1, 'resource "aws_sns_topic" "b" {}\n'))!;
      const findings = evaluatePolicies(
        [a, b].map((d) => ({ uri: d.uri, model: d.model })),
        { only: ['OPS-SNS-001'], reportFor: new Set([b.uri]) },
      );
      assert.deepEqual(
        findings.map((f) => f.address),
        ['aws_sns_topic.b'],
      );
    });
  });

  describe('expression values', () => {
    const cases: [string, unknown][] = [
      ['"text"', 'text'],
      ['"${var.x}"', ['var', 'x']],
      ['"a-${var.x}"', 'unknown'],
      ['true', true],
      ['-3', -3],
      ['["a", "b"]', ['a', 'b']],
      ['{ a = 1, "b" = "x" }', { a: 1, b: 'x' }],
      ['jsonencode({ Statement = [{ Action = "*" }] })', { Statement: [{ Action: '*' }] }],
      ['aws_s3_bucket.a[0].id', ['aws_s3_bucket', 'a', '0', 'id']],
      ['var.a ? 1 : 2', 'unknown'],
      ['[for s in var.x : s]', 'unknown'],
      ['max(1, 2)', 'unknown'],
      ['<<EOT\n{"Version": "2012-10-17"}\nEOT', '{"Version": "2012-10-17"}\n'],
    ];
    const plain = (v: ReturnType<typeof parseExpression>): unknown => {
      switch (v.kind) {
        case 'string':
        case 'number':
        case 'bool':
          return v.value;
        case 'list':
          return v.items.map(plain);
        case 'object':
          return Object.fromEntries([...v.entries].map(([k, x]) => [k, plain(x)]));
        case 'ref':
          return v.parts;
        default:
          return v.kind;
      }
    };
    for (const [text, expected] of cases) {
      it(text.replace(/\n/g, '\\n'), () => assert.deepEqual(plain(parseExpression(text)), expected));
    }
  });
});
