import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeFileSystem } from '../nodeFileSystem';
import { AwsScanner } from '../service/cloud/aws/scanner';
import { scanWorkspace } from '../service/cloud/scanWorkspace';
import { readSnapshot } from '../service/cloud/snapshotStore';
import type { WasmLocation } from '../service/syntax/parser';
import { getLanguageService } from '../service/languageService';
import { DirectorySchemaSource } from '../service/schema/schemaSource';
import { createSchemaProvider } from '../service/schemaView/fromSource';
import { WorkspaceDriftSource } from '../workspaceDriftSource';
import type { CloudArgs } from './args';

const quiet = {
  info: () => undefined,
  warn: (m: string) => process.stderr.write(`${m}\n`),
  error: (m: string) => process.stderr.write(`${m}\n`),
};

export async function discover(args: CloudArgs): Promise<number> {
  const folder = path.resolve(args.dir);
  const result = await scanWorkspace(
    new AwsScanner(),
    { folder, regions: args.regions, profile: args.profile, endpoint: args.endpoint },
    (p) => {
      if (!args.json) process.stderr.write(`\r${p.done} of ${p.total} ${p.message}`.padEnd(70));
    },
  );
  if (!args.json) process.stderr.write('\n');
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ snapshotPath: result.snapshotPath, resources: result.resources, failed: result.failed, account: result.account }, null, 2)}\n`,
    );
  } else {
    const byType = new Map<string, number>();
    for (const r of result.snapshot.resources) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
    process.stdout.write(
      `Scanned ${result.resources} resources${result.account ? ` in account ${result.account}` : ''} (${args.regions.join(', ')}) in ${result.durationMs} ms\n`,
    );
    for (const [type, count] of [...byType].sort()) process.stdout.write(`  ${type.padEnd(50)} ${count}\n`);
    for (const f of result.failed)
      process.stdout.write(`  could not list ${f.type} in ${f.region}: ${f.error} (unknown, not deleted)\n`);
    process.stdout.write(`Snapshot: ${result.snapshotPath}\n`);
  }
  return 0;
}

export async function drift(args: CloudArgs, wasm: WasmLocation, schemaDir: string): Promise<number> {
  const folder = path.resolve(args.dir);
  const snapshot = await readSnapshot(folder);
  if (!snapshot) {
    process.stderr.write(
      `opsmith: no scan in ${folder}/.opsmith/snapshots; run \`opsmith discover ${args.dir}\` first\n`,
    );
    return 1;
  }
  const root = pathToFileURL(folder).href;
  const source = new WorkspaceDriftSource(() => [root], quiet);
  await source.reloadSnapshot();
  const schemas = createSchemaProvider(new DirectorySchemaSource(schemaDir));
  await schemas.ensureLoaded(['aws']);
  const service = await getLanguageService({ wasm, fs: nodeFileSystem, schemas, drift: source });
  await service.indexFolder(root);
  const findings: { file: string; line: number; column: number; message: string }[] = [];
  for (const doc of service.index.allDocuments()) {
    for (const d of service.diagnostics(doc.uri)) {
      if (d.code !== 'drift') continue;
      findings.push({
        file: path.relative(folder, new URL(doc.uri).pathname),
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        message: String(d.message),
      });
    }
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  if (args.json)
    process.stdout.write(`${JSON.stringify({ takenAt: snapshot.takenAt, drift: findings }, null, 2)}\n`);
  else if (findings.length === 0) process.stdout.write(`No drift against the scan of ${snapshot.takenAt}.\n`);
  else for (const f of findings) process.stdout.write(`${f.file}:${f.line}:${f.column} ${f.message}\n`);
  return findings.length ? 2 : 0;
}
