import * as vscode from 'vscode';

/** The key lives in VS Code's SecretStorage only: never in settings, the output channel or a log line. */
const SECRET_ID = 'opsmith.anthropicApiKey';

export interface ApiKey {
  value: string;
  source: 'secret storage' | 'ANTHROPIC_API_KEY';
}

/** The stored key, else ANTHROPIC_API_KEY from the environment VS Code was started in. */
export async function readApiKey(context: vscode.ExtensionContext): Promise<ApiKey | undefined> {
  const stored = await context.secrets.get(SECRET_ID);
  if (stored) return { value: stored, source: 'secret storage' };
  const fromEnv = process.env.ANTHROPIC_API_KEY?.trim();
  return fromEnv ? { value: fromEnv, source: 'ANTHROPIC_API_KEY' } : undefined;
}

/** "Opsmith: Set Anthropic API Key" and "Opsmith: Clear Anthropic API Key". */
export function registerApiKeyCommands(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('opsmith.setApiKey', async () => {
      const value = await vscode.window.showInputBox({
        title: 'Opsmith: Anthropic API key',
        prompt:
          'Stored in VS Code secret storage and used for "Opsmith: Generate Infrastructure" with Claude.',
        placeHolder: 'sk-ant-…',
        password: true,
        ignoreFocusOut: true,
        validateInput: (text) => (/\s/.test(text.trim()) ? 'An API key has no spaces.' : undefined),
      });
      if (!value?.trim()) return;
      await context.secrets.store(SECRET_ID, value.trim());
      output.info('Anthropic API key stored in secret storage.');
      void vscode.window.showInformationMessage(
        'Opsmith will generate with Claude using the stored API key.',
      );
    }),
    vscode.commands.registerCommand('opsmith.clearApiKey', async () => {
      await context.secrets.delete(SECRET_ID);
      output.info('Anthropic API key removed from secret storage.');
      const env = process.env.ANTHROPIC_API_KEY ? ' ANTHROPIC_API_KEY is still set in the environment.' : '';
      void vscode.window.showInformationMessage(`Opsmith: the stored Anthropic API key was removed.${env}`);
    }),
  );
}
