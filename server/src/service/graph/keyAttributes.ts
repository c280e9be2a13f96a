import type { Block } from '../model/types';

/** Arguments that say what a resource is at a glance, in the order a hover lists them. */
const RESOURCE_KEYS = [
  'count',
  'for_each',
  'name',
  'bucket',
  'identifier',
  'function_name',
  'cluster_identifier',
  'table_name',
  'instance_type',
  'instance_class',
  'node_type',
  'engine',
  'engine_version',
  'runtime',
  'handler',
  'cidr_block',
  'ami',
  'image_id',
  'family',
  'port',
  'protocol',
  'availability_zone',
  'domain_name',
];
const MODULE_KEYS = ['source', 'version', 'count', 'for_each'];
const VARIABLE_KEYS = ['type', 'default', 'description'];
const OUTPUT_KEYS = ['value', 'description'];

const MAX_ATTRIBUTES = 6;
const MAX_VALUE = 60;

const rankOf = (keys: string[]) => new Map(keys.map((key, rank) => [key, rank]));
const RESOURCE_RANKS = rankOf(RESOURCE_KEYS);
const RANKS: Record<string, Map<string, number>> = {
  module: rankOf(MODULE_KEYS),
  variable: rankOf(VARIABLE_KEYS),
  output: rankOf(OUTPUT_KEYS),
};

/** A handful of the block's arguments, values as written (whitespace collapsed, long ones cut). */
export function keyAttributes(kind: string, block: Block): { name: string; value: string }[] {
  const ranks = RANKS[kind] ?? RESOURCE_RANKS;
  const found: { rank: number; name: string; valueText: string }[] = [];
  for (const attribute of block.attributes) {
    const rank = ranks.get(attribute.name);
    if (rank !== undefined) found.push({ rank, name: attribute.name, valueText: attribute.valueText });
  }
  return found
    .sort((a, b) => a.rank - b.rank)
    .slice(0, MAX_ATTRIBUTES)
    .map(({ name, valueText }) => ({ name, value: shorten(valueText) }));
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_VALUE ? `${flat.slice(0, MAX_VALUE - 1)}…` : flat;
}
