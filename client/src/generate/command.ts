import * as vscode from 'vscode';
import { LSPErrorCodes, WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import {
  GenerateRequestMethod,
  ImportUnmanagedMethod,
  type GenerateParams,
  type GenerateResult,
  type ImportUnmanagedParams,
} from '../../../shared/protocol';
import { chooseEngine, logModelUsage, modelErrorOf, showModelError } from '../model';
import { EXAMPLE_REQUESTS } from './examples';
import { applyGenerated, PreviewContentProvider, showPreview } from './preview';

/** Asks for the request: examples to pick from, or anything typed into the box. */
const MULTI_LINE = '$(edit) Write a longer, multi-line request…';
const REQUEST_HEADER =
  '# Describe the infrastructure you need, over as many lines as you like.\n' +
  '# Lines starting with # are ignored. Click "Generate" in the notification when done.\n';

/** Asks for the request: examples to pick from, anything typed into the box, or a multi-line editor. */
async function askForRequest(): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick();
  pick.title = 'Opsmith: describe the infrastructure you need';
  pick.placeholder = 'e.g. Production web service, Postgres backend, standard monitoring';
  const fixedItems = () => [
    { label: MULTI_LINE, alwaysShow: true },
    ...EXAMPLE_REQUESTS.map((label) => ({ label, description: 'example' })),
  ];
  pick.items = fixedItems();
  pick.matchOnDescription = false;
  pick.ignoreFocusOut = true;
  const chosen = await new Promise<string | undefined>((resolve) => {
    pick.onDidChangeValue((value) => {
      // What the user types is itself a request: offer it first, above the examples.
      pick.items = [
        ...(value.trim() ? [{ label: value, description: 'your request', alwaysShow: true }] : []),
        ...fixedItems(),
      ];
    });
    pick.onDidAccept(() => {
      resolve((pick.selectedItems[0]?.label ?? pick.value).trim() || undefined);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
  return chosen === MULTI_LINE ? askInEditor() : chosen;
}

/** A scratch editor for requests that need several lines; the request is its text without the # lines. */
async function askInEditor(): Promise<string | undefined> {
  const doc = await vscode.workspace.openTextDocument({
    language: 'markdown',
    content: `${REQUEST_HEADER}\n`,
  });
  await vscode.window.showTextDocument(doc, { preview: false });
  const choice = await vscode.window.showInformationMessage(
    'Write the request in the new editor, then generate.',
    'Generate',
    'Cancel',
  );
  if (choice !== 'Generate') return undefined;
  const text = doc
    .getText()
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .trim();
  return text || undefined;
}

async function targetFolder(resource: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (resource) {
    const stat = await vscode.workspace.fs.stat(resource);
    return stat.type & vscode.FileType.Directory ? resource : vscode.Uri.joinPath(resource, '..');
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri;
  const picked = await vscode.window.showWorkspaceFolderPick({
    placeHolder: 'Folder to generate Terraform in',
  });
  return picked?.uri;
}

export function registerGenerateCommand(
  context: vscode.ExtensionContext,
  client: () => LanguageClient | undefined,
  output: vscode.LogOutputChannel,
): void {
  const provider = new PreviewContentProvider();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider('opsmith-preview', provider),
  );
  let batch = 0;
  let pending: ((answer: 'Accept' | 'Discard') => void) | undefined;
  context.subscriptions.push(
    vscode.commands.registerCommand('opsmith.acceptGeneration', () => pending?.('Accept')),
    vscode.commands.registerCommand('opsmith.discardGeneration', () => pending?.('Discard')),
  );
  /** Gate verdict, then diffs and Accept/Discard: the one path every proposal (generation, import) takes. */
  const review = async (result: GenerateResult): Promise<void> => {
    if (!result.gate.passed) {
      for (const stage of result.gate.stages.filter((s) => !s.passed)) {
        for (const f of stage.findings)
          output.error(`[gate:${stage.name}] ${f.file}:${f.line}:${f.column} ${f.message} (${f.code})`);
      }
      const first = result.gate.stages.find((s) => !s.passed)?.findings[0];
      void vscode.window
        .showErrorMessage(
          `Opsmith did not write anything: the result failed the ${result.gate.stages
            .filter((s) => !s.passed)
            .map((s) => s.name)
            .join(', ')} check${first ? ` (${first.file}:${first.line} ${first.message})` : ''}.`,
          'Show Details',
        )
        .then((choice) => choice && output.show(true));
      return;
    }
    batch++;
    // The answer comes from the notification or from the Accept/Discard buttons on the preview diffs,
    // which work as soon as the first diff shows.
    let answer!: (value: 'Accept' | 'Discard' | undefined) => void;
    const choice = new Promise<'Accept' | 'Discard' | undefined>((resolve) => (answer = resolve));
    pending?.('Discard');
    pending = answer;
    await vscode.commands.executeCommand('setContext', 'opsmith.generationPending', true);
    await showPreview(provider, result.files, String(batch));
    const notUnderstood = result.notUnderstood.length
      ? ` Not understood: ${result.notUnderstood.join('; ')}.`
      : '';
    void vscode.window
      .showInformationMessage(
        `Opsmith proposes ${result.files.length} file(s) with ${result.resources.length} resources; every check passed.${notUnderstood} Review the diffs, then accept or discard.`,
        'Accept',
        'Discard',
      )
      .then((value) => answer(value as 'Accept' | 'Discard' | undefined));
    const decision = await choice;
    pending = undefined;
    void vscode.commands.executeCommand('setContext', 'opsmith.generationPending', false);
    await closePreviewTabs();
    if (decision !== 'Accept') {
      output.info('Discarded; nothing was written.');
      return;
    }
    const applied = await applyGenerated(result.files);
    if (!applied.applied) {
      void vscode.window.showErrorMessage(`Opsmith did not write anything: ${applied.reason}`);
      return;
    }
    output.info(`Wrote ${result.files.map((f) => f.path).join(', ')}`);
    for (const file of result.files)
      await vscode.window.showTextDocument(vscode.Uri.parse(file.uri), { preview: false });
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('opsmith.importUnmanaged', async (ids?: string[]) => {
      const languageClient = client();
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!languageClient || !folder) return;
      try {
        const params: ImportUnmanagedParams = {
          folderUri: folder.uri.toString(),
          ids: Array.isArray(ids) ? ids : undefined,
        };
        const result = await languageClient.sendRequest<GenerateResult>(ImportUnmanagedMethod, params);
        output.info(`Proposed code for ${result.resources.length} unmanaged resources`);
        await review(result);
      } catch (error) {
        void vscode.window.showErrorMessage((error as Error).message);
      }
    }),
  );
  let progressTokens = 0;
  /** One generation: the engine the settings and the key allow, progress from the server, then review(). */
  const generate = async (
    languageClient: LanguageClient,
    folder: vscode.Uri,
    request: string,
    forceOffline = false,
  ): Promise<void> => {
    const engine = await chooseEngine(context, languageClient, output, folder, forceOffline);
    if (!engine) return;
    const params: GenerateParams = {
      request,
      folderUri: folder.toString(),
      model: engine.model,
      workDoneToken: `opsmith-generate-${++progressTokens}`,
    };
    let result: GenerateResult;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Opsmith', cancellable: true },
        async (progress, token) => {
          progress.report({
            message: engine.model
              ? `asking ${engine.label}…`
              : 'compiling the request and validating the result…',
          });
          // The server reports "planning…", "validating…", "repairing 1/3…" on the request's progress token.
          const listening = languageClient.onProgress(
            WorkDoneProgress.type,
            params.workDoneToken!,
            (value) => {
              if (value.kind !== 'end' && value.message) progress.report({ message: value.message });
            },
          );
          try {
            return await languageClient.sendRequest<GenerateResult>(GenerateRequestMethod, params, token);
          } finally {
            listening.dispose();
          }
        },
      );
    } catch (error) {
      if ((error as { code?: number }).code === LSPErrorCodes.RequestCancelled) {
        output.info('Generation cancelled; nothing was written.');
        return;
      }
      const message = (error as Error).message;
      const kind = modelErrorOf(error);
      if (kind) {
        output.error(`Claude: ${message}`);
        await showModelError(kind, message, (offline) => generate(languageClient, folder, request, offline));
        return;
      }
      output.error(`Generation failed: ${message}`);
      void vscode.window.showErrorMessage(`Opsmith: ${message}`);
      return;
    }
    if (result.model) logModelUsage(output, result.model);
    output.info(
      `Generated ${result.resources.length} resources for "${request}" with ${engine.label} (gate ${result.gate.passed ? 'passed' : 'failed'} in ${result.gate.durationMs.toFixed(0)} ms)`,
    );
    if (result.notUnderstood.length) output.warn(`Not understood: ${result.notUnderstood.join('; ')}`);
    if (result.files.length === 0) {
      void vscode.window.showWarningMessage(
        `Opsmith recognised no infrastructure in "${request}"${result.notUnderstood.length ? ` (not understood: ${result.notUnderstood.join('; ')})` : ''}. Nothing was written.`,
      );
      return;
    }
    await review(result);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'opsmith.generate',
      async (resource?: vscode.Uri, requestText?: string) => {
        const languageClient = client();
        if (!languageClient) {
          void vscode.window.showErrorMessage(
            'The Opsmith language server is not running; run "Opsmith: Restart Language Server".',
          );
          return;
        }
        const folder = await targetFolder(resource instanceof vscode.Uri ? resource : undefined);
        if (!folder) return;
        const request = typeof requestText === 'string' ? requestText : await askForRequest();
        if (!request) return;
        await generate(languageClient, folder, request);
      },
    ),
  );
}

/** Closes only the preview diffs, never the user's own editors. */
async function closePreviewTabs(): Promise<void> {
  const tabs = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) =>
        tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === 'opsmith-preview',
    );
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
