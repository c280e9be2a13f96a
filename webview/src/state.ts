// View settings the user chose, kept in the webview state so they survive the panel being hidden and restored
// (VS Code reloads the page then). Only plain JSON goes in here.
export type LayoutMode = 'layered' | 'force';
export type GroupBy = 'none' | 'module' | 'file';
export type FilterDimension = 'type' | 'file' | 'module' | 'status';
export const FILTER_DIMENSIONS: readonly FilterDimension[] = ['type', 'file', 'module', 'status'];

export interface ViewSettings {
  layout: LayoutMode;
  groupBy: GroupBy;
  /** Values switched off per dimension. Exclusions rather than inclusions, so that new types show up. */
  excluded: Record<FilterDimension, string[]>;
  /** Module ids ("module.net") drawn as a single node. */
  collapsed: string[];
  /** Last zoom transform, restored on reload instead of fitting again. */
  transform?: { x: number; y: number; k: number };
}

export function defaultSettings(): ViewSettings {
  return {
    layout: 'layered',
    groupBy: 'none',
    excluded: { type: [], file: [], module: [], status: [] },
    collapsed: [],
  };
}

/** Accepts whatever an older version (or nothing) left in the state; anything unexpected falls back. */
export function restoreSettings(saved: unknown): ViewSettings {
  const settings = defaultSettings();
  if (!saved || typeof saved !== 'object') return settings;
  const s = saved as Partial<ViewSettings>;
  if (s.layout === 'layered' || s.layout === 'force') settings.layout = s.layout;
  if (s.groupBy === 'none' || s.groupBy === 'module' || s.groupBy === 'file') settings.groupBy = s.groupBy;
  if (s.excluded && typeof s.excluded === 'object')
    for (const dimension of FILTER_DIMENSIONS) {
      const values = s.excluded[dimension];
      if (Array.isArray(values)) settings.excluded[dimension] = values.filter((v) => typeof v === 'string');
    }
  if (Array.isArray(s.collapsed)) settings.collapsed = s.collapsed.filter((v) => typeof v === 'string');
  const t = s.transform;
  if (t && [t.x, t.y, t.k].every((v) => typeof v === 'number' && Number.isFinite(v)) && t.k > 0)
    settings.transform = { x: t.x, y: t.y, k: t.k };
  return settings;
}
