// Language-server benchmark. `npm run bench:lsp` builds dist/ first; this script builds nothing (it generates the
// synthetic workspace with generate.mjs when it is missing or stale).
//
// Measures in one run, against the bundled server (node dist/server.js --stdio):
//   (a) the floor: pure tree-sitter parse time of all workspace files (web-tree-sitter, no model): the first pass
//       of a fresh parser, which pays the same wasm/JIT warm-up as a fresh server, and the warm best of 3
//   (b) cold index time: `initialized` → `opsmith/indexed`, with process start + initialize measured separately
//   (c) keystroke → publishDiagnostics latency for single-character edits in an open file
//   (d) definition and references latency
//   (e) server RSS after indexing (/proc/<pid>/status)
//   (f) completion and hover latency with the provider schemas loaded
// Prints a table, PASS/FAIL per target and one `BENCH_JSON {...}` line. Always exits 0: it is a benchmark.
//
//   node bench/lsp/run.mjs [--cpu-prof] [--server path/to/server.js] [--cold-runs N] [--keystrokes N] [--requests N]
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_OUT, DEFAULT_SEED, GENERATOR_VERSION, generate } from './generate.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : process.argv[i + 1];
};
const SERVER = path.resolve(arg('--server', path.join(ROOT, 'dist', 'server.js')));
const COLD_RUNS = Number(arg('--cold-runs', 3));
const KEYSTROKES = Number(arg('--keystrokes', 320));
const REQUESTS = Number(arg('--requests', 250));
const CPU_PROF = process.argv.includes('--cpu-prof');
const RESULTS = path.join(HERE, 'results');
const TARGETS = { indexOverParse: 3, keystrokeP99Ms: 30, rssMB: 200, completionP99Ms: 15, hoverP99Ms: 10 };
/** The open file for (c) and (d): a module directory with 10 files. */
const EDITED_FILE = 'modules/compute/compute_2.tf';

const now = () => performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))];
};
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

function ensureWorkspace() {
  const manifest = path.join(DEFAULT_OUT, '.generated.json');
  try {
    const meta = JSON.parse(readFileSync(manifest, 'utf8'));
    if (meta.version === GENERATOR_VERSION && meta.seed === DEFAULT_SEED) return meta;
  } catch {
    // Missing or unreadable: generate.
  }
  console.log('generating the benchmark workspace…');
  return generate();
}

function terraformFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) terraformFiles(full, out);
    else if (entry.name.endsWith('.tf') || entry.name.endsWith('.tfvars')) out.push(full);
  }
  return out.sort();
}

function rssMB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const read = (key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
    return { rss: read('VmRSS'), peak: read('VmHWM') };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}

/** (a) web-tree-sitter over the same bytes the server reads: the cost no indexer can go below. */
async function parseFloor(texts) {
  const { Parser, Language } = await import('web-tree-sitter');
  const dist = path.dirname(SERVER);
  await Parser.init({ locateFile: () => path.join(dist, 'tree-sitter.wasm') });
  const language = await Language.load(path.join(dist, 'tree-sitter-terraform.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  const passes = [];
  for (let pass = 0; pass < 3; pass++) {
    const trees = [];
    const started = now();
    for (const text of texts) trees.push(parser.parse(text));
    passes.push(now() - started);
    for (const tree of trees) tree.delete();
  }
  parser.delete();
  return { first: passes[0], best: Math.min(...passes), passes };
}

async function startServer(workspace) {
  const nodeArgs = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${RESULTS}`] : [];
  if (CPU_PROF) mkdirSync(RESULTS, { recursive: true });
  const spawnedAt = now();
  const child = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.on('error', () => undefined);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin),
  );
  const diagnosticWaiters = new Map();
  const published = new Map();
  let resolveIndexed;
  const indexed = new Promise((resolve) => (resolveIndexed = resolve));
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.set(params.uri, params);
    const key = `${params.uri}#${params.version}`;
    diagnosticWaiters.get(key)?.(params);
    diagnosticWaiters.delete(key);
  });
  connection.onNotification('opsmith/indexed', (params) => resolveIndexed({ ...params, at: now() }));
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  const rootUri = pathToFileURL(workspace).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
  });
  const initializedAt = now();
  await connection.sendNotification('initialized', {});
  const server = {
    child,
    connection,
    rootUri,
    published,
    startup: initializedAt - spawnedAt,
    indexed: indexed.then((p) => ({ files: p.files, serverMs: p.ms, ms: p.at - initializedAt })),
    get stderr() {
      return stderr;
    },
    waitForDiagnostics(uri, version, timeout = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no diagnostics for ${uri} version ${version} within ${timeout} ms`)),
          timeout,
        );
        diagnosticWaiters.set(`${uri}#${version}`, (p) => {
          clearTimeout(timer);
          resolve(p);
        });
      });
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), sleep(5000)]);
        await connection.sendNotification('exit');
        await Promise.race([exited, sleep(CPU_PROF ? 30_000 : 3000)]);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
        connection.dispose();
      }
    },
  };
  return server;
}

/** (c) Typing then deleting characters inside a string attribute value; latency until that version's diagnostics. */
async function keystrokes(server, uri, text) {
  const marker = 'description = "Application traffic for bundle';
  const index = text.indexOf(marker);
  if (index === -1) throw new Error(`no "${marker}" in ${EDITED_FILE}`);
  const lineStart = text.lastIndexOf('\n', index) + 1;
  const line = text.slice(0, index).split('\n').length - 1;
  const closing = text.indexOf('"', index + marker.length);
  const column = closing - lineStart;
  let version = 1;
  let typed = 0;
  const latencies = [];
  const typing = 'abcdefghij';
  const total = KEYSTROKES + 20;
  for (let i = 0; i < total; i++) {
    const cycle = i % (typing.length * 2);
    let change;
    if (cycle < typing.length) {
      const at = { line, character: column + typed };
      change = { range: { start: at, end: at }, text: typing[cycle] };
      typed++;
    } else {
      const end = { line, character: column + typed };
      change = { range: { start: { line, character: column + typed - 1 }, end }, text: '' };
      typed--;
    }
    version++;
    const waiting = server.waitForDiagnostics(uri, version);
    const started = now();
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [change],
    });
    await waiting;
    if (i >= 20) latencies.push(now() - started);
  }
  return {
    count: latencies.length,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: Math.max(...latencies),
  };
}

/** (d) definition and references on the references of the open file, round-robin. */
async function navigation(server, uri, text) {
  const positions = [];
  const patterns = [
    /\b(var|local)\.[a-z_]+/g,
    /\bdata\.aws_[a-z0-9_]+\.[a-z0-9_]+/g,
    /\baws_[a-z0-9_]+\.[a-z0-9_]+\.[a-z_]+/g,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const offset = match.index + Math.min(match[0].length - 1, match[0].indexOf('.') + 2);
      const before = text.slice(0, offset);
      positions.push({
        line: before.split('\n').length - 1,
        character: offset - before.lastIndexOf('\n') - 1,
      });
    }
  }
  if (positions.length === 0) throw new Error('no references to navigate from');
  const measure = async (method, params) => {
    const latencies = [];
    let empty = 0;
    let results = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const position = positions[(i * 7) % positions.length];
      const started = now();
      const result = await server.connection.sendRequest(method, params(position));
      latencies.push(now() - started);
      if (!result || result.length === 0) empty++;
      else results += result.length;
    }
    return {
      count: latencies.length,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: Math.max(...latencies),
      empty,
      avgResults: results / latencies.length,
    };
  };
  const textDocument = { uri };
  return {
    positions: positions.length,
    definition: await measure('textDocument/definition', (position) => ({ textDocument, position })),
    references: await measure('textDocument/references', (position) => ({
      textDocument,
      position,
      context: { includeDeclaration: true },
    })),
  };
}

/**
 * Schema-aware requests: completion at argument-name positions inside resource blocks and after `var.`/`local.`,
 * hover on argument names (provider schema) and on references.
 */
async function schemaRequests(server, uri, text) {
  const lines = text.split('\n');
  const namePositions = [];
  const referencePositions = [];
  lines.forEach((line, index) => {
    const attribute = /^(\s+)([a-z_]{4,})\s*=/.exec(line);
    if (attribute) namePositions.push({ line: index, character: attribute[1].length + 3 });
    for (const match of line.matchAll(/\b(var|local)\./g))
      referencePositions.push({ line: index, character: match.index + match[0].length });
  });
  if (namePositions.length === 0 || referencePositions.length === 0)
    throw new Error('no positions for completion');
  const textDocument = { uri };
  const measure = async (method, positions, params) => {
    const latencies = [];
    let empty = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const position = positions[(i * 7) % positions.length];
      const started = now();
      const result = await server.connection.sendRequest(method, params(position));
      latencies.push(now() - started);
      if (!result || (Array.isArray(result) && result.length === 0)) empty++;
    }
    return {
      count: latencies.length,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: Math.max(...latencies),
      empty,
    };
  };
  const both = [...namePositions, ...referencePositions];
  return {
    completion: await measure('textDocument/completion', both, (position) => ({ textDocument, position })),
    hover: await measure('textDocument/hover', both, (position) => ({ textDocument, position })),
  };
}

async function main() {
  if (!existsSync(SERVER)) {
    console.log(`${SERVER} is missing: run \`npm run bench:lsp\` (it builds first) or \`npm run build\`.`);
    return;
  }
  const meta = ensureWorkspace();
  const files = terraformFiles(DEFAULT_OUT);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const dirs = new Set(files.map((f) => path.dirname(f))).size;
  console.log(
    `workspace: ${files.length} files, ${meta.resources} resources, ${(bytes / 1024).toFixed(0)} KB, ${dirs} module directories; ` +
      `node ${process.version}, ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );

  const floor = await parseFloor(texts);

  const cold = [];
  let server;
  for (let run = 0; run < COLD_RUNS; run++) {
    if (server) await server.stop();
    server = await startServer(DEFAULT_OUT);
    const indexed = await server.indexed;
    cold.push({ startup: server.startup, ...indexed });
  }
  const rssAtIndexed = rssMB(server.child.pid);
  await sleep(1000);
  const rssSettled = rssMB(server.child.pid);
  const errors = [...server.published.values()].reduce(
    (n, p) => n + p.diagnostics.filter((d) => d.severity === 1).length,
    0,
  );

  const uri = `${server.rootUri}/${EDITED_FILE}`;
  const text = readFileSync(path.join(DEFAULT_OUT, EDITED_FILE), 'utf8');
  const opened = server.waitForDiagnostics(uri, 1);
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'terraform', version: 1, text },
  });
  await opened;
  const typing = await keystrokes(server, uri, text);
  const nav = await navigation(server, uri, text);
  const schema = await schemaRequests(server, uri, text);
  const rssAfterAll = rssMB(server.child.pid);
  await server.stop();

  const median = (list, key) =>
    percentile(
      list.map((c) => c[key]),
      0.5,
    );
  const indexMs = median(cold, 'ms');
  // Both sides cold: the server indexes in a fresh process, so its floor is a fresh parser's first pass.
  const ratio = indexMs / floor.first;
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  const rows = [
    [
      '(a) parse floor: first pass of a fresh parser',
      `${fmt(floor.first)} ms`,
      'the cost a fresh server pays too (wasm and JIT warm-up included)',
      '',
    ],
    [
      '    warm parse (best of 3, information)',
      `${fmt(floor.best)} ms`,
      'the same bytes once the parser is warm',
      '',
    ],
    [
      '(b) process start + initialize (median)',
      `${fmt(median(cold, 'startup'))} ms`,
      cold.map((c) => fmt(c.startup)).join(' / '),
      '',
    ],
    [
      '(b) cold index: initialized → indexed (median)',
      `${fmt(indexMs)} ms`,
      `runs ${cold.map((c) => fmt(c.ms)).join(' / ')}; server says ${cold.map((c) => c.serverMs).join(' / ')} ms; ${cold[0].files} files`,
      '',
    ],
    [
      '    index / parse floor (both cold)',
      `${ratio.toFixed(2)}×`,
      `target ≤ ${TARGETS.indexOverParse}×`,
      verdict(ratio <= TARGETS.indexOverParse),
    ],
    [
      '    index / warm parse (information)',
      `${(indexMs / floor.best).toFixed(2)}×`,
      'a cold index against a warm parser: an upper bound of the overhead',
      '',
    ],
    [
      '(c) keystroke → publishDiagnostics p50',
      `${fmt(typing.p50)} ms`,
      `${typing.count} edits in ${EDITED_FILE}`,
      '',
    ],
    [
      '(c) keystroke → publishDiagnostics p99',
      `${fmt(typing.p99)} ms`,
      `max ${fmt(typing.max)} ms; target ≤ ${TARGETS.keystrokeP99Ms} ms`,
      verdict(typing.p99 <= TARGETS.keystrokeP99Ms),
    ],
    [
      '(d) definition p50 / p99',
      `${fmt(nav.definition.p50)} / ${fmt(nav.definition.p99)} ms`,
      `${nav.definition.count} requests, ${nav.positions} positions, ${nav.definition.empty} empty`,
      '',
    ],
    [
      '(d) references p50 / p99',
      `${fmt(nav.references.p50)} / ${fmt(nav.references.p99)} ms`,
      `${nav.references.count} requests, avg ${nav.references.avgResults.toFixed(1)} locations`,
      '',
    ],
    [
      '(f) completion p50 / p99',
      `${fmt(schema.completion.p50)} / ${fmt(schema.completion.p99)} ms`,
      `${schema.completion.count} requests (arguments and references), ${schema.completion.empty} empty; target p99 ≤ ${TARGETS.completionP99Ms} ms`,
      verdict(schema.completion.p99 <= TARGETS.completionP99Ms),
    ],
    [
      '(f) hover p50 / p99',
      `${fmt(schema.hover.p50)} / ${fmt(schema.hover.p99)} ms`,
      `${schema.hover.count} requests, ${schema.hover.empty} empty; target p99 ≤ ${TARGETS.hoverP99Ms} ms`,
      verdict(schema.hover.p99 <= TARGETS.hoverP99Ms),
    ],
    [
      '(e) server RSS after indexing (+1 s)',
      `${rssSettled.rss.toFixed(0)} MB`,
      `at indexed ${rssAtIndexed.rss.toFixed(0)} MB, peak ${rssSettled.peak.toFixed(0)} MB; target ≤ ${TARGETS.rssMB} MB`,
      verdict(rssSettled.rss <= TARGETS.rssMB),
    ],
    [
      '    RSS after the keystroke/navigation runs',
      `${rssAfterAll.rss.toFixed(0)} MB`,
      `peak ${rssAfterAll.peak.toFixed(0)} MB`,
      '',
    ],
    [
      '    error diagnostics after indexing',
      `${errors}`,
      'the generated workspace should be clean',
      errors === 0 ? 'ok' : 'CHECK',
    ],
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length)));
  console.log('');
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  │ '));
  console.log('');
  const failed = rows.filter((r) => r[3] === 'FAIL').map((r) => r[0].trim());
  console.log(failed.length ? `TARGETS FAILED: ${failed.join('; ')}` : 'all targets met');
  const json = {
    node: process.version,
    cpus: os.cpus().length,
    loadavg: os.loadavg(),
    workspace: { files: files.length, resources: meta.resources, bytes, dirs },
    parseMs: { best: floor.best, first: floor.first },
    startupMs: median(cold, 'startup'),
    indexMs,
    indexRuns: cold,
    indexOverParse: ratio,
    indexOverWarmParse: indexMs / floor.best,
    keystroke: typing,
    definition: nav.definition,
    references: nav.references,
    completion: schema.completion,
    hover: schema.hover,
    rssMB: {
      atIndexed: rssAtIndexed.rss,
      settled: rssSettled.rss,
      peak: rssSettled.peak,
      afterRuns: rssAfterAll.rss,
    },
    errorDiagnostics: errors,
    targets: {
      indexOverParse: ratio <= TARGETS.indexOverParse,
      keystrokeP99: typing.p99 <= TARGETS.keystrokeP99Ms,
      rss: rssSettled.rss <= TARGETS.rssMB,
      completionP99: schema.completion.p99 <= TARGETS.completionP99Ms,
      hoverP99: schema.hover.p99 <= TARGETS.hoverP99Ms,
    },
  };
  console.log(`BENCH_JSON ${JSON.stringify(json)}`);
  if (CPU_PROF)
    console.log(`CPU profiles of the server runs are in ${path.relative(process.cwd(), RESULTS)}/`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`benchmark failed: ${error.stack ?? error}`);
    process.exit(0);
  },
);
