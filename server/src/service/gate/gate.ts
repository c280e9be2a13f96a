// The validation gate: generated Terraform is written only when the language server's own checks and the policy
// set find nothing wrong with it.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { formatHcl, FormatError } from '../format/formatter';
import { getLanguageService, type LanguageService } from '../languageService';
import { evaluatePolicies, type PolicyFinding, type Profile } from '../policies';
import { inlineSkips } from '../policies/inlineSkips';
import type { SchemaProvider } from '../schemaView/schemaProvider';
import type { WasmLocation } from '../syntax/parser';
import type { TfDocument } from '../workspace/document';
import { silentLogger, type Logger } from '../workspace/fileSystem';

export interface GateFile {
  /** Relative to the target folder, with forward slashes: `main.tf`, `modules/net/main.tf`. */
  path: string;
  content: string;
}

export type GateStageName = 'parse' | 'references' | 'schema' | 'format' | 'policies';

export interface GateFinding {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  /** The diagnostic code (`syntax`, `undeclared-resource`, `unknown-attribute`, `fmt`) or the policy check id. */
  code: string;
}

export interface GateStage {
  name: GateStageName;
  passed: boolean;
  findings: GateFinding[];
}

export interface GateResult {
  passed: boolean;
  stages: GateStage[];
  /** The policy findings in full (ranges, checkov ids, quick fixes), for callers that show or fix them. */
  policyFindings: (PolicyFinding & { file: string })[];
  /** Policy findings waived by an inline `# checkov:skip=ID: reason` in the resource, with that reason. */
  skipped: { file: string; address: string; checkov: string; checkId: string; reason: string }[];
  durationMs: number;
}

export interface GateDeps {
  wasm: WasmLocation;
  /** The pinned provider schemas; without them the schema stage cannot verify anything and fails. */
  schemas: SchemaProvider;
  logger?: Logger;
  /** Profile the policies are evaluated for; prod (the strictest) by default. */
  profile?: Profile;
  /** Files already in the target folder: references into them resolve; they are not themselves checked. */
  existing?: GateFile[];
}

export interface GateRunOptions {
  profile?: Profile;
  existing?: GateFile[];
}

export interface Gate {
  run(files: GateFile[], options?: GateRunOptions): Promise<GateResult>;
  /** The language service the gate uses (one per gate, reused by every run). */
  readonly service: LanguageService;
}

const STAGES: GateStageName[] = ['parse', 'references', 'schema', 'format', 'policies'];
const ROOT = 'file:///opsmith-gate';

function isTerraform(path: string): boolean {
  return path.endsWith('.tf') || path.endsWith('.tfvars');
}

function stageOf(d: Diagnostic): GateStageName | undefined {
  const code = String(d.code ?? '');
  if (code === 'syntax') return 'parse';
  if (code.startsWith('undeclared-') || code === 'duplicate' || code === 'duplicate-attribute')
    return 'references';
  if (d.severity === DiagnosticSeverity.Error) return 'schema';
  return undefined;
}

function providersOf(doc: TfDocument): string[] {
  const out: string[] = [];
  for (const block of doc.model.blocks) {
    const type = block.labels[0]?.text;
    if ((block.type === 'resource' || block.type === 'data' || block.type === 'ephemeral') && type) {
      const i = type.indexOf('_');
      out.push(i > 0 ? type.slice(0, i) : type);
    }
  }
  return out;
}

/**
 * A gate with one language service, created once (wasm, parser, schema loading) and reused by every run: each run
 * opens its files under a URI namespace of its own and removes them afterwards, so concurrent runs do not see
 * each other.
 */
export async function createGate(deps: GateDeps): Promise<Gate> {
  const logger = deps.logger ?? silentLogger;
  const service = await getLanguageService({ wasm: deps.wasm, schemas: deps.schemas, logger });
  const shipped = new Set(deps.schemas.shipped().map((p) => p.name));
  let runs = 0;

  const settled = new Set<string>();
  /**
   * Loads the schemas of these providers. ensureLoaded resolves at once for a provider whose load another caller
   * (the service itself, on opening a file) already started, so wait until the view has it: once per provider,
   * so a schema that fails to load costs one wait, not one per run.
   */
  async function ensureSchemas(providers: Set<string>): Promise<void> {
    const wanted = [...providers].filter((p) => shipped.has(p) && !settled.has(p));
    if (wanted.length === 0) return;
    await deps.schemas.ensureLoaded(wanted);
    const deadline = Date.now() + 10_000;
    while (wanted.some((p) => !deps.schemas.view().providerOf(`${p}_`)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (const p of wanted) settled.add(p);
  }
  // Every shipped schema up front: the first run then costs no more than the others.
  await ensureSchemas(shipped);

  async function run(files: GateFile[], options: GateRunOptions = {}): Promise<GateResult> {
    const started = performance.now();
    const base = `${ROOT}/run-${++runs}`;
    const uriOf = (path: string) => `${base}/${path.replace(/\\/g, '/').replace(/^\.?\//, '')}`;
    const generated = new Map<string, GateFile>();
    for (const f of files) if (isTerraform(f.path)) generated.set(uriOf(f.path), f);
    const context = new Map<string, GateFile>();
    for (const f of options.existing ?? deps.existing ?? []) {
      const uri = uriOf(f.path);
      if (isTerraform(f.path) && !generated.has(uri)) context.set(uri, f);
    }
    const opened: string[] = [];
    const stages = new Map<GateStageName, GateFinding[]>(STAGES.map((s) => [s, []]));
    const add = (stage: GateStageName, f: GateFinding) => stages.get(stage)!.push(f);
    let policyFindings: (PolicyFinding & { file: string })[] = [];
    const skipped: GateResult['skipped'] = [];
    try {
      const docs: TfDocument[] = [];
      for (const [uri, f] of [...context, ...generated]) {
        const doc = await service.openDocument(uri, 1, f.content);
        opened.push(uri);
        if (doc) docs.push(doc);
      }
      // Diagnostics read whatever schemas are loaded: load the ones these files use first.
      await ensureSchemas(new Set(docs.flatMap(providersOf)));

      for (const [uri, f] of generated) {
        const doc = service.index.get(uri);
        if (!doc) {
          add('parse', {
            file: f.path,
            line: 1,
            column: 1,
            message: 'The file could not be parsed',
            code: 'syntax',
          });
          continue;
        }
        for (const d of service.diagnostics(uri)) {
          const stage = stageOf(d);
          if (!stage) continue;
          add(stage, {
            file: f.path,
            line: d.range.start.line + 1,
            column: d.range.start.character + 1,
            message: typeof d.message === 'string' ? d.message : d.message.value,
            code: String(d.code ?? ''),
          });
        }
        // Types of providers without a shipped schema cannot be verified: the schema stage says so.
        for (const block of doc.model.blocks) {
          const label = block.labels[0];
          if (!label || (block.type !== 'resource' && block.type !== 'data')) continue;
          const i = label.text.indexOf('_');
          const provider = i > 0 ? label.text.slice(0, i) : label.text;
          if (shipped.has(provider)) continue;
          add('schema', {
            file: f.path,
            line: label.range.start.line + 1,
            column: label.range.start.character + 1,
            message: `No provider schema for "${label.text}" (provider "${provider}"): its arguments cannot be verified`,
            code: 'unknown-provider',
          });
        }
        // A file that does not parse fails the parse stage; formatting it would only repeat that.
        if (doc.model.syntaxProblems.length > 0) continue;
        try {
          const formatted = formatHcl(f.content);
          if (formatted !== f.content) {
            const at = firstDifference(f.content, formatted);
            add('format', {
              file: f.path,
              line: at.line,
              column: at.column,
              message: 'Not formatted as terraform fmt would format it',
              code: 'fmt',
            });
          }
        } catch (e) {
          const error = e as Error;
          add('format', {
            file: f.path,
            line: error instanceof FormatError ? error.line : 1,
            column: error instanceof FormatError ? error.column : 1,
            message: `Cannot be formatted: ${error.message}`,
            code: 'fmt',
          });
        }
      }

      // Policies see the whole folder (a new bucket's versioning may live in an existing file) but only findings
      // in the generated files count.
      const reportFor = new Set(generated.keys());
      const byUri = new Map(docs.map((d) => [d.uri, d]));
      const dirs = new Map<string, TfDocument[]>();
      for (const doc of byUri.values()) {
        if (doc.languageId !== 'terraform') continue;
        const dir = doc.uri.slice(0, doc.uri.lastIndexOf('/'));
        let list = dirs.get(dir);
        if (!list) dirs.set(dir, (list = []));
        list.push(doc);
      }
      const profile = options.profile ?? deps.profile ?? 'prod';
      for (const list of dirs.values()) {
        const skipsByUri = new Map(list.map((d) => [d.uri, inlineSkips(d)]));
        for (const finding of evaluatePolicies(
          list.map((d) => ({ uri: d.uri, model: d.model })),
          { profile, reportFor },
        )) {
          const file = generated.get(finding.uri)!.path;
          const reason =
            finding.checkov && skipsByUri.get(finding.uri)?.get(finding.address)?.get(finding.checkov);
          if (reason) {
            skipped.push({
              file,
              address: finding.address,
              checkov: finding.checkov!,
              checkId: finding.checkId,
              reason,
            });
            continue;
          }
          policyFindings.push({ ...finding, file });
          add('policies', {
            file,
            line: finding.range.start.line + 1,
            column: finding.range.start.character + 1,
            message: `${finding.title}${finding.checkov ? ` [${finding.checkov}]` : ''}: ${finding.message}`,
            code: finding.checkId,
          });
        }
      }
    } finally {
      for (const uri of opened) {
        await service.closeDocument(uri);
        service.fileDeletedOnDisk(uri);
      }
    }
    policyFindings = policyFindings.sort(
      (a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line,
    );
    const result: GateStage[] = STAGES.map((name) => {
      const findings = stages
        .get(name)!
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
      return { name, passed: findings.length === 0, findings };
    });
    return {
      passed: result.every((s) => s.passed),
      stages: result,
      policyFindings,
      skipped,
      durationMs: performance.now() - started,
    };
  }

  return { run, service };
}

/** Runs the gate once with a language service of its own; use createGate to check many results quickly. */
export async function runGate(files: GateFile[], deps: GateDeps): Promise<GateResult> {
  const gate = await createGate(deps);
  return gate.run(files);
}

function firstDifference(a: string, b: string): { line: number; column: number } {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const before = a.slice(0, i);
  const line = before.split('\n').length;
  return { line, column: i - before.lastIndexOf('\n') };
}

/** One line per finding, for logs and the CLI: `main.tf:12:3 [policies OPS-RDS-001] …`. */
export function describeGateResult(result: GateResult): string {
  const lines: string[] = [];
  for (const stage of result.stages) {
    for (const f of stage.findings)
      lines.push(`${f.file}:${f.line}:${f.column} [${stage.name} ${f.code}] ${f.message}`);
  }
  lines.push(
    `gate ${result.passed ? 'passed' : 'failed'}: ${result.stages.map((s) => `${s.name} ${s.passed ? 'ok' : `${s.findings.length} finding(s)`}`).join(', ')} (${result.durationMs.toFixed(1)} ms)`,
  );
  return lines.join('\n');
}
