// Runs inside the real extension host (see index.ts): the packaged extension is installed and active.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

import { EXTENSION_ID, eventually, openDoc } from './util';

describe('extension', () => {
  it('activates when a .tf file is opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in the extension host`);
    const doc = await openDoc('main.tf');
    assert.equal(doc.languageId, 'terraform');
    await eventually('the extension to be active', () => ext.isActive);
  });

  it('contributes the terraform and terraform-vars languages', async () => {
    const languages = await vscode.languages.getLanguages();
    assert.ok(languages.includes('terraform'), 'terraform language missing');
    assert.ok(languages.includes('terraform-vars'), 'terraform-vars language missing');
  });

  it('registers opsmith.restartServer', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('opsmith.restartServer'), 'opsmith.restartServer is not registered');
  });
});
