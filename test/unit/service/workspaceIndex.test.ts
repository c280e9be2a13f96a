import assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/service/languageService';
import { memoryFileSystem, ROOT, uri, wasmFromNodeModules } from '../helpers/service';

async function indexed(files: Record<string, string | Uint8Array>, maxFileSizeBytes = 1 << 20) {
  const fs = memoryFileSystem(files);
  const logs: string[] = [];
  const logger = {
    info: (m: string) => logs.push(m),
    warn: (m: string) => logs.push(m),
    error: (m: string) => logs.push(m),
  };
  const service = await getLanguageService({
    wasm: wasmFromNodeModules(),
    fs,
    logger,
    settings: () => ({ unusedDeclarations: true, maxFileSizeBytes, driftSeverity: 2 }),
  });
  const count = await service.indexFolder(ROOT);
  return { service, fs, logs, count };
}

describe('workspace index', () => {
  it('indexes every .tf and .tfvars file on disk, grouped by module directory, skipping .terraform', async () => {
    const { service, count } = await indexed({
      'main.tf': 'module "a" {\n  source = "./modules/a"\n}\n',
      'prod.tfvars': 'x = 1\n',
      'modules/a/main.tf': 'variable "x" {}\n',
      'modules/a/README.md': '# not terraform',
      '.terraform/modules/a/main.tf': 'variable "x" {}\n',
    });
    assert.equal(count, 3);
    assert.deepEqual(service.index.moduleDirectories().sort(), [ROOT, `${ROOT}/modules/a`]);
    assert.deepEqual(
      service.index
        .documentsIn(ROOT)
        .map((d) => d.languageId)
        .sort(),
      ['terraform', 'terraform-vars'],
    );
  });

  it('skips binary, non-UTF-8 and oversized files with a log line, and indexes the rest', async () => {
    const { service, logs, count } = await indexed(
      {
        'ok.tf': 'variable "x" {}\n',
        'binary.tf': new Uint8Array([0x72, 0x00, 0x01, 0x02]),
        'latin1.tf': new Uint8Array([0x61, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22, 0x0a]),
        'huge.tf': 'a'.repeat(2048),
      },
      1024,
    );
    assert.equal(count, 1);
    assert.ok(service.index.get(uri('ok.tf')));
    assert.ok(
      logs.some((l) => /Skipping .*binary\.tf: binary content/.test(l)),
      logs.join('\n'),
    );
    assert.ok(logs.some((l) => /Skipping .*latin1\.tf: not valid UTF-8/.test(l)));
    assert.ok(logs.some((l) => /Skipping .*huge\.tf: .* above opsmith\.index\.maxFileSizeMB/.test(l)));
  });

  it('prefers the open editor over disk, and returns to disk on close', async () => {
    const { service, fs } = await indexed({
      'main.tf': 'output "o" {\n  value = var.a\n}\n',
      'vars.tf': 'variable "a" {}\n',
    });
    assert.equal(service.diagnostics(uri('main.tf')).length, 0);
    await service.openDocument(uri('vars.tf'), 3, 'variable "b" {}\n');
    assert.match(String(service.diagnostics(uri('main.tf'))[0].message), /undeclared variable "a"/);
    fs.files.set(uri('vars.tf'), new TextEncoder().encode('variable "a" {}\n'));
    await service.fileChangedOnDisk(uri('vars.tf'));
    assert.equal(
      service.index.get(uri('vars.tf'))?.text,
      'variable "b" {}\n',
      'an open document is not replaced from disk',
    );
    await service.closeDocument(uri('vars.tf'));
    assert.equal(service.diagnostics(uri('main.tf')).length, 0);
  });

  it('picks up files created, changed and deleted on disk', async () => {
    const { service, fs } = await indexed({ 'main.tf': 'output "o" {\n  value = var.a\n}\n' });
    const changed: string[] = [];
    service.onDidChangeModule((dir) => changed.push(dir));
    assert.equal(service.diagnostics(uri('main.tf')).length, 1);
    fs.files.set(uri('vars.tf'), new TextEncoder().encode('variable "a" {}\n'));
    await service.fileChangedOnDisk(uri('vars.tf'));
    assert.equal(service.diagnostics(uri('main.tf')).length, 0);
    fs.files.delete(uri('vars.tf'));
    service.fileDeletedOnDisk(uri('vars.tf'));
    assert.equal(service.diagnostics(uri('main.tf')).length, 1);
    assert.deepEqual(changed, [ROOT, ROOT]);
  });

  it('applies incremental edits and drops a stale parse', async () => {
    const { service } = await indexed({});
    await service.openDocument(uri('a.tf'), 1, 'locals {\n  a = 1\n}\n');
    await service.changeDocument(uri('a.tf'), 2, [
      { range: { start: { line: 1, character: 6 }, end: { line: 1, character: 7 } }, text: '"x"' },
    ]);
    assert.equal(service.index.get(uri('a.tf'))?.text, 'locals {\n  a = "x"\n}\n');
    assert.equal(service.index.get(uri('a.tf'))?.version, 2);
    // A multi-megabyte change parses in slices; a newer edit arriving meanwhile wins.
    const big = 'locals {\n' + '  v = "0123456789012345678901234567890123456789"\n'.repeat(20000) + '}\n';
    const slow = service.changeDocument(uri('a.tf'), 3, [{ text: big }]);
    const fast = service.changeDocument(uri('a.tf'), 4, [{ text: 'locals {\n  b = 2\n}\n' }]);
    assert.equal(await slow, undefined, 'the stale parse is dropped');
    assert.equal((await fast)?.version, 4);
    assert.equal(service.index.get(uri('a.tf'))?.text, 'locals {\n  b = 2\n}\n');
  });
});
