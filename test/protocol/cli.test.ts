import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './client';

const run = (args: string[]) => {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/opsmith.js'), ...args], {
    encoding: 'utf8',
    timeout: 60000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('cli: opsmith generate', function () {
  this.timeout(120000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'opsmith-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the files, resources and gate results, and exits 0', () => {
    const { code, stdout } = run(['generate', 'Highly available Redis cache for user sessions']);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /# ---- versions\.tf ----/);
    assert.match(stdout, /Resources \(\d+\): .*aws_elasticache_replication_group\./);
    assert.match(stdout, /Gate: PASSED/);
  });

  it('writes into --out and answers --json', () => {
    const { code, stdout } = run([
      'generate',
      'An SQS queue with a dead-letter queue after 5 failed attempts',
      '--out',
      dir,
      '--json',
      '--env',
      'dev',
    ]);
    assert.equal(code, 0);
    const result = JSON.parse(stdout) as {
      files: { path: string; content: string }[];
      written: string[];
      gate: { passed: boolean };
    };
    assert.equal(result.gate.passed, true);
    assert.deepEqual(readdirSync(dir).sort(), result.files.map((f) => f.path).sort());
    assert.match(readFileSync(path.join(dir, 'versions.tf'), 'utf8'), /version = "~> 6\.0"/);
  });

  it('reuses what the folder holds and never overwrites a file without --force', () => {
    writeFileSync(
      path.join(dir, 'network.tf'),
      'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n',
    );
    const { code, stdout } = run([
      'generate',
      'Small MySQL 8 database for the staging environment',
      '--out',
      dir,
    ]);
    assert.equal(code, 0, stdout);
    assert.equal(
      readFileSync(path.join(dir, 'network.tf'), 'utf8'),
      'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n',
    );
    assert.match(
      readdirSync(dir)
        .map((f) => readFileSync(path.join(dir, f), 'utf8'))
        .join('\n'),
      /aws_vpc\.main\.id/,
    );
  });

  it('explains usage errors with exit code 2', () => {
    const { code, stderr } = run(['generate']);
    assert.equal(code, 2);
    assert.match(stderr, /missing the request/);
    assert.equal(run(['generate', 'x', '--env', 'qa']).code, 2);
  });

  it('fails when nothing in the request could be understood', () => {
    const { code, stdout } = run(['generate', 'flux capacitor with banana']);
    assert.equal(code, 1);
    assert.match(stdout, /Not understood: flux capacitor; banana/);
  });
});
