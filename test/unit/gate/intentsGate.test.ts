import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createGate, type Gate } from '../../../server/src/service/gate/gate';
import { generate } from '../../../server/src/service/generate';
import { DirectorySchemaSource } from '../../../server/src/service/schema/schemaSource';
import { createSchemaProvider } from '../../../server/src/service/schemaView/fromSource';
import { wasmFromNodeModules } from '../helpers/service';

const ROOT = path.join(__dirname, '../../..');
const intentsFile = [
  path.join(ROOT, '../shared/intents/intents.json'),
  '/work/shared/intents/intents.json',
].find((f) => existsSync(f));

describe('every shared intent passes the whole gate', function () {
  this.timeout(120000);
  let gate: Gate;
  before(async () => {
    gate = await createGate({
      wasm: wasmFromNodeModules(),
      schemas: createSchemaProvider(new DirectorySchemaSource(path.join(ROOT, 'server/schemas'))),
    });
  });

  const { cases } = JSON.parse(readFileSync(intentsFile ?? '', 'utf8')) as {
    cases: { id: string; intent: string }[];
  };
  for (const c of cases) {
    it(`${c.id}: ${c.intent}`, async () => {
      const result = generate(c.intent);
      const verdict = await gate.run(result.files, { profile: result.env });
      const failures = verdict.stages.flatMap((s) =>
        s.findings.map((f) => `${s.name} ${f.file}:${f.line} ${f.message}`),
      );
      assert.deepEqual(failures, []);
      assert.equal(verdict.passed, true);
      for (const skip of verdict.skipped)
        assert.ok(skip.reason.length > 10, `${skip.address} ${skip.checkov} says why`);
    });
  }

  it('does not honour a skip without a reason', async () => {
    const files = [
      {
        path: 'main.tf',
        content: 'resource "aws_sqs_queue" "q" {\n  # checkov:skip=CKV_AWS_27\n  name = "q"\n}\n',
      },
    ];
    const verdict = await gate.run(files, { profile: 'dev' });
    assert.ok(
      verdict.stages.find((s) => s.name === 'policies')!.findings.some((f) => /CKV_AWS_27/.test(f.message)),
    );
    const withReason = [
      {
        path: 'main.tf',
        content: files[0].content.replace('CKV_AWS_27', 'CKV_AWS_27: messages hold no personal data'),
      },
    ];
    const waived = await gate.run(withReason, { profile: 'dev' });
    assert.ok(
      !waived.stages.find((s) => s.name === 'policies')!.findings.some((f) => /CKV_AWS_27/.test(f.message)),
    );
    assert.deepEqual(
      waived.skipped.map((s) => [s.address, s.checkov, s.reason]),
      [['aws_sqs_queue.q', 'CKV_AWS_27', 'messages hold no personal data']],
    );
  });
});
