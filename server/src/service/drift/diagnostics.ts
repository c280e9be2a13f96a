// Drift as diagnostics: one per drifted attribute on the value's exact range, one on the block header for a
// resource the cloud no longer has. Each carries the data its quick fixes need.
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { Snapshot } from '../cloud/snapshot';
import { SOURCE } from '../features/diagnostics';
import type { SchemaView } from '../schemaView/types';
import type { TfDocument } from '../workspace/document';
import type { ModuleIndex } from '../workspace/moduleIndex';
import { compareResource, variableDefaults, type AttributeDrift, type PathSegment } from './compare';
import {
  codeResources,
  importTargets,
  matchResources,
  type MatchedInstance,
  type MatchResult,
} from './match';
import type { TerraformState } from './state';

export const DRIFT_CODE = 'drift';

export interface DriftSettings {
  severity: DiagnosticSeverity;
  /** The time ages are measured against. */
  now: Date | number;
  /** The code's module path in state (`module.network`); the root module when absent. */
  modulePath?: string;
  /** Provider schemas, when loaded: tell sets from lists. */
  schemas?: SchemaView;
}

/** What a drift diagnostic carries for its code actions (plain JSON: it travels through LSP). */
export interface DriftDiagnosticData {
  kind: 'attribute' | 'missing';
  /** The instance address, for `terraform plan -target=…`. */
  address: string;
  /** The ID `terraform import` would use. */
  importId: string;
  /** The resource block's index among its file's top-level blocks. */
  blockIndex: number;
  path?: PathSegment[];
  display?: string;
  ignorePath?: string;
  /** The live value (absent when the live side lacks it: `liveMissing`). */
  live?: unknown;
  liveMissing?: boolean;
  /** A map entry's whole `key = value` range: adopting a key the live side lacks removes it. */
  entryRange?: Range;
  /** False when there is no live value to adopt (a nested block with no live counterpart). */
  adoptable: boolean;
}

export interface InstanceDrift {
  instance: MatchedInstance;
  drifts: AttributeDrift[];
}

export interface DriftReport {
  match: MatchResult;
  instances: InstanceDrift[];
}

/** Matches the module's resources to the snapshot and compares every matched pair. */
export function computeDrift(
  module: ModuleIndex,
  snapshot: Snapshot,
  state: TerraformState | undefined,
  options: { modulePath?: string; schemas?: SchemaView } = {},
): DriftReport {
  const match = matchResources(codeResources(module), snapshot, state, {
    modulePath: options.modulePath,
    imports: importTargets(module),
  });
  const variables = variableDefaults(module);
  const instances: InstanceDrift[] = [];
  for (const instance of match.matched) {
    const drifts = compareResource(instance.code.block, instance.live, {
      variables,
      schema: options.schemas?.resource(instance.code.type),
    });
    if (drifts.length) instances.push({ instance, drifts });
  }
  return { match, instances };
}

interface CacheEntry {
  snapshot: Snapshot;
  state: TerraformState | undefined;
  modulePath: string | undefined;
  schemas: SchemaView | undefined;
  report: DriftReport;
}
const cache = new WeakMap<ModuleIndex, CacheEntry>();

/** computeDrift, remembered per module index (a new one is built whenever a file of the module changes). */
export function driftReport(
  module: ModuleIndex,
  snapshot: Snapshot,
  state: TerraformState | undefined,
  options: { modulePath?: string; schemas?: SchemaView } = {},
): DriftReport {
  const entry = cache.get(module);
  if (
    entry &&
    entry.snapshot === snapshot &&
    entry.state === state &&
    entry.modulePath === options.modulePath &&
    entry.schemas === options.schemas
  )
    return entry.report;
  const report = computeDrift(module, snapshot, state, options);
  cache.set(module, { snapshot, state, ...options, report } as CacheEntry);
  return report;
}

/** The drift diagnostics of one file of the module. */
export function driftDiagnostics(
  doc: TfDocument,
  module: ModuleIndex,
  snapshot: Snapshot,
  state: TerraformState | undefined,
  settings: DriftSettings,
): Diagnostic[] {
  const report = driftReport(module, snapshot, state, {
    modulePath: settings.modulePath,
    schemas: settings.schemas,
  });
  const age = humanAge(snapshot.takenAt, settings.now);
  const out: Diagnostic[] = [];
  const diagnostic = (range: Range, message: string, data: DriftDiagnosticData): Diagnostic => ({
    range,
    severity: settings.severity,
    source: SOURCE,
    code: DRIFT_CODE,
    message,
    data,
  });
  for (const { instance, drifts } of report.instances) {
    if (instance.code.uri !== doc.uri) continue;
    const when =
      instance.address === instance.code.address ? `scanned ${age}` : `${instance.address}, scanned ${age}`;
    for (const drift of drifts) {
      out.push(
        diagnostic(range(drift), `Drift: ${describe(drift)} (${when})`, {
          kind: 'attribute',
          address: instance.address,
          importId: instance.live.id,
          blockIndex: instance.code.blockIndex,
          path: drift.path,
          display: drift.display,
          ignorePath: drift.ignorePath,
          live: drift.liveMissing ? undefined : drift.live,
          liveMissing: drift.liveMissing,
          entryRange: drift.entryRange,
          adoptable: !drift.nestedBlock,
        }),
      );
    }
  }
  for (const missing of report.match.missing) {
    if (missing.code.uri !== doc.uri) continue;
    out.push(
      diagnostic(
        missing.code.block.headerRange,
        `Drift: ${missing.address} no longer exists in the cloud (scanned ${age})`,
        {
          kind: 'missing',
          address: missing.address,
          importId: missing.id,
          blockIndex: missing.code.blockIndex,
          adoptable: false,
        },
      ),
    );
  }
  return out.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

const range = (drift: AttributeDrift): Range => drift.range;

function describe(drift: AttributeDrift): string {
  if (drift.nestedBlock) return `live has no ${drift.display} block like this one`;
  if (drift.json && drift.detail) {
    const where = drift.detail.path ? `${drift.display} ${drift.detail.path}` : drift.display;
    return `live ${where} is ${show(drift.detail.live)}, code says ${show(drift.detail.code)}`;
  }
  return `live ${drift.display} is ${drift.liveMissing ? 'not set' : show(drift.live)}, code says ${show(drift.code)}`;
}

const MAX_SHOWN = 80;

/** A value as messages show it: strings quoted, lists and maps inline, long ones cut. */
export function show(value: unknown): string {
  const text = inline(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

function inline(value: unknown): string {
  if (value === undefined) return 'not set';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (!entries.length) return '{}';
    return `{ ${entries.map(([k, v]) => `${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k)} = ${inline(v)}`).join(', ')} }`;
  }
  return String(value);
}

/** "5 minutes ago": how long before `now` the snapshot was taken. */
export function humanAge(takenAt: string, now: Date | number): string {
  const ms = (typeof now === 'number' ? now : now.getTime()) - Date.parse(takenAt);
  const seconds = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000));
  const unit = (n: number, name: string) => `${n} ${name}${n === 1 ? '' : 's'} ago`;
  if (seconds < 60) return unit(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return unit(hours, 'hour');
  return unit(Math.floor(hours / 24), 'day');
}
