import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Attribute, Block } from '../model/types';
import type { ProviderInfo } from '../schemaView/types';
import type { TfDocument } from '../workspace/document';
import { SOURCE } from './diagnostics';

type Version = [number, number, number];

function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Whether a version satisfies a Terraform version constraint such as `~> 6.0`, `>= 5.0, < 7.0` or `6.25.0`. */
export function satisfies(version: string, constraint: string): boolean {
  const v = parseVersion(version);
  if (!v) return true;
  return constraint.split(',').every((part) => {
    const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*(\S+)\s*$/.exec(part);
    if (!m) return true;
    const target = parseVersion(m[2]);
    if (!target) return true;
    const c = compare(v, target);
    switch (m[1] ?? '=') {
      case '=':
        return c === 0;
      case '!=':
        return c !== 0;
      case '>':
        return c > 0;
      case '>=':
        return c >= 0;
      case '<':
        return c < 0;
      case '<=':
        return c <= 0;
      case '~>': {
        // ~> 6.0 allows 6.x; ~> 6.2.1 allows 6.2.x: the last given component may rise.
        const given = m[2].split('.').length;
        if (c < 0) return false;
        return given <= 2 ? v[0] === target[0] : v[0] === target[0] && v[1] === target[1];
      }
    }
    return true;
  });
}

function unquote(text: string): string {
  const t = text.trim();
  return t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

/**
 * Where a module pins a provider version whose schema does not ship, one information diagnostic says which
 * schema the checks use instead, on the constraint (required_providers) or the locked version (lock file).
 */
export function providerVersionDiagnostics(doc: TfDocument, shipped: readonly ProviderInfo[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const bySource = new Map(shipped.map((p) => [p.source, p]));
  const note = (attribute: Attribute, provider: ProviderInfo, pinned: string, what: string) =>
    out.push({
      range: attribute.valueRange,
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      code: 'schema-version',
      message: `${what} ${pinned} of ${provider.source}; Opsmith ships the ${provider.version} schema and checks against it, so arguments added or removed between the two versions may be reported wrongly`,
    });
  if (doc.languageId === 'terraform-lock') {
    for (const block of doc.model.blocks) {
      if (block.type !== 'provider' || !block.labels[0]) continue;
      const source = block.labels[0].text.replace(/^registry\.terraform\.io\//, '');
      const provider = bySource.get(source);
      const version = block.attributes.find((a) => a.name === 'version');
      if (!provider || !version) continue;
      const locked = unquote(version.valueText);
      if (parseVersion(locked)?.[0] !== parseVersion(provider.version)?.[0])
        note(version, provider, locked, 'The lock file selects');
    }
    return out;
  }
  for (const { entry, provider, constraint } of pinnedShippedProviders(doc, shipped)) {
    if (!satisfies(provider.version, constraint))
      note(entry, provider, `"${constraint}"`, 'This module requires version');
  }
  return out;
}

/** Providers whose version constraint in these files excludes the shipped schema's version because it is newer. */
export function providersNewerThanShipped(
  docs: readonly TfDocument[],
  shipped: readonly ProviderInfo[],
): Set<string> {
  const out = new Set<string>();
  for (const doc of docs) {
    for (const { provider, constraint } of pinnedShippedProviders(doc, shipped)) {
      if (!satisfies(provider.version, constraint) && requiresNewer(provider.version, constraint))
        out.add(provider.name);
    }
  }
  return out;
}

/** True when some lower bound of the constraint is above the version. */
function requiresNewer(version: string, constraint: string): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  return constraint.split(',').some((part) => {
    const m = /^\s*(~>|>=|=|>)?\s*(\S+)\s*$/.exec(part);
    const bound = m && parseVersion(m[2]);
    return !!bound && compare(bound, v) > 0;
  });
}

/** `required_providers` entries with a version constraint for a provider whose schema ships. */
function pinnedShippedProviders(
  doc: TfDocument,
  shipped: readonly ProviderInfo[],
): { entry: Attribute; provider: ProviderInfo; constraint: string }[] {
  if (doc.languageId !== 'terraform') return [];
  const bySource = new Map(shipped.map((p) => [p.source, p]));
  const out: { entry: Attribute; provider: ProviderInfo; constraint: string }[] = [];
  for (const terraform of doc.model.blocks.filter((b) => b.type === 'terraform')) {
    for (const required of terraform.blocks.filter((b: Block) => b.type === 'required_providers')) {
      for (const entry of required.attributes) {
        const source = /source\s*=\s*"([^"]+)"/.exec(entry.valueText)?.[1] ?? `hashicorp/${entry.name}`;
        const constraint = /version\s*=\s*"([^"]+)"/.exec(entry.valueText)?.[1];
        const provider = bySource.get(source.replace(/^registry\.terraform\.io\//, ''));
        if (provider && constraint) out.push({ entry, provider, constraint });
      }
    }
  }
  return out;
}
