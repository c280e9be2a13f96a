import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from '../../../server/src/service/generate';

const ROOT = path.join(__dirname, '../../..');

/** CI runs in a fresh clone with a copy of shared/ beside it; a session has it at /work/shared. */
function intentsFile(): string {
  const candidates = [path.join(ROOT, '../shared/intents/intents.json'), '/work/shared/intents/intents.json'];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`intents.json not found in ${candidates.join(' or ')}`);
  return found;
}

interface CheckovScript {
  isInstalled(): boolean;
  scan(dirs: { dir: string; env: string }[]): Promise<{
    dirs: { dir: string; failed: { id: string; name: string; file: string; lines: number[] }[] }[];
    failedCount: number;
    parsingErrors: string[];
  }>;
}

describe('checkov on every generated intent stack', function () {
  this.timeout(600000);

  it('finds 0 failed checks beyond the documented skip list', async function () {
    const checkov = (await import(path.join(ROOT, 'scripts/checkov.mjs'))) as CheckovScript;
    if (!checkov.isInstalled()) {
      console.log('      checkov is not installed: run `node scripts/checkov.mjs --install` (.ci/run does)');
      this.skip();
    }
    const { cases } = JSON.parse(readFileSync(intentsFile(), 'utf8')) as {
      cases: { id: string; intent: string }[];
    };
    const root = mkdtempSync(path.join(os.tmpdir(), 'opsmith-intents-'));
    try {
      const dirs = cases.map((c) => {
        const result = generate(c.intent);
        const dir = path.join(root, c.id);
        for (const file of result.files) {
          mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
          writeFileSync(path.join(dir, file.path), file.content);
        }
        return { dir, env: result.env };
      });
      const report = await checkov.scan(dirs);
      assert.deepEqual(report.parsingErrors, [], 'checkov parsed every file');
      const failures = report.dirs.flatMap((d) =>
        d.failed.map((f) => `${path.basename(d.dir)}: ${f.id} ${f.name} (${f.file}:${f.lines.join('-')})`),
      );
      assert.deepEqual(failures, []);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
