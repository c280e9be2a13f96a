// One esbuild script, several entry points: the extension client, the language server and the webview.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const dist = path.join(root, 'dist');
mkdirSync(dist, { recursive: true });

// The grammar and runtime wasm ship inside dist/ so nothing is fetched at run time.
copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), path.join(dist, 'tree-sitter.wasm'));
copyFileSync(
  require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'),
  path.join(dist, 'tree-sitter-terraform.wasm'),
);

// Provider schemas ship as the committed compressed files; the server reads them lazily from dist/schemas.
mkdirSync(path.join(dist, 'schemas'), { recursive: true });
for (const file of readdirSync(path.join(root, 'server', 'schemas'))) {
  copyFileSync(path.join(root, 'server', 'schemas', file), path.join(dist, 'schemas', file));
}

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};
// web-tree-sitter's ESM build reads import.meta.url, which a CommonJS bundle must provide itself.
const nodeShim = {
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
};
const configs = [
  {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['server/src/main.ts'],
    outfile: 'dist/server.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    ...nodeShim,
  },
  {
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    ...nodeShim,
  },
  {
    ...common,
    entryPoints: ['webview/src/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

if (watch) {
  const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching…');
} else {
  const start = Date.now();
  await Promise.all(configs.map((c) => esbuild.build(c)));
  console.log(`built dist/ in ${Date.now() - start} ms`);
}
