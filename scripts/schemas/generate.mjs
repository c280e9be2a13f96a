#!/usr/bin/env node
// `npm run schemas`: regenerates server/schemas/ (one <provider>.json.gz per provider and index.json) from the
// pinned @cdktf/provider-* packages (scripts/schemas/providers.mjs), downloaded once with `npm pack` into
// $OPSMITH_CACHE or ~/.cache/opsmith-schemas. Nothing is installed into node_modules.
//
//   node scripts/schemas/generate.mjs [--check] [--out <dir>]
//
//   --check   regenerate in memory and exit 1 if any committed file differs (in its decompressed content)
//   --out     write somewhere other than server/schemas/
//
// Why gzip: aws.json is ~2.2 MB of one-type-per-line JSON that nobody edits; gzipped it is ~10x smaller in the
// repository and the installed extension, costs a few milliseconds to gunzip at load, and stays out of prettier's
// `--check .` (which would otherwise reformat a generated file). Files are compared and rewritten by their
// decompressed content, so a different zlib build never causes churn.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { FORMAT_VERSION, convertPackage, serialize } from './convert.mjs';
import { PROVIDERS, cacheDir, ensurePackage } from './providers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const outArg = args.indexOf('--out');
const outDir = outArg >= 0 ? path.resolve(args[outArg + 1]) : path.join(root, 'server', 'schemas');

function countAttributes(block) {
  let n = Object.keys(block.a ?? {}).length;
  for (const b of Object.values(block.b ?? {})) n += countAttributes(b);
  return n;
}

function readGz(file) {
  try {
    return zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
  } catch {
    return undefined;
  }
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const started = Date.now();
const cache = cacheDir();
const index = { format: FORMAT_VERSION, providers: {} };
const differing = [];
let failed = false;
for (const p of PROVIDERS) {
  const t0 = Date.now();
  const pkgDir = ensurePackage(p, cache);
  const { schema, issues } = convertPackage(pkgDir, { provider: p.name, source: p.source });
  if (issues.length) {
    failed = true;
    console.error(`[schemas] ${p.package}@${p.version}: ${issues.length} problem(s):`);
    for (const i of issues.slice(0, 50)) console.error(`  ${i}`);
    continue;
  }
  const text = serialize(schema);
  const file = `${p.name}.json.gz`;
  index.providers[p.name] = {
    file,
    generatedFrom: schema.generatedFrom,
    source: schema.source,
    version: schema.version,
  };
  const target = path.join(outDir, file);
  const same = readGz(target) === text;
  let gzBytes;
  if (!same && check) differing.push(file);
  else if (!same) {
    fs.mkdirSync(outDir, { recursive: true });
    const gz = zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
    fs.writeFileSync(target, gz);
    gzBytes = gz.length;
  } else gzBytes = fs.statSync(target).size;
  const resources = Object.values(schema.resources);
  const data = Object.values(schema.dataSources);
  const attrs = [...resources, ...data].reduce((n, b) => n + countAttributes(b), 0);
  console.log(
    `[schemas] ${p.name} ${schema.version} (${schema.generatedFrom}): ${resources.length} resources, ` +
      `${data.length} data sources, ${attrs} attributes; ${Buffer.byteLength(text)} bytes, ` +
      `${gzBytes ?? '?'} gzipped; ${same ? 'unchanged' : check ? 'DIFFERS' : 'written'} in ${Date.now() - t0} ms`,
  );
}
if (failed) {
  console.error('[schemas] conversion problems: nothing trustworthy to write for those providers');
  process.exit(1);
}
const indexText = `${JSON.stringify(index, null, 2)}\n`;
const indexFile = path.join(outDir, 'index.json');
if (readText(indexFile) !== indexText) {
  if (check) differing.push('index.json');
  else {
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(indexFile, indexText);
  }
}
if (check && differing.length) {
  console.error(
    `[schemas] out of date in ${path.relative(root, outDir)}: ${differing.join(', ')} (run npm run schemas)`,
  );
  process.exit(1);
}
console.log(`[schemas] ${check ? 'checked' : 'done'} in ${Date.now() - started} ms (cache: ${cache})`);
