/** The subset of LSP's CancellationToken the service reads, so providers run without vscode-languageserver. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const neverCancelled: CancellationToken = { isCancellationRequested: false };
