// Provider schema cost, measured in one run: load (read + gunzip + parse) time and heap growth of each shipped
// provider, the cost of decoding every aws type, and the size of the files that ship in the .vsix.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DirectorySchemaSource } from '../../server/src/service/schema/schemaSource';

const dir = path.join(__dirname, '../../server/schemas');
const heapMB = () => process.memoryUsage().heapUsed / 1048576;
const gc = (globalThis as { gc?: () => void }).gc;

async function main(): Promise<void> {
  const source = new DirectorySchemaSource(dir);
  const rows: string[][] = [];
  for (const { provider, version } of source.available()) {
    gc?.();
    const before = heapMB();
    const started = performance.now();
    const schema = await source.load(provider);
    const loadMs = performance.now() - started;
    gc?.();
    const loaded = heapMB();
    let decodeMs = 0;
    if (schema) {
      const t = performance.now();
      for (const type of schema.resourceTypes()) schema.resource(type);
      for (const type of schema.dataSourceTypes()) schema.dataSource(type);
      decodeMs = performance.now() - t;
    }
    gc?.();
    rows.push([
      `${provider} ${version}`,
      `${schema?.resourceTypes().length ?? 0} / ${schema?.dataSourceTypes().length ?? 0}`,
      `${loadMs.toFixed(0)} ms`,
      `+${(loaded - before).toFixed(1)} MB`,
      `${decodeMs.toFixed(0)} ms`,
      `+${(heapMB() - before).toFixed(1)} MB`,
    ]);
  }
  const header = [
    'provider',
    'resources / data',
    'load',
    'heap after load',
    'decode all types',
    'heap after decode',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i])).join('  │ '));
  const shipped = readdirSync(dir).reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
  console.log(
    `\nshipped schema files: ${(shipped / 1024).toFixed(0)} KB (the .vsix limit is 15 MB; npm run package prints its size)`,
  );
  if (!gc) console.log('(run with node --expose-gc for steadier heap figures: npm run bench:schemas does)');
}

void main();
