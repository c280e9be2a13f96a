import type * as vscode from 'vscode';
import { registerApiKeyCommands } from './apiKey';

export { chooseEngine, type EngineChoice } from './modelChoice';
export { modelErrorOf, showModelError, logModelUsage } from './modelErrors';

/** Claude for generation: the API key commands. The generate command asks chooseEngine which engine to use. */
export function registerModel(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): void {
  registerApiKeyCommands(context, output);
}
