import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { LiveResource, Snapshot, TypeScanStatus } from '../../../server/src/service/cloud/snapshot';
import { driftDiagnostics, type DriftSettings } from '../../../server/src/service/drift/diagnostics';
import { readState, type TerraformState } from '../../../server/src/service/drift/state';
import type { TfDocument } from '../../../server/src/service/workspace/document';
import type { ModuleIndex } from '../../../server/src/service/workspace/moduleIndex';
import { serviceWith, uri } from '../helpers/service';

export const TAKEN_AT = '2025-03-01T12:00:00.000Z';
/** Five minutes after the scan. */
export const NOW = Date.parse(TAKEN_AT) + 5 * 60 * 1000;

export function snapshot(resources: LiveResource[], types?: TypeScanStatus[]): Snapshot {
  const statuses =
    types ??
    [...new Set(resources.map((r) => `${r.type}|${r.region}`))].map((key) => {
      const [type, region] = key.split('|');
      return { type, region, state: 'ok' as const, count: 1, durationMs: 10 };
    });
  return {
    version: 1,
    takenAt: TAKEN_AT,
    account: '123456789012',
    regions: ['eu-west-1'],
    types: statuses,
    resources,
  };
}

export function ok(type: string, region = 'eu-west-1'): TypeScanStatus {
  return { type, region, state: 'ok', count: 0, durationMs: 5 };
}

export function failed(type: string, region = 'eu-west-1'): TypeScanStatus {
  return { type, region, state: 'failed', count: 0, error: 'AccessDenied', durationMs: 5 };
}

/** A v4 state file with the given managed instances. */
export function stateV4(
  resources: {
    type: string;
    name: string;
    module?: string;
    instances: { index_key?: string | number; attributes: Record<string, unknown> }[];
  }[],
): string {
  return JSON.stringify({
    version: 4,
    terraform_version: '1.9.8',
    serial: 12,
    lineage: '5b4c1e0e-2c0f-4c55-9a43-5e2f1f0a9b11',
    outputs: {},
    resources: resources.map((r) => ({
      ...(r.module ? { module: r.module } : {}),
      mode: 'managed',
      type: r.type,
      name: r.name,
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: r.instances.map((i) => ({ schema_version: 1, ...i, sensitive_attributes: [] })),
    })),
    check_results: null,
  });
}

export interface Workspace {
  doc: TfDocument;
  module: ModuleIndex;
  text: string;
  diagnostics(
    snapshot: Snapshot,
    state?: TerraformState | string,
    settings?: Partial<DriftSettings>,
  ): Diagnostic[];
}

/** Opens `main.tf` (and other files) in a service and computes drift diagnostics for main.tf. */
export async function workspace(files: Record<string, string>): Promise<Workspace> {
  const service = await serviceWith(files);
  const doc = service.index.get(uri('main.tf'))!;
  const module = service.index.moduleOf(uri('main.tf'));
  return {
    doc,
    module,
    text: files['main.tf'],
    diagnostics: (snap, state, settings = {}) =>
      driftDiagnostics(doc, module, snap, typeof state === 'string' ? readState(state) : state, {
        severity: DiagnosticSeverity.Warning,
        now: NOW,
        ...settings,
      }),
  };
}

/** `line:col-line:col message`, 1-based, for exact assertions. */
export function render(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map(
    (d) =>
      `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`,
  );
}
