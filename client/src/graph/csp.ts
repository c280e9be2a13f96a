/**
 * The graph page's Content-Security-Policy: script only with this load's nonce, styles, images and fonts only from
 * `source` (the webview's cspSource) or the nonce, data: images for icons, and no network at all.
 */
function graphCsp(source: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${source} data:`,
    `style-src ${source} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${source}`,
  ].join('; ');
}

/**
 * The start of the graph page's <head>: the charset and the policy, ahead of any style or script, since a <meta>
 * policy governs only what comes after it. Kept free of `vscode` so the webview test bed (test/webview/harness.ts)
 * serves exactly this.
 */
export function graphHeadStart(source: string, nonce: string): string {
  return `<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${graphCsp(source, nonce)}">`;
}
