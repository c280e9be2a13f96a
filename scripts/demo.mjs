// npm run demo: build and package the extension, install it into a local code-server (a real VS Code in the
// browser) with its own profile, open examples/, and print the URL. Ctrl+C stops it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { e2ePaths } from './e2e-paths.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const port = Number(process.env.OPSMITH_DEMO_PORT ?? 8080);
const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run('node', ['scripts/e2e-setup.mjs']);
run('node', ['scripts/package.mjs']);

const paths = e2ePaths();
const profile = path.join(paths.cache, 'demo-profile');
const env = { ...process.env };
for (const [name, dir] of Object.entries({
  XDG_CONFIG_HOME: 'config',
  XDG_DATA_HOME: 'data',
  XDG_CACHE_HOME: 'cache',
})) {
  env[name] = path.join(profile, 'xdg', dir);
}
const userData = path.join(profile, 'user-data');
const extensions = path.join(profile, 'extensions');
mkdirSync(path.join(userData, 'User'), { recursive: true });
writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify(
    { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none' },
    null,
    2,
  ),
);
const base = [paths.codeServerEntry, '--user-data-dir', userData, '--extensions-dir', extensions];
run(paths.node, [...base, '--install-extension', path.join(root, 'out', 'opsmith.vsix'), '--force'], { env });

const workspace = path.join(root, 'examples', 'web-service');
const server = spawn(
  paths.node,
  [
    ...base,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    workspace,
  ],
  { env, stdio: ['ignore', 'ignore', 'inherit'] },
);
console.log(
  `\nOpsmith demo: open http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}\n(Ctrl+C to stop)`,
);
const stop = () => {
  server.kill();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
