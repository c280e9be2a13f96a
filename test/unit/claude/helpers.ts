import path from 'node:path';
import { createGate, type Gate } from '../../../server/src/service/gate/gate';
import {
  compileIntent,
  generate,
  type CompileOptions,
  type PlanSubmission,
} from '../../../server/src/service/generate';
import { claudeEngine, saneSettings, type ClaudeSettings } from '../../../server/src/service/claude';
import { generateStack, type StackResult } from '../../../server/src/service/generation/generateStack';
import { DirectorySchemaSource } from '../../../server/src/service/schema/schemaSource';
import { createSchemaProvider } from '../../../server/src/service/schemaView/fromSource';
import type { Logger } from '../../../server/src/service/workspace/fileSystem';
import { FakeAnthropic } from '../../helpers/fakeAnthropic';
import { ROOT, serviceWith, wasmFromNodeModules } from '../helpers/service';

export const API_KEY = 'sk-ant-api03-test-key-0123456789';
const SCHEMAS = path.join(__dirname, '../../../server/schemas');

let gate: Promise<Gate> | undefined;
/** One gate for every Claude test: it loads the shipped schemas once. */
export function sharedGate(): Promise<Gate> {
  gate ??= createGate({
    wasm: wasmFromNodeModules(),
    schemas: createSchemaProvider(new DirectorySchemaSource(SCHEMAS)),
  });
  return gate;
}

/**
 * The fake Messages API for the enclosing describe block, with mocha hooks that start and stop it. The gate loads
 * in the same hook, so its seconds of schema loading count against no test's time.
 */
export function fakeAnthropicForSuite(): FakeAnthropic {
  const fake = new FakeAnthropic();
  before(async () => {
    await fake.start();
    await sharedGate();
  });
  after(() => fake.stop());
  return fake;
}

/** What the offline compiler would plan, as the model submits it (without what Opsmith fills in). */
export function submissionFor(request: string, options: CompileOptions = {}): PlanSubmission {
  const { plan } = compileIntent(request, options);
  const { version: _v, envSource: _s, request: _r, profile: _p, ...submission } = plan;
  return submission;
}

/** Files the offline renderer makes for a request: a known-compliant free-form answer. */
export function compliantFiles(request: string, env: 'prod' | 'staging' | 'dev' = 'dev') {
  return generate(request, { env }).files;
}

export interface LogLines extends Logger {
  lines: string[];
}

export function recordingLogger(): LogLines {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}

/** generateStack with Claude (the real SDK against the fake server) over in-memory files of the folder `ROOT`. */
export async function generateWithClaude(
  fake: FakeAnthropic,
  request: string,
  options: {
    files?: Record<string, string>;
    settings?: Partial<ClaudeSettings>;
    env?: 'prod' | 'staging' | 'dev';
    logger?: Logger;
    signal?: AbortSignal;
    progress?: (message: string) => void;
  } = {},
): Promise<StackResult> {
  const service = await serviceWith(options.files ?? {});
  const engine = claudeEngine(
    { ...saneSettings({ ...options.settings }), baseUrl: fake.url, apiKey: API_KEY },
    options.logger,
  );
  return generateStack(
    { request, folderUri: ROOT, env: options.env },
    { index: service.index, gate: await sharedGate(), engine },
    undefined,
    { signal: options.signal, progress: options.progress },
  );
}

/** Findings as `stage code file:line`, for assertion messages. */
export function findings(result: StackResult): string[] {
  return result.gate.stages.flatMap((s) =>
    s.findings.map((f) => `${s.name} ${f.code} ${f.file}:${f.line} ${f.message}`),
  );
}
