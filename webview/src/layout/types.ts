// Shapes shared by both layouts and by the renderer. Layouts work on sizes and ids only — no DOM, no protocol
// types — so they run (and are unit-tested) in plain node.

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
  /** Nodes with the same group are kept together (a band in the layered layout, a cluster in the force one). */
  group?: string;
}

/** Flow direction: `from` is drawn to the left of `to` (a dependency left of what depends on it). */
export interface LayoutEdge {
  from: string;
  to: string;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GroupBox extends Box {
  group: string;
}

export interface LayoutResult {
  /** Top-left corner of each node's box. */
  positions: Map<string, { x: number; y: number }>;
  /** Column of each node; absent in the force layout. Keyboard navigation uses it for layer neighbours. */
  layers?: Map<string, number>;
  groups: GroupBox[];
  bounds: Box;
}

export interface LayeredOptions {
  /** Vertical gap between two rows of a column. */
  rowGap?: number;
  /** Horizontal gap between columns (edges run in it). */
  columnGap?: number;
  /** Space between group bands, and above each band for its label. */
  groupGap?: number;
  groupHeader?: number;
  /** Ordering sweeps (each one down and one up); capped so big graphs stay fast. */
  sweeps?: number;
  /** Previous centre y of nodes, so an update keeps the order the user already saw. */
  previousY?: Map<string, number>;
  /** Previous left x of nodes: a column keeps its place unless a wider column before it pushes it right. */
  previousX?: Map<string, number>;
  /** Group order (bands top to bottom); groups not listed follow in order of first appearance. */
  groupOrder?: string[];
}
