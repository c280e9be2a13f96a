import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

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
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Resource Graph</title>
${styles}
</head>
<body>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
