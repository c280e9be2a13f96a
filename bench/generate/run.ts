// Generation benchmark: every request of the shared intents file through the offline compiler, the renderer
// and the gate, measured in one run after one warm-up pass. Target: p99 ≤ 50 ms per request, gate included.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createGate } from '../../server/src/service/gate/gate';
import { generate } from '../../server/src/service/generate';
import { DirectorySchemaSource } from '../../server/src/service/schema/schemaSource';
import { createSchemaProvider } from '../../server/src/service/schemaView/fromSource';

const ROOT = path.join(__dirname, '../..');
const TARGET_P99_MS = 50;
const ROUNDS = Number(process.env.ROUNDS ?? 5);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
};

async function main(): Promise<void> {
  const file = [path.join(ROOT, '../shared/intents/intents.json'), '/work/shared/intents/intents.json'].find(
    (f) => existsSync(f),
  );
  if (!file) throw new Error('intents.json not found');
  const { cases } = JSON.parse(readFileSync(file, 'utf8')) as { cases: { id: string; intent: string }[] };
  const gate = await createGate({
    wasm: {
      runtimeWasm: require.resolve('web-tree-sitter/tree-sitter.wasm'),
      grammarWasm: require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'),
    },
    schemas: createSchemaProvider(new DirectorySchemaSource(path.join(ROOT, 'server/schemas'))),
  });
  const total: number[] = [];
  const compile: number[] = [];
  const gated: number[] = [];
  let failed = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    for (const c of cases) {
      const t0 = performance.now();
      const result = generate(c.intent);
      const t1 = performance.now();
      const verdict = await gate.run(result.files, { profile: result.env });
      const t2 = performance.now();
      if (round === 0) {
        if (!verdict.passed) failed++;
        continue; // warm-up
      }
      compile.push(t1 - t0);
      gated.push(t2 - t1);
      total.push(t2 - t0);
    }
  }
  const row = (name: string, v: number[]) =>
    `${name.padEnd(26)} p50 ${percentile(v, 0.5).toFixed(1).padStart(6)} ms   p99 ${percentile(v, 0.99).toFixed(1).padStart(6)} ms   max ${Math.max(
      ...v,
    )
      .toFixed(1)
      .padStart(6)} ms`;
  console.log(
    `${cases.length} requests × ${ROUNDS} rounds (after one warm-up round); node ${process.version}`,
  );
  console.log(row('compile + render', compile));
  console.log(row('gate', gated));
  console.log(row('request, gate included', total));
  const p99 = percentile(total, 0.99);
  console.log(
    `target p99 ≤ ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? 'PASS' : 'FAIL'}; gate failures: ${failed}`,
  );
  console.log(
    `BENCH_JSON ${JSON.stringify({ requests: cases.length, rounds: ROUNDS, p50: percentile(total, 0.5), p99, compileP99: percentile(compile, 0.99), gateP99: percentile(gated, 0.99), gateFailures: failed })}`,
  );
}

void main();
