import * as vscode from 'vscode';
import type { GenerateModelReport, ModelErrorData, ModelErrorKind } from '../../../shared/protocol';

/** The model failure an opsmith/generate error carries, if it is one. */
export function modelErrorOf(error: unknown): ModelErrorKind | undefined {
  const data = (error as { data?: Partial<ModelErrorData> } | undefined)?.data;
  return typeof data?.modelError === 'string' ? data.modelError : undefined;
}

const TRANSIENT: readonly ModelErrorKind[] = ['rateLimited', 'overloaded', 'server', 'timeout', 'connection'];

/**
 * Says what went wrong with an action that helps: a key problem offers "Set API Key"; a busy or unreachable
 * service offers a retry or the offline compiler; an unusable answer offers the offline compiler.
 */
export async function showModelError(
  kind: ModelErrorKind,
  message: string,
  again: (offline: boolean) => Thenable<unknown> | void,
): Promise<void> {
  if (kind === 'auth' || kind === 'noKey') {
    const choice = await vscode.window.showErrorMessage(`Opsmith: ${message}`, 'Set API Key');
    if (choice) await vscode.commands.executeCommand('opsmith.setApiKey');
    return;
  }
  const actions = TRANSIENT.includes(kind) ? ['Retry', 'Use Offline Compiler'] : ['Use Offline Compiler'];
  const choice = await vscode.window.showErrorMessage(`Opsmith wrote nothing: ${message}`, ...actions);
  if (choice === 'Retry') await again(false);
  else if (choice === 'Use Offline Compiler') await again(true);
}

/** Token usage per call and in total, for the Opsmith output. */
export function logModelUsage(output: vscode.LogOutputChannel, report: GenerateModelReport): void {
  const calls = report.calls
    .map((c, i) => `call ${i + 1}: ${c.inputTokens} in / ${c.outputTokens} out`)
    .join('; ');
  output.info(
    `Claude ${report.id} (${report.mode}${report.repairRounds ? `, ${report.repairRounds} repair round(s)` : ''}): ${calls}; total ${report.inputTokens} input / ${report.outputTokens} output tokens`,
  );
  if (report.freeformReason) output.info(`Free-form because: ${report.freeformReason}`);
}
