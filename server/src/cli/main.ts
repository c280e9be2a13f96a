import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeFileSystem } from '../nodeFileSystem';
import { createGate } from '../service/gate/gate';
import { getLanguageService } from '../service/languageService';
import { DirectorySchemaSource } from '../service/schema/schemaSource';
import { createSchemaProvider } from '../service/schemaView/fromSource';
import { generateStack, type GenerationEngine } from '../service/generation/generateStack';
import { offlineEngine } from '../service/generation/offlineEngine';
import { claudeEngine, ModelError, saneSettings } from '../service/claude';
import { parseArgs, parseCloudArgs, USAGE, UsageError, type GenerateArgs } from './args';
import { discover, drift } from './cloud';
import { progressToStderr, usageLine } from './progress';
import { formatReport } from './report';

const stderrLogger = {
  info: () => undefined,
  warn: (m: string) => process.stderr.write(`opsmith: ${m}\n`),
  error: (m: string) => process.stderr.write(`opsmith: ${m}\n`),
};

/** The offline compiler, or Claude with the key from ANTHROPIC_API_KEY (never a command-line argument). */
function engineFor(args: GenerateArgs): GenerationEngine | string {
  if (args.model !== 'claude') return offlineEngine;
  const apiKey = process.env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey) return 'opsmith: --model claude needs an API key in ANTHROPIC_API_KEY';
  return claudeEngine({ ...saneSettings(args.claude), apiKey }, stderrLogger);
}

async function main(argv: string[]): Promise<number> {
  const wasm = {
    runtimeWasm: path.join(__dirname, 'tree-sitter.wasm'),
    grammarWasm: path.join(__dirname, 'tree-sitter-terraform.wasm'),
  };
  if (argv[0] === 'discover' || argv[0] === 'drift') {
    try {
      const cloudArgs = parseCloudArgs(argv);
      return cloudArgs.command === 'discover'
        ? await discover(cloudArgs)
        : await drift(cloudArgs, wasm, path.join(__dirname, 'schemas'));
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`opsmith: ${error.message}\n\n${USAGE}\n`);
        return 2;
      }
      process.stderr.write(`opsmith: ${(error as Error).message}\n`);
      return 1;
    }
  }
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`opsmith: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  const schemas = createSchemaProvider(new DirectorySchemaSource(path.join(__dirname, 'schemas')));
  const folder = path.resolve(args.out ?? process.cwd());
  const folderUri = pathToFileURL(folder).href;
  const service = await getLanguageService({ wasm, fs: nodeFileSystem });
  if (args.out && existsSync(folder)) await service.indexFolder(folderUri);
  const engine = engineFor(args);
  if (typeof engine === 'string') {
    process.stderr.write(`${engine}\n`);
    return 2;
  }
  const gate = await createGate({ wasm, schemas });
  let result;
  try {
    result = await generateStack(
      { request: args.request, folderUri, region: args.region, env: args.env },
      { index: service.index, gate, engine },
      undefined,
      { progress: args.model === 'claude' ? progressToStderr() : undefined },
    );
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    process.stderr.write(`\nopsmith: ${error.message}\n`);
    return 1;
  }
  if (result.model) process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}${usageLine(result.model)}\n`);

  if (result.files.length === 0) {
    process.stdout.write(
      args.json
        ? `${JSON.stringify({ ...result, written: [] }, null, 2)}\n`
        : `Nothing to generate: no infrastructure was recognised in the request.\nNot understood: ${result.notUnderstood.join('; ') || '(nothing)'}\n`,
    );
    return 1;
  }
  let written: string[] = [];
  if (args.out && result.gate.passed) {
    const clashes = result.files.filter((f) => f.previous !== undefined && f.previous !== f.content);
    if (clashes.length && !args.force) {
      process.stderr.write(
        `opsmith: not writing anything: ${clashes.map((f) => f.path).join(', ')} already exist(s) with other content (use --force to replace)\n`,
      );
      return 1;
    }
    for (const file of result.files) {
      const target = path.join(folder, file.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.content);
    }
    written = result.files.map((f) => path.join(folder, f.path));
  }
  process.stdout.write(
    args.json
      ? `${JSON.stringify({ ...result, written }, null, 2)}\n`
      : formatReport(args.request, result, { printFiles: !args.out, written }),
  );
  return result.gate.passed ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`opsmith: ${error.stack ?? error.message}\n`);
    process.exit(3);
  },
);
