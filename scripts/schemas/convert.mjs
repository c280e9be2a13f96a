// Converts one extracted @cdktf/provider-* npm package into Opsmith's compact provider schema (see
// server/src/service/schema/types.ts for the format and its short keys).
//
// Where the facts come from. Every lib/<dir>/index.js of a prebuilt cdktf provider package carries an inline source
// map whose sourcesContent is the TypeScript that cdktf's generator wrote from the provider's real schema
// (`terraform providers schema -json`); index.js is that file compiled, and the .jsii assembly is derived from the
// same file. The converter reads that embedded source, because it keeps what the compiled JavaScript drops:
//   - attribute names: the keys of the object each `xToTerraform(struct)` function and each resource class's
//     `synthesizeAttributes()` return (e.g. `self: …(struct!.selfAttribute)`, `get_password_data:
//     …(this._getPasswordData)`), never a camelCase → snake_case conversion;
//   - required / optional / computed: the generator's own per-attribute line
//     `// <tf_name> - computed: <bool>, optional: <bool>, required: <bool>` above each getter (the compiled
//     JavaScript keeps it only for computed-only getters); computed-only attributes are those getters with no
//     toTerraform key, named by their `getXAttribute('<tf_name>')` / `new XList(this, "<tf_name>", …)` argument;
//   - types: the `synthesizeHclAttributes()` / `xToHclTerraform()` entries (`type: "list" | "set" | "map" |
//     "simple" | "struct"`, `storageClassType: "stringList" | …`), the getters of computed-only attributes, and the
//     OutputReference / List / Map classes for nested objects;
//   - nesting: a nested block whose TypeScript property is a single struct (not an array) is cdktf's rendering of a
//     `max_items = 1` list/set block (`n` = list|set with `max` 1), except HCL type "struct", which is a real
//     NestingSingle block (`n` = single, e.g. `timeouts`); docs "<name> block" tell a block from an attribute of
//     object type (e.g. aws_security_group.ingress is an attribute of type set(object));
//   - descriptions: the JSDoc of the config struct properties (cdktf's "Docs at Terraform Registry" boilerplate
//     removed); the registry URL of each type from its class docs.
// Everything is emitted with sorted keys and no timestamps, so the same package always gives the same bytes.
import fs from 'node:fs';
import path from 'node:path';

export const FORMAT_VERSION = 1;
const DESCRIPTION_MAX = 160;

/** The TypeScript source embedded in a compiled cdktf module's inline source map. */
export function embeddedSource(jsText, file = 'index.js') {
  const m = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(jsText);
  if (!m) throw new Error(`${file}: no inline source map`);
  const map = JSON.parse(Buffer.from(m[1], 'base64').toString('utf8'));
  const src = map.sourcesContent && map.sourcesContent[0];
  if (typeof src !== 'string') throw new Error(`${file}: the source map has no sourcesContent`);
  return src;
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing one generated module

const CHUNK_RE = /^export (interface|function|class) (\w+)/;
const SECTION_RE =
  /^ {2}\/\/ (\S+) - computed: (true|false), optional: (true|false), required: (true|false)$/;
const PRIVATE_RE =
  /^ {2}private _(\w+)(\?)?(?:: (.+?))?(?: = new ([\w.]+)\(this, "([^"]+)"(?:, (true|false))?\))?; ?$/;
const GETTER_RE = /^ {2}public get (\w+)\(\)/;
const HCL_ENTRY_RE =
  /^ +(\w+): \{\n +value: (.*),\n +isBlock: (true|false),\n +type: "(\w+)",\n +storageClassType: "(\w+)",\n +\},?$/gm;

function splitChunks(src) {
  const chunks = [];
  let cur;
  for (const line of src.split('\n')) {
    const m = CHUNK_RE.exec(line);
    if (m) {
      cur = { kind: m[1], name: m[2], header: line, lines: [] };
      chunks.push(cur);
    } else if (cur) cur.lines.push(line);
  }
  return chunks;
}

function parseInterface(chunk) {
  const props = new Map();
  let doc;
  let pending;
  for (const line of chunk.lines) {
    if (line === '}') break;
    const t = line.trim();
    if (t === '/**') {
      doc = [];
      continue;
    }
    if (doc) {
      if (t === '*/') {
        pending = doc;
        doc = undefined;
      } else doc.push(t.replace(/^\* ?/, ''));
      continue;
    }
    const m = /^ {2}readonly (\w+)(\?)?: (.+);$/.exec(line);
    if (m) {
      props.set(m[1], { name: m[1], optional: m[2] === '?', tsType: m[3], doc: pending ?? [] });
      pending = undefined;
    } else if (t !== '') throw new Error(`interface ${chunk.name}: unexpected line ${JSON.stringify(line)}`);
  }
  return props;
}

/** The struct an `xToTerraform(struct?: A | B)` function converts: the member that is neither cdktf's nor a class. */
function functionStruct(chunk) {
  const m = /\(struct\?: ([^)]*)\)/.exec(chunk.header);
  if (!m) throw new Error(`function ${chunk.name}: unexpected signature`);
  const names = m[1].split('|').map((s) => s.trim());
  const s = names.filter((n) => !n.startsWith('cdktf.') && !n.endsWith('OutputReference'));
  if (s.length !== 1) throw new Error(`function ${chunk.name}: cannot tell the struct of ${m[1]}`);
  return s[0];
}

/** Keys of the object literal a toTerraform function returns, with the struct property each reads. */
function parseToTerraform(chunk) {
  const entries = [];
  const start = chunk.lines.indexOf('  return {');
  if (start < 0) throw new Error(`function ${chunk.name}: no return object`);
  for (let i = start + 1; i < chunk.lines.length; i++) {
    const line = chunk.lines[i];
    if (line === '  };' || line === '  }') return entries;
    const m = /^ {4}(\w+): (.*)\(struct!\.(\w+)\),$/.exec(line);
    if (!m) throw new Error(`function ${chunk.name}: unexpected line ${JSON.stringify(line)}`);
    entries.push({ name: m[1], prop: m[3], expr: m[2] });
  }
  throw new Error(`function ${chunk.name}: unterminated return object`);
}

function parseHcl(text) {
  const out = new Map();
  for (const m of text.matchAll(HCL_ENTRY_RE)) {
    out.set(m[1], { value: m[2], isBlock: m[3] === 'true', type: m[4], storage: m[5] });
  }
  return out;
}

function parseSections(chunk) {
  const sections = [];
  let cur;
  for (const line of chunk.lines) {
    const s = SECTION_RE.exec(line);
    if (s) {
      cur = { name: s[1], computed: s[2] === 'true', optional: s[3] === 'true', required: s[4] === 'true' };
      sections.push(cur);
      continue;
    }
    if (!cur) continue;
    if (cur.getter && cur.body === undefined) {
      cur.body = line.trim();
      continue;
    }
    if (cur.getter) continue;
    const p = PRIVATE_RE.exec(line);
    if (p && cur.field === undefined) {
      cur.field = p[1];
      cur.fieldType = p[3];
      cur.initClass = p[4];
      cur.initName = p[5];
      cur.initArg = p[6];
      continue;
    }
    const g = GETTER_RE.exec(line);
    if (g) cur.getter = g[1];
  }
  for (const s of sections) if (!s.getter) throw new Error(`class ${chunk.name}: no getter for ${s.name}`);
  return sections;
}

/** The body lines of a class method, up to its closing brace at two-space indentation. */
function methodBody(chunk, signature) {
  const start = chunk.lines.findIndex((l) => l.startsWith(signature));
  if (start < 0) return undefined;
  const end = chunk.lines.indexOf('  }', start);
  return chunk.lines.slice(start + 1, end);
}

/**
 * One generated module: a lib/<dir>/ folder. cdktf splits the structs of very large types into
 * lib/<dir>/index-structs/structsN.js, so a module is every .js file under the folder.
 */
function parseModule(sources, file) {
  const mod = {
    file,
    interfaces: new Map(),
    toTf: new Map(), // struct name → entries
    hcl: new Map(), // struct name → Map(tf name → hcl entry)
    classes: new Map(),
    roots: [],
  };
  for (const src of sources) parseSource(mod, src, file);
  return mod;
}

function parseSource(mod, src, file) {
  for (const chunk of splitChunks(src)) {
    if (mod.interfaces.has(chunk.name) || mod.classes.has(chunk.name)) {
      throw new Error(`${file}: ${chunk.name} is defined twice`);
    }
    if (chunk.kind === 'interface') mod.interfaces.set(chunk.name, parseInterface(chunk));
    else if (chunk.kind === 'function') {
      if (chunk.name.endsWith('ToHclTerraform'))
        mod.hcl.set(functionStruct(chunk), parseHcl(chunk.lines.join('\n')));
      else if (chunk.name.endsWith('ToTerraform'))
        mod.toTf.set(functionStruct(chunk), parseToTerraform(chunk));
    } else {
      const m = /^export class \w+ extends cdktf\.(\w+) \{$/.exec(chunk.header);
      if (!m) throw new Error(`${file}: unexpected class header ${chunk.header}`);
      const cls = { name: chunk.name, base: m[1], chunk };
      mod.classes.set(chunk.name, cls);
      if (cls.base === 'ComplexList' || cls.base === 'ComplexMap') {
        const e = /return new (\w+)\(/.exec(chunk.lines.join('\n'));
        if (!e) throw new Error(`class ${chunk.name}: no element class`);
        cls.element = e[1];
      } else if (cls.base === 'ComplexObject' || /^Terraform(Resource|DataSource|Provider)$/.test(cls.base)) {
        cls.sections = parseSections(chunk);
      }
      if (/^Terraform(Resource|DataSource|Provider)$/.test(cls.base)) mod.roots.push(parseRoot(cls, file));
    }
  }
}

function parseRoot(cls, file) {
  const text = cls.chunk.lines.join('\n');
  const tf = /public static readonly tfResourceType = "([^"]+)";/.exec(text);
  if (!tf) throw new Error(`${file}: class ${cls.name} has no tfResourceType`);
  const ctor = /public constructor\(scope: Construct, id: string, config: (\w+)/.exec(text);
  if (!ctor) throw new Error(`${file}: class ${cls.name}: unexpected constructor`);
  const fieldToProp = new Map();
  for (const m of text.matchAll(/^ {4}this\._(\w+)(?:\.internalValue)? = config\.(\w+);$/gm))
    fieldToProp.set(m[1], m[2]);
  const entries = [];
  const body = methodBody(cls.chunk, '  protected synthesizeAttributes()');
  if (!body) throw new Error(`${file}: class ${cls.name} has no synthesizeAttributes`);
  for (const line of body) {
    const t = line.trim();
    if (t === 'return {' || t === '};') continue;
    const m = /^ {6}(\w+): (.*)\(this\._(\w+)(?:\.internalValue)?\),$/.exec(line);
    if (!m)
      throw new Error(`${file}: ${cls.name}.synthesizeAttributes: unexpected line ${JSON.stringify(line)}`);
    const prop = fieldToProp.get(m[3]);
    if (!prop) throw new Error(`${file}: ${cls.name}: field _${m[3]} is not set from the config`);
    entries.push({ name: m[1], prop, field: m[3], expr: m[2] });
  }
  const hclBody = methodBody(cls.chunk, '  protected synthesizeHclAttributes()');
  const url = new RegExp(`\\{@link (https://registry\\.terraform\\.io/\\S+) ${tf[1]}\\}`).exec(text);
  return {
    kind:
      cls.base === 'TerraformResource'
        ? 'resource'
        : cls.base === 'TerraformDataSource'
          ? 'data'
          : 'provider',
    type: tf[1],
    className: cls.name,
    configStruct: ctor[1],
    entries,
    hcl: parseHcl((hclBody ?? []).join('\n')),
    url: url ? url[1] : undefined,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Building the schema of one block

const PRIMITIVE = { string: 'string', number: 'number', boolean: 'bool', any: 'dynamic' };

/** cdktf's storage class names: a primitive followed by List/Map wrappers, innermost first ("stringMapList"). */
function storageType(storage, outer) {
  const m = /^(string|number|boolean|any)((?:List|Map)*)$/.exec(storage);
  if (!m) return undefined;
  let t = PRIMITIVE[m[1]];
  const wrappers = m[2].match(/List|Map/g) ?? [];
  wrappers.forEach((w, i) => {
    const last = i === wrappers.length - 1;
    t = [w === 'Map' ? 'map' : last && outer === 'set' ? 'set' : 'list', t];
  });
  const kind = Array.isArray(t) ? t[0] : 'simple';
  if (kind !== outer && !(outer === 'simple' && !Array.isArray(t))) return undefined;
  return t;
}

const GETTER_TYPES = {
  getStringAttribute: 'string',
  getNumberAttribute: 'number',
  getBooleanAttribute: 'bool',
  getListAttribute: ['list', 'string'],
  getNumberListAttribute: ['list', 'number'],
  getBooleanListAttribute: ['list', 'bool'],
  getStringMapAttribute: ['map', 'string'],
  getNumberMapAttribute: ['map', 'number'],
  getBooleanMapAttribute: ['map', 'bool'],
  getAnyMapAttribute: ['map', 'dynamic'],
  interpolationForAttribute: 'dynamic',
};

function cleanText(s) {
  return s
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // markdown links → their text
    .replace(/\{@link \S+ ([^}]*)\}/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first sentence of a description, at most DESCRIPTION_MAX characters. */
export function shortDescription(text) {
  const s = cleanText(text);
  if (!s) return undefined;
  const end = /[.!?](?=\s+[A-Z`*("'[]|\s*$)/.exec(s);
  let first = end ? s.slice(0, end.index + 1) : s;
  if (first.length > DESCRIPTION_MAX) {
    const cut = first.slice(0, DESCRIPTION_MAX - 1);
    const sp = cut.lastIndexOf(' ');
    first = `${(sp > DESCRIPTION_MAX / 2 ? cut.slice(0, sp) : cut).replace(/[\s,;:]+$/, '')}…`;
  }
  return first;
}

const BOILERPLATE = [
  /^Docs at Terraform Registry:/,
  /^If you experience problems setting this value/,
  /^Please be aware that the id field is automatically added/,
];

/** Description paragraphs of a JSDoc block without cdktf's boilerplate. */
function docParagraphs(doc, tfName) {
  const paras = [];
  let cur = [];
  for (const l of [...doc, '']) {
    if (l === '') {
      if (cur.length) paras.push(cur.join(' '));
      cur = [];
    } else cur.push(l);
  }
  const isBlockDoc = paras.length > 0 && new RegExp(`^${tfName} block\\.?$`).test(paras[0]);
  const text = paras.filter((p) => !BOILERPLATE.some((re) => re.test(p)) && !/^\S+ block\.?$/.test(p));
  const deprecated = doc.some((l) => l.startsWith('@deprecated'));
  return { isBlockDoc, text: text.filter((p) => !p.startsWith('@')).join('\n\n'), deprecated };
}

const DEPRECATED_RE =
  /\b(is|are|has been|have been|now) deprecated\b|\bdeprecated[:;,]? (use|in favou?r|and will)\b|^deprecated\b|\*\*deprecated\*\*/i;

class Converter {
  constructor(mod, issues) {
    this.mod = mod;
    this.issues = issues;
  }

  issue(where, msg) {
    this.issues.push(`${this.mod.file}: ${where}: ${msg}`);
  }

  /**
   * One block: `entries` are the toTerraform keys (config attributes and blocks) with the struct property each
   * reads, `sections` the generator's per-attribute comments in the OutputReference/resource class (absent for
   * provider configuration structs, which have no such class).
   */
  block({ where, struct, entries, hcl, sections, skip = new Set() }) {
    const props = this.mod.interfaces.get(struct) ?? new Map();
    const byGetter = new Map((sections ?? []).map((s) => [s.getter, s]));
    const a = {};
    const b = {};
    const used = new Set();
    for (const e of entries) {
      if (skip.has(e.name)) continue;
      const at = `${where}.${e.name}`;
      const prop = props.get(e.prop);
      if (!prop) {
        this.issue(at, `no property ${e.prop} in ${struct}`);
        continue;
      }
      const sec = byGetter.get(e.prop);
      if (sections && !sec) this.issue(at, `no getter ${e.prop}`);
      if (sec) {
        used.add(sec);
        if (sec.name !== e.name) this.issue(at, `generator comment names it ${sec.name}`);
        if (e.field !== undefined && sec.field !== e.field)
          this.issue(at, `field _${sec.field} ≠ _${e.field}`);
        if (sec.required !== !prop.optional)
          this.issue(at, `required=${sec.required} but optional=${prop.optional}`);
      }
      const flags = sec ?? { required: !prop.optional, optional: prop.optional, computed: false };
      const h = hcl.get(e.name);
      if (!h) {
        this.issue(at, 'no HCL entry');
        continue;
      }
      const doc = docParagraphs(prop.doc, e.name);
      const d = shortDescription(doc.text);
      const deprecated = doc.deprecated || DEPRECATED_RE.test(doc.text);
      const complex = /^[A-Z]/.test(h.storage);
      if (!complex) {
        const t = storageType(h.storage, h.type);
        if (t === undefined) {
          this.issue(at, `unknown storage ${h.type}/${h.storage}`);
          continue;
        }
        a[e.name] = attr(t, flags, d, deprecated);
        continue;
      }
      const shape = structShape(prop.tsType);
      if (!shape || !this.mod.interfaces.has(shape.struct)) {
        this.issue(at, `unexpected type ${prop.tsType}`);
        continue;
      }
      const child = this.struct(at, shape.struct);
      if (!child) continue;
      if (doc.isBlockDoc) {
        const nb = { ...child };
        if (shape.kind === 'map') nb.n = 'map';
        else if (shape.kind === 'many') nb.n = h.type;
        else if (h.type === 'struct') nb.n = 'single';
        else {
          nb.n = h.type;
          nb.max = 1;
        }
        if (!['single', 'list', 'set', 'map'].includes(nb.n)) this.issue(at, `unexpected nesting ${nb.n}`);
        if (flags.required) nb.min = 1;
        if (d) nb.d = d;
        if (deprecated) nb.x = 1;
        b[e.name] = nb;
      } else {
        const obj = objectType(child);
        const t = h.type === 'struct' ? obj : [h.type, obj];
        if (!['struct', 'list', 'set', 'map'].includes(h.type))
          this.issue(at, `unexpected HCL type ${h.type}`);
        a[e.name] = attr(t, flags, d, deprecated);
      }
    }
    for (const sec of sections ?? []) {
      if (used.has(sec) || skip.has(sec.name)) continue;
      const at = `${where}.${sec.name}`;
      if (!sec.computed || sec.optional || sec.required) {
        this.issue(at, 'settable attribute with no toTerraform key');
        continue;
      }
      if (a[sec.name] || b[sec.name]) {
        this.issue(at, 'duplicate name');
        continue;
      }
      const t = this.computedType(at, sec);
      if (t !== undefined) a[sec.name] = attr(t, sec, undefined, false);
    }
    const out = {};
    if (Object.keys(a).length) out.a = a;
    if (Object.keys(b).length) out.b = b;
    return out;
  }

  /** The block schema of a nested struct (config keys from its toTerraform function, flags from its class). */
  struct(where, struct) {
    const cls = this.mod.classes.get(`${struct}OutputReference`);
    return this.block({
      where,
      struct,
      entries: this.mod.toTf.get(struct) ?? [],
      hcl: this.mod.hcl.get(struct) ?? new Map(),
      sections: cls?.sections,
    });
  }

  /** Type of a computed-only attribute from its getter or the class it is stored in. */
  computedType(at, sec) {
    if (sec.initClass) {
      if (sec.initName !== sec.name) this.issue(at, `stored as "${sec.initName}"`);
      const prim = /^cdktf\.(String|Number|Boolean|Any)((?:List|Map)+)$/.exec(sec.initClass);
      if (prim) {
        const wrappers = prim[2].match(/List|Map/g);
        const t = storageType(prim[1].toLowerCase() + prim[2], wrappers[wrappers.length - 1].toLowerCase());
        if (t === undefined) this.issue(at, `unknown class ${sec.initClass}`);
        return t;
      }
      const cls = this.mod.classes.get(sec.initClass);
      if (!cls) {
        this.issue(at, `unknown class ${sec.initClass}`);
        return undefined;
      }
      const elemClass = cls.base === 'ComplexObject' ? cls : this.mod.classes.get(cls.element);
      if (!elemClass?.sections) {
        this.issue(at, `no element class for ${cls.name}`);
        return undefined;
      }
      const struct = elemClass.name.replace(/OutputReference$/, '');
      const child = this.block({
        where: at,
        struct,
        entries: this.mod.toTf.get(struct) ?? [],
        hcl: this.mod.hcl.get(struct) ?? new Map(),
        sections: elemClass.sections,
      });
      const obj = objectType(child);
      if (cls.base === 'ComplexObject') return obj;
      if (cls.base === 'ComplexMap') return ['map', obj];
      return [sec.initArg === 'true' ? 'set' : 'list', obj];
    }
    const m = /this\.(\w+)\('([^']+)'\)/.exec(sec.body ?? '');
    const t = m && GETTER_TYPES[m[1]];
    if (!t) {
      this.issue(at, `unknown getter ${sec.body}`);
      return undefined;
    }
    if (m[2] !== sec.name) this.issue(at, `getter reads '${m[2]}'`);
    if (/cdktf\.Fn\.tolist\(/.test(sec.body))
      return Array.isArray(t) && t[0] === 'list' ? ['set', t[1]] : ['set', t];
    return t;
  }

  root(r) {
    const cls = this.mod.classes.get(r.className);
    const where = r.type;
    const block = this.block({
      where,
      struct: r.configStruct,
      entries: r.entries,
      hcl: r.hcl,
      sections: cls.sections,
      // `alias` is a meta-argument cdktf adds to every provider's configuration, not part of the provider schema.
      skip: r.kind === 'provider' ? new Set(['alias']) : undefined,
    });
    const out = {};
    if (r.url) out.u = r.url;
    else if (r.kind !== 'provider') this.issue(where, 'no registry URL');
    return Object.assign(out, block);
  }
}

function structShape(tsType) {
  let m = /^(\w+)\[\] \| cdktf\.IResolvable$/.exec(tsType);
  if (m) return { kind: 'many', struct: m[1] };
  m = /^\{ \[key: string\]: (\w+) \} \| cdktf\.IResolvable$/.exec(tsType);
  if (m) return { kind: 'map', struct: m[1] };
  m = /^(\w+)$/.exec(tsType);
  if (m) return { kind: 'single', struct: m[1] };
  return undefined;
}

function attr(t, flags, d, deprecated) {
  const a = { t };
  if (flags.required) a.r = 1;
  if (flags.optional) a.o = 1;
  if (flags.computed) a.c = 1;
  if (d) a.d = d;
  if (deprecated) a.x = 1;
  return a;
}

/** A nested block or object-typed attribute's content as a Terraform object type. */
function objectType(block) {
  const fields = {};
  for (const [k, v] of Object.entries(block.a ?? {})) fields[k] = v.t;
  for (const [k, v] of Object.entries(block.b ?? {})) {
    const o = objectType(v);
    fields[k] = v.n === 'single' ? o : [v.n, o];
  }
  return ['object', fields];
}

// ---------------------------------------------------------------------------------------------------------------
// The package

/**
 * Converts an extracted package directory (the one holding package.json and lib/) into the schema object.
 * `issues` collects every inconsistency found between the generator's comments, toTerraform keys and types;
 * a correct conversion has none.
 */
export function convertPackage(pkgDir, { provider, source } = {}) {
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const tfProvider = pkg.cdktf && pkg.cdktf.provider;
  if (!tfProvider || !tfProvider.version) throw new Error(`${pkg.name}: package.json has no cdktf.provider`);
  const fullSource = String(tfProvider.name).replace(/^registry\.terraform\.io\//, '');
  const name = provider ?? fullSource.split('/').pop();
  if (source && source !== fullSource) throw new Error(`${pkg.name} is for ${fullSource}, not ${source}`);
  const issues = [];
  const resources = {};
  const dataSources = {};
  let config;
  const libDir = path.join(pkgDir, 'lib');
  for (const dir of fs.readdirSync(libDir).sort()) {
    if (!fs.existsSync(path.join(libDir, dir, 'index.js'))) continue;
    const rel = `lib/${dir}`;
    const files = jsFiles(path.join(libDir, dir));
    const sources = files.map((f) => embeddedSource(fs.readFileSync(f, 'utf8'), path.relative(pkgDir, f)));
    const mod = parseModule(sources, rel);
    const conv = new Converter(mod, issues);
    for (const r of mod.roots) {
      const schema = conv.root(r);
      const target = r.kind === 'resource' ? resources : r.kind === 'data' ? dataSources : undefined;
      if (!target) {
        if (config) issues.push(`${rel}: a second provider class`);
        delete schema.u;
        config = schema;
        continue;
      }
      if (target[r.type]) issues.push(`${rel}: ${r.type} defined twice`);
      const v = /\/providers\/[^/]+\/[^/]+\/([^/]+)\//.exec(schema.u ?? '');
      if (v && v[1] !== tfProvider.version)
        issues.push(`${rel}: URL version ${v[1]} ≠ ${tfProvider.version}`);
      target[r.type] = schema;
    }
  }
  return {
    schema: {
      format: FORMAT_VERSION,
      provider: name,
      source: fullSource,
      version: tfProvider.version,
      generatedFrom: `${pkg.name}@${pkg.version}`,
      config: config ?? {},
      resources,
      dataSources,
    },
    issues,
  };
}

/** The .js files under a folder, recursively, in a fixed order. */
function jsFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...jsFiles(p));
    else if (e.name.endsWith('.js')) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Serialization

function sortedJson(v) {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * The file text: compact JSON with sorted keys, one resource or data source type per line (so a regenerated
 * file diffs by type), ending in a newline.
 */
export function serialize(schema) {
  const head = [];
  for (const k of Object.keys(schema).sort()) {
    if (k === 'resources' || k === 'dataSources') continue;
    head.push(`${JSON.stringify(k)}:${sortedJson(schema[k])}`);
  }
  const section = (k) => {
    const types = Object.keys(schema[k]).sort();
    if (!types.length) return `${JSON.stringify(k)}:{}`;
    return `${JSON.stringify(k)}:{\n${types.map((t) => `${JSON.stringify(t)}:${sortedJson(schema[k][t])}`).join(',\n')}\n}`;
  };
  return `{${head.join(',')},\n${section('dataSources')},\n${section('resources')}}\n`;
}
