import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ModelKeyRequestMethod,
  type GenerateModelOptions,
  type ModelKeyResult,
  type ModelMode,
} from '../../../shared/protocol';
import { sealSecret } from '../../../shared/sealedSecret';
import { readApiKey } from './apiKey';

export interface EngineChoice {
  /** Absent: the offline compiler. */
  model?: GenerateModelOptions;
  /** For the progress notification: "Claude (claude-sonnet-5-5, planner)" or "the offline compiler". */
  label: string;
}

/** Each reason for the offline compiler is said once a session as a message (always in the output). */
const told = new Set<string>();

function sayOffline(output: vscode.LogOutputChannel, reason: string, offerKey: boolean): void {
  output.info(`${reason}: generating with the offline compiler.`);
  if (told.has(reason)) return;
  told.add(reason);
  const actions = offerKey ? ['Set API Key'] : [];
  void vscode.window
    .showInformationMessage(`Opsmith: ${reason}, so the offline compiler generates.`, ...actions)
    .then((choice) => choice && vscode.commands.executeCommand('opsmith.setApiKey'));
}

/**
 * Which engine generates, from `opsmith.model.provider`: `auto` uses Claude when a key is available (secret
 * storage or ANTHROPIC_API_KEY) and says in one line when it is not; `claude` insists on it; `offline` never calls
 * a model. Untrusted workspaces never call a model. Undefined: nothing should run (the person was told why).
 */
export async function chooseEngine(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  output: vscode.LogOutputChannel,
  folder: vscode.Uri,
  forceOffline = false,
): Promise<EngineChoice | undefined> {
  const offline: EngineChoice = { label: 'the offline compiler' };
  const config = vscode.workspace.getConfiguration('opsmith.model', folder);
  const provider = config.get<'auto' | 'claude' | 'offline'>('provider', 'auto');
  if (forceOffline || provider === 'offline') return offline;
  if (!vscode.workspace.isTrusted) {
    sayOffline(output, 'This workspace is not trusted, and Opsmith makes no model calls in it', false);
    return offline;
  }
  const key = await readApiKey(context);
  if (!key) {
    if (provider === 'claude') {
      const choice = await vscode.window.showErrorMessage(
        'Opsmith is set to generate with Claude ("opsmith.model.provider": "claude") but no Anthropic API key is set.',
        'Set API Key',
      );
      if (choice) await vscode.commands.executeCommand('opsmith.setApiKey');
      return undefined;
    }
    sayOffline(output, 'No Anthropic API key is set ("Opsmith: Set Anthropic API Key")', true);
    return offline;
  }
  const { publicKey } = await client.sendRequest<ModelKeyResult>(ModelKeyRequestMethod);
  // Empty: the server's default model.
  const id = config.get<string>('id', '').trim();
  const mode = config.get<ModelMode>('mode', 'planner');
  const baseUrl = config.get<string>('baseUrl', '').trim() || undefined;
  output.info(
    `Generating with Claude (${id || 'default model'}, ${mode} mode, key from ${key.source}${baseUrl ? `, via ${baseUrl}` : ''}).`,
  );
  return {
    label: `Claude (${id || 'default model'}, ${mode})`,
    model: {
      sealedApiKey: sealSecret(key.value, publicKey),
      id,
      mode,
      baseUrl,
      maxTokens: config.get<number>('maxTokens', 16384),
      timeoutSeconds: config.get<number>('timeoutSeconds', 120),
      repairRounds: config.get<number>('repairRounds', 3),
    },
  };
}
