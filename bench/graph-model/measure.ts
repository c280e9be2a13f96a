// Bundled by run.ts the way the server is bundled (esbuild, no tsx helpers in the hot paths), then run in a
// fresh process per workspace: indexes it the way the server does and times the graph builds.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeFileSystem } from '../../server/src/nodeFileSystem';
import { buildCodeGraph } from '../../server/src/service/graph/buildGraph';
import { getLanguageService } from '../../server/src/service/languageService';
import { DirectorySchemaSource } from '../../server/src/service/schema/schemaSource';
import { createSchemaProvider } from '../../server/src/service/schemaView/fromSource';
import { WorkspaceDriftSource } from '../../server/src/workspaceDriftSource';

/** Both wasm files, copied next to each other by run.ts, and the provider schemas, as in dist/. */
const WASM_DIR = process.env.WASM_DIR!;
const SCHEMAS_DIR = process.env.SCHEMAS_DIR!;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const folder = pathToFileURL(path.resolve(process.argv[2])).href;
  const logger = { info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };
  const drift = new WorkspaceDriftSource(() => [folder], logger);
  await drift.reloadSnapshot();
  const service = await getLanguageService({
    wasm: {
      runtimeWasm: path.join(WASM_DIR, 'tree-sitter.wasm'),
      grammarWasm: path.join(WASM_DIR, 'tree-sitter-terraform.wasm'),
    },
    fs: nodeFileSystem,
    logger,
    drift,
    schemas: createSchemaProvider(new DirectorySchemaSource(SCHEMAS_DIR, logger)),
  });
  let t = performance.now();
  const files = await service.indexFolder(folder);
  const indexMs = performance.now() - t;
  // The server publishes diagnostics right after indexing, which builds every directory's ModuleIndex.
  for (const dir of service.index.moduleDirectories()) service.index.module(dir);

  const timed = async (options = {}) => {
    const started = performance.now();
    const graph = await service.graph({ folderUri: folder, ...options });
    return { ms: performance.now() - started, graph };
  };
  // The code graph alone first (module graphs computed), then the first full graph (overlays computed).
  t = performance.now();
  buildCodeGraph(service.index, [folder], {}, { isCancellationRequested: false });
  const codeColdMs = performance.now() - t;
  const cold = await timed();
  const warm: number[] = [];
  for (let i = 0; i < 10; i++) warm.push((await timed()).ms);
  // An edit replaces one directory's ModuleIndex: its module graph and policy findings are computed again.
  const edited: number[] = [];
  const doc = [...service.index.allDocuments()].find((d) => /resources?_\d+\.tf$/.test(d.uri))!;
  await service.openDocument(doc.uri, 1, doc.text);
  for (let i = 0; i < 5; i++) {
    await service.changeDocument(doc.uri, i + 2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' },
    ]);
    edited.push((await timed()).ms);
  }
  const full = await timed({ includeVariables: true, includeOutputs: true });
  // Every directory changed at once (a branch switch), with the JIT warm: all caches recomputed.
  for (const d of [...service.index.allDocuments()]) await service.openDocument(d.uri, 100, d.text);
  const recomputed = await timed();
  t = performance.now();
  const json = JSON.stringify(cold.graph);
  const serializeMs = performance.now() - t;
  const count = (kind: string) => cold.graph.nodes.filter((n) => n.kind === kind).length;
  console.log(
    JSON.stringify({
      files,
      indexMs,
      nodes: cold.graph.nodes.length,
      edges: cold.graph.edges.length,
      resources: count('resource'),
      withDrift: cold.graph.nodes.filter((n) => n.drift && n.drift.status !== 'unknown').length,
      withPolicies: cold.graph.nodes.filter((n) => n.policies).length,
      withPlan: cold.graph.nodes.filter((n) => n.plan).length,
      codeColdMs,
      coldMs: cold.ms,
      recomputedMs: recomputed.ms,
      warmMs: median(warm),
      editedMs: median(edited),
      fullMs: full.ms,
      fullNodes: full.graph.nodes.length,
      fullEdges: full.graph.edges.length,
      serializeMs,
      jsonMB: json.length / 1048576,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
