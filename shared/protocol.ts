/**
 * Custom messages between the extension client, the language server and the webview. One file, imported by all
 * three, so a renamed field is a compile error everywhere instead of a silent mismatch.
 */

/** Server → client, once the workspace folders have been indexed. */
export const IndexedNotification = 'opsmith/indexed';
export interface IndexedParams {
  files: number;
  ms: number;
}
