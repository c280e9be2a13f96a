/**
 * Chromium switches both browser test beds (test/webview, and through it bench/graph; test/e2e) launch with: the
 * sandbox needs privileges a container does not grant, there is no GPU, and background traffic (QUIC, component
 * updates, sync, first-run) would only reach out of the test machine and add noise to timings.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
