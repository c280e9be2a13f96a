// Runs last: it kills the language server on purpose. The extension restarts it once, then gives up and says so.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';

import { EXTENSION_ID, eventually, openDoc } from './util';

interface OpsmithApi {
  serverState(): string;
}

/** Process ids of this extension's language server (node …/dist/server.js --node-ipc …). */
function serverPids(extensionPath: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes(`${extensionPath}/dist/server.js`))
    .map((line) => Number(line.trim().split(/\s+/)[0]))
    .filter((pid) => pid !== process.pid);
}

describe('server crashes', () => {
  it('restarts the server once after a crash, then stops and says so', async () => {
    const ext = vscode.extensions.getExtension<OpsmithApi>(EXTENSION_ID)!;
    await openDoc('main.tf');
    const api = await eventually('the extension API', () => ext.isActive && ext.exports);
    await eventually(
      'the server running',
      () => serverPids(ext.extensionPath).length > 0 && api.serverState() === 'ready',
    );

    const first = serverPids(ext.extensionPath);
    for (const pid of first) process.kill(pid, 'SIGKILL');
    await eventually(
      'a restarted server',
      () =>
        api.serverState() === 'restarted' && serverPids(ext.extensionPath).some((p) => !first.includes(p)),
    );
    // The restarted server answers again.
    const doc = await openDoc('main.tf');
    const symbols = await eventually('document symbols from the restarted server', () =>
      vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
        'vscode.executeDocumentSymbolProvider',
        doc.uri,
      ),
    );
    assert.ok(symbols.length > 0);

    for (const pid of serverPids(ext.extensionPath)) process.kill(pid, 'SIGKILL');
    await eventually('the server to stay stopped', () => api.serverState() === 'stopped');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(serverPids(ext.extensionPath), [], 'no third server is started');

    // The user can bring it back.
    await vscode.commands.executeCommand('opsmith.restartServer');
    await eventually(
      'the server back after a manual restart',
      () => serverPids(ext.extensionPath).length > 0,
    );
  });
});
