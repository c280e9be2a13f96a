import * as vscode from 'vscode';

export interface RevertArguments {
  address: string;
  /** Terraform commands that bring the resource back to the code, plan first. */
  commands: string[];
}

/**
 * "Revert to code": opens a terminal with the targeted commands typed but not run. Opsmith never runs
 * `terraform apply` itself; the user reads the plan and decides.
 */
export function registerRevertDrift(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('opsmith.revertDrift', async (args: RevertArguments) => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('Opsmith runs no commands in an untrusted workspace.');
        return;
      }
      const terminal = vscode.window.createTerminal({ name: `Opsmith: revert ${args.address}` });
      terminal.show();
      terminal.sendText(`# Review the plan for ${args.address}, then run the apply line yourself.`, true);
      // Typed, not executed: the user presses Enter.
      terminal.sendText(args.commands.join(' && '), false);
    }),
  );
}
