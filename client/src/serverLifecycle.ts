import {
  CloseAction,
  ErrorAction,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type Message,
} from 'vscode-languageclient/node';

/**
 * Restarts the server once after a crash. A second crash means something is wrong that a restart will not fix,
 * so the client stops and the user is told what happened instead of watching a restart loop.
 */
export class RestartOnceErrorHandler implements ErrorHandler {
  private restarts = 0;

  constructor(
    private readonly onRestart: () => void,
    private readonly onGiveUp: () => void,
  ) {}

  error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    if (this.restarts === 0) {
      this.restarts++;
      this.onRestart();
      return {
        action: CloseAction.Restart,
        message: 'The Opsmith language server crashed and was restarted. Details are in the Opsmith output.',
      };
    }
    this.onGiveUp();
    return {
      action: CloseAction.DoNotRestart,
      message:
        'The Opsmith language server crashed twice and was stopped. See the "Opsmith" output for the error, then run "Opsmith: Restart Language Server".',
    };
  }

  /** A manual restart gives the server a fresh allowance. */
  reset(): void {
    this.restarts = 0;
  }
}
