import assert from 'node:assert/strict';
import { DiagnosticSeverity, type TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import {
  applyContentChanges,
  describeDiagnostics,
  LspClient,
  messageOf,
  positionOf,
  rangeOf,
} from './client';

describe('protocol: textDocument/didOpen, didChange, didClose', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ fixture: 'basic' })));
  after(() => client?.dispose());

  it('publishes diagnostics for the opened version, then for every incremental edit', async () => {
    let text = client.read('outputs.tf');
    const uri = await client.open('outputs.tf', text, 1);
    assert.deepEqual((await client.waitForDiagnostics(uri, { version: 1 })).diagnostics, []);
    const edit = async (version: number, changes: TextDocumentContentChangeEvent[]) => {
      text = applyContentChanges(text, changes);
      await client.change(uri, version, changes);
      return client.waitForDiagnostics(uri, { version });
    };

    // Rename the reference `local.common_tags` → `local.common_tagz` by replacing one character.
    const tags = rangeOf(text, 'common_tags');
    const lastChar = { start: { ...tags.end, character: tags.end.character - 1 }, end: tags.end };
    const v2 = await edit(2, [{ range: lastChar, text: 'z' }]);
    assert.deepEqual(describeDiagnostics(v2.diagnostics), [
      `${tags.start.line + 1}:11 Reference to undeclared local value "common_tagz": no locals entry "common_tagz" in this module's files`,
    ]);

    // Two changes in one notification, applied in order: type a new reference, then undo the typo.
    const at = positionOf(text, 'aws_instance.web.id');
    const v3 = await edit(3, [
      { range: { start: at, end: at }, text: 'var.nope == "" ? "" : ' },
      { range: lastChar, text: 's' },
    ]);
    assert.deepEqual(
      v3.diagnostics.map((d) => d.message),
      ['Reference to undeclared variable "nope": no variable "nope" block in this module\'s files'],
    );
    assert.deepEqual(v3.diagnostics[0].range, {
      start: at,
      end: { line: at.line, character: at.character + 'var.nope'.length },
    });

    // Delete the closing brace of the first block: a syntax error that names the block.
    const brace = positionOf(text, '}\n');
    const v4 = await edit(4, [
      { range: { start: brace, end: { line: brace.line, character: brace.character + 1 } }, text: '' },
    ]);
    assert.ok(
      v4.diagnostics.some((d) => d.message === 'expected `}` to close output "instance_id" opened on line 1'),
      JSON.stringify(describeDiagnostics(v4.diagnostics)),
    );
    assert.ok(v4.diagnostics.every((d) => !/syntax error/i.test(messageOf(d))));

    // Put it back: clean again.
    const v5 = await edit(5, [{ range: { start: brace, end: brace }, text: '}' }]);
    assert.deepEqual(
      v5.diagnostics.map((d) => d.message),
      ['Reference to undeclared variable "nope": no variable "nope" block in this module\'s files'],
    );
    await client.close(uri);
  });

  it('answers a burst of edits with the final version, publications in version order', async () => {
    const text = 'locals {\n  a = 1\n}\n';
    const uri = await client.open('burst.tf', text, 1);
    const typed = 'var.typing';
    for (let i = 0; i < typed.length; i++) {
      const at = { line: 1, character: 6 + i };
      await client.change(uri, 2 + i, [{ range: { start: at, end: at }, text: typed[i] }]);
    }
    const last = 1 + typed.length;
    const final = await client.waitForDiagnostics(uri, { version: last });
    assert.deepEqual(
      describeDiagnostics(final.diagnostics.filter((d) => d.severity !== DiagnosticSeverity.Hint)),
      ['2:7 Reference to undeclared variable "typing1": no variable "typing1" block in this module\'s files'],
    );
    const versions = client.diagnostics.get(uri)!.map((p) => p.version);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a! - b!),
      'publications arrive in version order',
    );
    assert.equal(versions[versions.length - 1], last);
    await client.close(uri);
  });

  it('falls back to the disk contents on didClose', async () => {
    const uri = await client.open('locals.tf', 'locals {\n  name_prefix = var.missing\n}\n', 7);
    const open = await client.waitForDiagnostics(uri, { version: 7 });
    assert.ok(
      open.diagnostics.some((d) => messageOf(d).startsWith('Reference to undeclared variable "missing"')),
    );
    // Other files in the module see the editor's version: outputs.tf now refers to an undeclared local.
    const outputs = client.uri('outputs.tf');
    await client.waitForDiagnostics(outputs, {
      predicate: (p) => p.diagnostics.some((d) => messageOf(d).includes('"common_tags"')),
    });

    const before = client.diagnostics.get(uri)!.length;
    const outputsBefore = client.diagnostics.get(outputs)!.length;
    await client.close(uri);
    const closed = await client.waitForDiagnostics(uri, { since: before });
    assert.equal(closed.version, undefined, 'a closed file has no editor version');
    assert.deepEqual(closed.diagnostics, []);
    await client.waitForDiagnostics(outputs, {
      predicate: (p) => p.diagnostics.length === 0,
      since: outputsBefore,
    });
  });

  it('clears the diagnostics of a closed document that does not exist on disk', async () => {
    const uri = await client.open('scratch.tf', 'output "x" {\n  value = var.nope\n}\n', 1);
    const open = await client.waitForDiagnostics(uri, { version: 1 });
    assert.equal(open.diagnostics.length, 1);
    const before = client.diagnostics.get(uri)!.length;
    await client.close(uri);
    // Without a file behind it the document is gone; its problems must not linger in the Problems panel.
    const cleared = await client
      .waitForDiagnostics(uri, { since: before, timeout: 2000 })
      .catch(() => undefined);
    assert.deepEqual(
      cleared?.diagnostics,
      [],
      'no empty publication after closing an unsaved file: its diagnostics stay forever',
    );
  });
});
