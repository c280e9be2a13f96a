// Reading Terraform state: the v4 local state file (`terraform.tfstate`) and `terraform show -json` output. Both
// become one list of managed resource instances keyed by their full address, with the cloud ID and attributes.

export interface StateInstance {
  /** The full instance address: `module.net["a"].aws_subnet.private[0]`. */
  address: string;
  /** The module instance path (`module.net["a"]`), empty for the root module. */
  module: string;
  /** The module path without instance keys (`module.net`): what code in one module directory is. */
  modulePath: string;
  type: string;
  name: string;
  indexKey?: string | number;
  /** The cloud ID (`attributes.id`), when the state has one. */
  id?: string;
  attributes: Record<string, unknown>;
}

export interface TerraformState {
  format: 'v4' | 'show-json';
  instances: StateInstance[];
  byAddress: Map<string, StateInstance>;
  /** Instances of one resource block: key `modulePath|type.name` (modulePath empty for the root). */
  byResource: Map<string, StateInstance[]>;
}

export function resourceKey(modulePath: string, type: string, name: string): string {
  return `${modulePath}|${type}.${name}`;
}

/** `[0]` or `["key"]`, as Terraform writes instance keys in addresses. */
export function indexSuffix(key: string | number | undefined): string {
  if (key === undefined || key === null) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** Drops the instance keys of a module address: `module.a["x"].module.b[0]` → `module.a.module.b`. */
export function stripInstanceKeys(address: string): string {
  let out = '';
  let i = 0;
  while (i < address.length) {
    const c = address[i];
    if (c === '[') {
      i++;
      while (i < address.length && address[i] !== ']') {
        if (address[i] === '"') {
          i++;
          while (i < address.length && address[i] !== '"') i += address[i] === '\\' ? 2 : 1;
        }
        i++;
      }
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses state text or an already parsed object; throws on something that is neither form. */
export function readState(input: string | unknown): TerraformState {
  const json: unknown = typeof input === 'string' ? JSON.parse(input) : input;
  if (!isObject(json)) throw new Error('Terraform state: expected a JSON object');
  const instances: StateInstance[] = [];
  let format: TerraformState['format'];
  if (Array.isArray(json.resources)) {
    format = 'v4';
    if (typeof json.version === 'number' && json.version !== 4)
      throw new Error(`Terraform state: version ${json.version} is not supported (expected 4)`);
    for (const resource of json.resources) {
      if (!isObject(resource) || resource.mode !== 'managed') continue;
      const type = String(resource.type);
      const name = String(resource.name);
      const module = typeof resource.module === 'string' ? resource.module : '';
      for (const instance of Array.isArray(resource.instances) ? resource.instances : []) {
        if (!isObject(instance)) continue;
        const indexKey = instance.index_key as string | number | undefined;
        const attributes = isObject(instance.attributes) ? instance.attributes : {};
        instances.push(makeInstance(module, type, name, indexKey, attributes));
      }
    }
  } else if (isObject(json.values) || 'format_version' in json) {
    format = 'show-json';
    const root = isObject(json.values) ? json.values.root_module : undefined;
    if (isObject(root)) collectShowModule(root, '', instances);
  } else throw new Error('Terraform state: neither a v4 state file nor `terraform show -json` output');
  const byAddress = new Map<string, StateInstance>();
  const byResource = new Map<string, StateInstance[]>();
  for (const instance of instances) {
    byAddress.set(instance.address, instance);
    const key = resourceKey(instance.modulePath, instance.type, instance.name);
    const list = byResource.get(key);
    if (list) list.push(instance);
    else byResource.set(key, [instance]);
  }
  return { format, instances, byAddress, byResource };
}

function collectShowModule(module: Json, address: string, out: StateInstance[]): void {
  for (const resource of Array.isArray(module.resources) ? module.resources : []) {
    if (!isObject(resource) || resource.mode !== 'managed') continue;
    const values = isObject(resource.values) ? resource.values : {};
    out.push(
      makeInstance(
        address,
        String(resource.type),
        String(resource.name),
        resource.index as string | number | undefined,
        values,
      ),
    );
  }
  for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) {
    if (isObject(child))
      collectShowModule(child, typeof child.address === 'string' ? child.address : '', out);
  }
}

function makeInstance(
  module: string,
  type: string,
  name: string,
  indexKey: string | number | undefined,
  attributes: Json,
): StateInstance {
  const id = attributes.id;
  return {
    address: `${module ? `${module}.` : ''}${type}.${name}${indexSuffix(indexKey ?? undefined)}`,
    module,
    modulePath: stripInstanceKeys(module),
    type,
    name,
    indexKey: indexKey ?? undefined,
    id: typeof id === 'string' && id !== '' ? id : typeof id === 'number' ? String(id) : undefined,
    attributes,
  };
}
