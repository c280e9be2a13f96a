import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { graphHeadStart } from './csp';

/**
 * The webview page: nothing but the bundled app, under a CSP that allows only its own script and styles (from
 * dist/, or carrying this load's nonce) and no network at all.
 */
export function graphHtml(webview: vscode.Webview, dist: vscode.Uri, hasStyles: boolean): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js'));
  const styles = hasStyles
    ? `<link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css'))}">`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
${graphHeadStart(webview.cspSource, nonce)}
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Resource Graph</title>
${styles}
</head>
<body>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
