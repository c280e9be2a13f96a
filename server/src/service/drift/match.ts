// Matching resource blocks in code to resources the scan saw: by Terraform state first (address → cloud ID), then
// by `import` blocks, then by identifying attributes (name, bucket, identifier, function_name, the Name tag).
import type { LiveResource, Snapshot } from '../cloud/snapshot';
import type { Block } from '../model/types';
import type { ModuleIndex } from '../workspace/moduleIndex';
import { literalValue, NOT_LITERAL, type Literal } from './compare';
import { resourceKey, stripInstanceKeys, type StateInstance, type TerraformState } from './state';

export interface CodeResource {
  /** `aws_instance.web`: the address inside its module. */
  address: string;
  type: string;
  name: string;
  uri: string;
  block: Block;
  /** The block's index in its file's top-level blocks. */
  blockIndex: number;
  /** Has `count` or `for_each`: its instances are only known from state. */
  repeated: boolean;
  /** The region of the provider configuration it uses, when that is a literal. */
  region?: string;
}

export type MatchedBy = 'state' | 'import' | 'attribute';

export interface MatchedInstance {
  code: CodeResource;
  /** The full instance address: `module.net.aws_subnet.private["a"]`. */
  address: string;
  live: LiveResource;
  by: MatchedBy;
  state?: StateInstance;
}

/** A resource that state (or an import block) says exists, which a complete scan of its type did not see. */
export interface MissingInstance {
  code: CodeResource;
  address: string;
  id: string;
  region?: string;
  by: 'state' | 'import';
}

export interface MatchResult {
  matched: MatchedInstance[];
  missing: MissingInstance[];
  /** Code resources nothing ties to a live resource: not created yet, or of a type the scan could not list. */
  unknown: { code: CodeResource; address: string; reason: string }[];
  /** Live resources neither state nor this module's code manages. */
  unmanaged: LiveResource[];
}

export interface MatchOptions {
  /** The module path of the code's directory in state (`module.network`); the root module when absent. */
  modulePath?: string;
  /** `import` blocks: `to` address (as written, root-module relative) → ID. */
  imports?: ImportTarget[];
}

export interface ImportTarget {
  to: string;
  id: string;
}

/** The identifying attributes, in the order they are tried. */
const IDENTIFYING = ['name', 'bucket', 'identifier', 'function_name', 'cluster_identifier', 'table_name'];

/** The resource blocks of a module directory, with the region of the provider each uses. */
export function codeResources(module: ModuleIndex): CodeResource[] {
  const regions = providerRegions(module);
  const out: CodeResource[] = [];
  for (const doc of module.documents) {
    if (doc.languageId !== 'terraform') continue;
    doc.model.blocks.forEach((block, blockIndex) => {
      if (block.type !== 'resource' || block.labels.length < 2) return;
      const [type, name] = [block.labels[0].text, block.labels[1].text];
      const provider = block.attributes.find((a) => a.name === 'provider')?.valueText.trim();
      out.push({
        address: `${type}.${name}`,
        type,
        name,
        uri: doc.uri,
        block,
        blockIndex,
        repeated: block.attributes.some((a) => a.name === 'count' || a.name === 'for_each'),
        region: regions.get(provider ?? type.split('_')[0]),
      });
    });
  }
  return out;
}

/** Literal `region`s of provider configurations: `aws` and `aws.<alias>` → region. */
function providerRegions(module: ModuleIndex): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of module.documents) {
    if (doc.languageId !== 'terraform') continue;
    for (const block of doc.model.blocks) {
      if (block.type !== 'provider' || !block.labels[0]) continue;
      const value = (name: string) => {
        const attribute = block.attributes.find((a) => a.name === name);
        const v = attribute ? literalValue(attribute.valueText) : NOT_LITERAL;
        return typeof v === 'string' ? v : undefined;
      };
      const region = value('region');
      const alias = value('alias');
      if (region) out.set(alias ? `${block.labels[0].text}.${alias}` : block.labels[0].text, region);
    }
  }
  return out;
}

/** `import { to = ADDR, id = "…" }` blocks with a literal ID and no for_each. */
export function importTargets(module: ModuleIndex): ImportTarget[] {
  const out: ImportTarget[] = [];
  for (const doc of module.documents) {
    if (doc.languageId !== 'terraform') continue;
    for (const block of doc.model.blocks) {
      if (block.type !== 'import' || block.attributes.some((a) => a.name === 'for_each')) continue;
      const to = block.attributes.find((a) => a.name === 'to')?.valueText.replace(/\s+/g, '');
      const idAttribute = block.attributes.find((a) => a.name === 'id');
      const id = idAttribute ? literalValue(idAttribute.valueText) : NOT_LITERAL;
      if (to && typeof id === 'string') out.push({ to, id });
    }
  }
  return out;
}

/** Live resources indexed for lookups by ID, ARN and identifying attributes. */
class LiveIndex {
  private readonly byId = new Map<string, LiveResource[]>();
  private byIdentity?: Map<string, LiveResource[]>;

  constructor(private readonly resources: LiveResource[]) {
    for (const live of resources) {
      this.add(this.byId, `${live.type}\u0000${live.id}`, live);
      const id = live.attributes.id;
      if (typeof id === 'string' && id !== live.id) this.add(this.byId, `${live.type}\u0000${id}`, live);
      if (live.arn && live.arn !== live.id) this.add(this.byId, `${live.type}\u0000${live.arn}`, live);
    }
  }

  private add(map: Map<string, LiveResource[]>, key: string, live: LiveResource): void {
    const list = map.get(key);
    if (!list) map.set(key, [live]);
    else if (!list.includes(live)) list.push(live);
  }

  byIdIn(type: string, id: string, region: string | undefined): LiveResource | undefined {
    const candidates = this.byId.get(`${type}\u0000${id}`);
    if (!candidates) return undefined;
    return (region && candidates.find((c) => c.region === region)) || candidates[0];
  }

  /** Live resources of the type whose identifying attribute or Name tag has the value. */
  byIdentityOf(type: string, key: string, value: string): LiveResource[] {
    if (!this.byIdentity) {
      this.byIdentity = new Map();
      for (const live of this.resources) {
        const seen = new Set<string>();
        const add = (k: string, v: unknown) => {
          if (typeof v !== 'string' || v === '') return;
          const full = `${live.type}\u0000${k}\u0000${v}`;
          if (seen.has(full)) return;
          seen.add(full);
          this.add(this.byIdentity!, full, live);
        };
        for (const attribute of IDENTIFYING) add(attribute, live.attributes[attribute]);
        const tags = {
          ...(live.tags ?? {}),
          ...asRecord(live.attributes.tags),
          ...asRecord(live.attributes.tags_all),
        };
        add('tag:Name', tags.Name);
      }
    }
    return this.byIdentity.get(`${type}\u0000${key}\u0000${value}`) ?? [];
  }
}

const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Whether the snapshot listed the type completely where the resource lives (all scanned regions if unknown). */
export function scannedCompletely(snapshot: Snapshot, type: string, region: string | undefined): boolean {
  const statuses = snapshot.types.filter((s) => s.type === type);
  if (region) {
    const status = statuses.find((s) => s.region === region);
    if (status) return status.state === 'ok';
  }
  return statuses.length > 0 && statuses.every((s) => s.state === 'ok');
}

/** The region a state instance lives in: its `region` attribute, or its ARN's region. */
function stateRegion(instance: StateInstance | undefined): string | undefined {
  if (!instance) return undefined;
  const region = instance.attributes.region;
  if (typeof region === 'string' && region) return region;
  const arn = instance.attributes.arn;
  if (typeof arn === 'string') {
    const part = arn.split(':')[3];
    if (part) return part;
  }
  return undefined;
}

export function matchResources(
  resources: CodeResource[],
  snapshot: Snapshot,
  state: TerraformState | undefined,
  options: MatchOptions = {},
): MatchResult {
  const modulePath = options.modulePath ?? '';
  const prefix = modulePath ? `${modulePath}.` : '';
  const index = new LiveIndex(snapshot.resources);
  const result: MatchResult = { matched: [], missing: [], unknown: [], unmanaged: [] };
  const claimed = new Set<LiveResource>();
  // Import targets by the resource they name, instance keys dropped.
  const imports = new Map<string, ImportTarget[]>();
  for (const target of options.imports ?? []) {
    const key = stripInstanceKeys(target.to);
    const list = imports.get(key);
    if (list) list.push(target);
    else imports.set(key, [target]);
  }
  const pendingByAttribute: CodeResource[] = [];

  for (const code of resources) {
    const instances = state?.byResource.get(resourceKey(modulePath, code.type, code.name)) ?? [];
    let found = instances.length > 0;
    for (const instance of instances) {
      const region = stateRegion(instance) ?? code.region;
      const live = locate(index, code.type, instance, region);
      if (live) {
        claimed.add(live);
        result.matched.push({ code, address: instance.address, live, by: 'state', state: instance });
      } else if (!instance.id) {
        result.unknown.push({ code, address: instance.address, reason: 'state has no ID' });
      } else if (scannedCompletely(snapshot, code.type, region)) {
        result.missing.push({ code, address: instance.address, id: instance.id, region, by: 'state' });
      } else {
        result.unknown.push({
          code,
          address: instance.address,
          reason: `${code.type} was not scanned completely`,
        });
      }
    }
    // Import blocks: for instances state does not have yet.
    for (const { to, id } of imports.get(`${prefix}${code.address}`) ?? []) {
      if (state?.byAddress.has(to)) continue;
      found = true;
      const live = index.byIdIn(code.type, id, code.region);
      if (live) {
        claimed.add(live);
        result.matched.push({ code, address: to, live, by: 'import' });
      } else if (scannedCompletely(snapshot, code.type, code.region)) {
        result.missing.push({ code, address: to, id, region: code.region, by: 'import' });
      } else {
        result.unknown.push({ code, address: to, reason: `${code.type} was not scanned completely` });
      }
    }
    if (!found) pendingByAttribute.push(code);
  }

  // Live resources state knows about (in any module) are not free to be matched by name.
  const managedIds = new Set<string>();
  for (const instance of state?.instances ?? [])
    if (instance.id) managedIds.add(`${instance.type}\u0000${instance.id}`);

  for (const code of pendingByAttribute) {
    const address = `${prefix}${code.address}`;
    if (code.repeated) {
      result.unknown.push({ code, address, reason: 'count/for_each instances are only known from state' });
      continue;
    }
    const live = byIdentity(index, code, claimed, managedIds);
    if (live) {
      claimed.add(live);
      result.matched.push({ code, address, live, by: 'attribute' });
    } else result.unknown.push({ code, address, reason: 'not in state and no live resource has its name' });
  }

  for (const live of snapshot.resources) {
    if (claimed.has(live) || managedIds.has(`${live.type}\u0000${live.id}`)) continue;
    const attributeId = live.attributes.id;
    if (typeof attributeId === 'string' && managedIds.has(`${live.type}\u0000${attributeId}`)) continue;
    result.unmanaged.push(live);
  }
  return result;
}

function locate(
  index: LiveIndex,
  type: string,
  instance: StateInstance,
  region: string | undefined,
): LiveResource | undefined {
  if (instance.id) {
    const live = index.byIdIn(type, instance.id, region);
    if (live) return live;
  }
  const arn = instance.attributes.arn;
  return typeof arn === 'string' && arn ? index.byIdIn(type, arn, region) : undefined;
}

function byIdentity(
  index: LiveIndex,
  code: CodeResource,
  claimed: Set<LiveResource>,
  managedIds: Set<string>,
): LiveResource | undefined {
  const free = (candidates: LiveResource[]) => {
    let list = candidates.filter((c) => !claimed.has(c) && !managedIds.has(`${c.type}\u0000${c.id}`));
    if (code.region && list.length > 1) list = list.filter((c) => c.region === code.region);
    return list.length === 1 ? list[0] : undefined;
  };
  for (const attribute of IDENTIFYING) {
    const value = literalOf(code.block, attribute);
    if (typeof value !== 'string' || value === '') continue;
    const live = free(index.byIdentityOf(code.type, attribute, value));
    if (live) return live;
  }
  const tags = literalOf(code.block, 'tags');
  const name = asRecord(tags).Name;
  if (typeof name === 'string' && name) return free(index.byIdentityOf(code.type, 'tag:Name', name));
  return undefined;
}

function literalOf(block: Block, name: string): Literal {
  const attribute = block.attributes.find((a) => a.name === name);
  return attribute ? literalValue(attribute.valueText) : NOT_LITERAL;
}
