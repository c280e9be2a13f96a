// Language-server features through the vscode API, inside the real extension host, on a copy of
// test/fixtures/e2e-workspace. Every query is retried until the server answers, so a slow start is not a failure.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

import { activeExtension, baseName, eventually, fileUri, openDoc, positionOf, target } from './util';

const FORMAT_OPTIONS: vscode.FormattingOptions = { tabSize: 2, insertSpaces: true };

/** Edits that change something (a server may legitimately answer with no-op edits for a formatted file). */
function realEdits(
  doc: vscode.TextDocument,
  edits: readonly vscode.TextEdit[] | undefined,
): vscode.TextEdit[] {
  return (edits ?? []).filter((e) => doc.getText(e.range) !== e.newText);
}

describe('language features', () => {
  before(async () => {
    await activeExtension();
  });

  it('go to definition on var.region in main.tf returns the declaration in variables.tf', async () => {
    const main = await openDoc('main.tf');
    const vars = await vscode.workspace.openTextDocument(fileUri('variables.tf'));
    const ref = positionOf(main, 'var.region', 'var.re'.length);
    const declLine = positionOf(vars, 'variable "region"').line;

    const locations = await eventually('a definition for var.region', async () => {
      const r = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
        'vscode.executeDefinitionProvider',
        main.uri,
        ref,
      );
      return r && r.length > 0 ? r : undefined;
    });
    const targets = locations.map(target);
    const inVars = targets.find((t) => baseName(t.uri) === 'variables.tf');
    assert.ok(
      inVars,
      `expected a location in variables.tf, got ${targets.map((t) => baseName(t.uri)).join(', ')}`,
    );
    assert.ok(
      inVars.range.start.line <= declLine + 4 && inVars.range.end.line >= declLine,
      `definition range ${inVars.range.start.line}-${inVars.range.end.line} does not cover line ${declLine}`,
    );
  });

  it('rename of var.region returns edits in main.tf and variables.tf', async () => {
    const main = await openDoc('main.tf');
    const ref = positionOf(main, 'var.region', 'var.re'.length);

    const edit = await eventually('rename edits for var.region', async () => {
      const r = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
        'vscode.executeDocumentRenameProvider',
        main.uri,
        ref,
        'aws_region',
      );
      return r && r.size > 0 ? r : undefined;
    });
    const byFile = new Map(edit.entries().map(([uri, edits]) => [baseName(uri), edits] as const));
    assert.ok(byFile.size >= 2, `expected edits in at least two files, got ${[...byFile.keys()].join(', ')}`);
    for (const name of ['main.tf', 'variables.tf'])
      assert.ok(byFile.has(name), `no rename edit in ${name} (got ${[...byFile.keys()].join(', ')})`);
    // A server may replace the bare name or the whole quoted label (`"region"` → `"aws_region"`).
    for (const [name, edits] of byFile) {
      for (const e of edits) assert.match(e.newText, /^"?aws_region"?$/, `unexpected edit text in ${name}`);
    }

    const vars = await vscode.workspace.openTextDocument(fileUri('variables.tf'));
    const varEdits = byFile.get('variables.tf') ?? [];
    assert.ok(
      varEdits.some(
        (e) =>
          /^"?region"?$/.test(vars.getText(e.range)) &&
          e.range.start.line === positionOf(vars, 'variable "region"').line,
      ),
      'the declaration label "region" in variables.tf is not among the edits',
    );
    // var.region is used twice in main.tf (tags and locals).
    assert.equal(byFile.get('main.tf')?.length, 2, 'expected both references in main.tf to be renamed');
  });

  it('reports a diagnostic for an undeclared variable', async () => {
    const uri = fileUri('undeclared.tf');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('output "broken" {\n  value = var.foo\n}\n'));
    try {
      await openDoc('undeclared.tf');
      const diag = await eventually(
        'a diagnostic about var.foo',
        () =>
          vscode.languages
            .getDiagnostics(uri)
            .find((d) => /Reference to undeclared variable "foo"/.test(d.message)),
        30_000,
      );
      assert.equal(diag.range.start.line, 1, 'the diagnostic should be on the line of var.foo');
      // The valid files of the module have no errors.
      const mainErrors = vscode.languages
        .getDiagnostics(fileUri('main.tf'))
        .filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(
        mainErrors.map((d) => d.message),
        [],
        'main.tf is valid and should have no errors',
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('formatting returns edits for a misformatted file, and none once it is formatted', async () => {
    const doc = await openDoc('misformatted.tf');
    const edits = await eventually('format edits for misformatted.tf', async () => {
      const r = await vscode.commands.executeCommand<vscode.TextEdit[]>(
        'vscode.executeFormatDocumentProvider',
        doc.uri,
        FORMAT_OPTIONS,
      );
      const real = realEdits(doc, r);
      return real.length > 0 ? real : undefined;
    });
    const before = doc.getText();
    const we = new vscode.WorkspaceEdit();
    we.set(doc.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(we), 'applying the format edits failed');
    try {
      assert.notEqual(doc.getText(), before);
      assert.match(
        doc.getText(),
        /^ {2}domain\s+= "vpc"$/m,
        'attribute indentation/spacing was not normalised',
      );
      const again = await vscode.commands.executeCommand<vscode.TextEdit[]>(
        'vscode.executeFormatDocumentProvider',
        doc.uri,
        FORMAT_OPTIONS,
      );
      assert.deepEqual(
        realEdits(doc, again),
        [],
        'formatting is not idempotent: a formatted file got more edits',
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('formatting returns no edits for an already formatted file', async () => {
    // First make sure the server answers formatting requests at all, so "no edits" is not vacuous.
    const probe = await vscode.workspace.openTextDocument(fileUri('misformatted.tf'));
    await eventually(
      'the formatting provider to answer',
      async () =>
        realEdits(
          probe,
          await vscode.commands.executeCommand<vscode.TextEdit[]>(
            'vscode.executeFormatDocumentProvider',
            probe.uri,
            FORMAT_OPTIONS,
          ),
        ).length > 0,
    );
    const doc = await openDoc('outputs.tf');
    const r = await vscode.commands.executeCommand<vscode.TextEdit[]>(
      'vscode.executeFormatDocumentProvider',
      doc.uri,
      FORMAT_OPTIONS,
    );
    // null/undefined/[] all mean "nothing to change".
    assert.deepEqual(realEdits(doc, r), []);
  });
});
