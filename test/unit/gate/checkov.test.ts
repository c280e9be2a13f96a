import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { POLICIES } from '../../../server/src/service/policies';
import { CASES } from '../policies/cases';

const ROOT = path.join(__dirname, '../../..');
const COMPLIANT = path.join(ROOT, 'test/fixtures/gate/compliant');

interface CheckovScript {
  isInstalled(): boolean;
  checkovPaths(): { venv: string };
  skipList(): { skip: Record<string, string>; skipOutsideProd: Record<string, string> };
  scan(dirs: (string | { dir: string; env: string })[]): Promise<{
    dirs: { dir: string; failed: { id: string; name: string; file: string; lines: number[] }[] }[];
    passed: number;
    failedCount: number;
    parsingErrors: string[];
  }>;
}

const load = (): Promise<CheckovScript> => import(path.join(ROOT, 'scripts/checkov.mjs'));

describe('checkov', function () {
  // One checkov run takes a few seconds, most of it start-up.
  this.timeout(180000);

  it('keeps a reason for every skipped check', async () => {
    const { skipList } = await load();
    const { skip, skipOutsideProd } = skipList();
    for (const [id, reason] of Object.entries({ ...skip, ...skipOutsideProd })) {
      assert.match(id, /^CKV2?_AWS_\d+$/);
      assert.ok(reason.length > 20 && reason.length < 200, `${id}: a one-line reason`);
    }
    assert.ok(Object.keys(skip).length <= 6, 'the skip list stays short');
  });

  it('finds no failed check in the compliant stack beyond the skip list', async function () {
    const checkov = await load();
    if (!checkov.isInstalled()) {
      console.log(
        `      skipped: checkov is not installed in ${checkov.checkovPaths().venv} (node scripts/checkov.mjs --install)`,
      );
      this.skip();
    }
    const result = await checkov.scan([COMPLIANT]);
    const failed = result.dirs.flatMap((d) =>
      d.failed.map((f) => `${f.file}:${f.lines[0]} ${f.id} ${f.name}`),
    );
    assert.deepEqual(failed, []);
    assert.deepEqual(result.parsingErrors, []);
    assert.ok(result.passed > 100, `only ${result.passed} checks passed: did checkov read the files?`);
  });

  it('agrees with each policy on its fixtures: the mapped checkov check passes one and fails the other', async function () {
    const checkov = await load();
    if (!checkov.isInstalled()) this.skip();
    const root = mkdtempSync(path.join(os.tmpdir(), 'opsmith-policy-fixtures-'));
    try {
      const targets: {
        dir: string;
        check: string;
        checkov: string;
        compliant: boolean;
        stricter?: string;
      }[] = [];
      CASES.forEach((c, i) => {
        const policy = POLICIES.find((p) => p.id === c.check)!;
        const id = c.checkov === undefined ? policy.checkov[0] : c.checkov;
        if (!id) return;
        for (const compliant of [true, false]) {
          const dir = path.join(root, `${i}-${compliant ? 'pass' : 'fail'}`);
          mkdirSync(dir);
          writeFileSync(path.join(dir, 'main.tf'), compliant ? c.pass : c.fail);
          targets.push({ dir, check: c.check, checkov: id, compliant, stricter: c.stricterThanCheckov });
        }
      });
      const result = await checkov.scan(targets.map((t) => t.dir));
      const disagreements: string[] = [];
      result.dirs.forEach((d, i) => {
        const t = targets[i];
        const failed = d.failed.some((f) => f.id === t.checkov);
        if (t.compliant && failed)
          disagreements.push(`${t.check}: checkov fails the compliant fixture (${t.checkov})`);
        if (!t.compliant && !failed && !t.stricter)
          disagreements.push(`${t.check}: checkov passes the violating fixture (${t.checkov})`);
        if (!t.compliant && failed && t.stricter)
          disagreements.push(`${t.check}: checkov now fails the violating fixture; drop stricterThanCheckov`);
      });
      assert.deepEqual(disagreements, []);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
