import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { convertPackage, serialize, shortDescription } from '../../../scripts/schemas/convert.mjs';
import { PROVIDERS, cachedPackageDir } from '../../../scripts/schemas/providers.mjs';

const SCHEMAS = path.resolve(__dirname, '..', '..', '..', 'server', 'schemas');

// A module in the shape cdktf's generator writes (the TypeScript embedded in lib/<dir>/index.js's source map).
const THING_TS = `import * as cdktf from 'cdktf';
export interface ThingConfig extends cdktf.TerraformMetaArguments {
  /**
  * The name. Must be unique.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/x/1.2.3/docs/resources/thing#name Thing#name}
  */
  readonly name: string;
  /**
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/x/1.2.3/docs/resources/thing#get_data Thing#get_data}
  */
  readonly fetchData?: boolean | cdktf.IResolvable;
  /**
  * rule block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/x/1.2.3/docs/resources/thing#rule Thing#rule}
  */
  readonly rule?: ThingRule;
}
export interface ThingRule {
  /**
  * Use [this](https://example.invalid) instead of self_attribute. **NOTE**: This is deprecated, use \`other\`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/hashicorp/x/1.2.3/docs/resources/thing#self Thing#self}
  */
  readonly selfAttribute?: boolean | cdktf.IResolvable;
}
export function thingRuleToTerraform(struct?: ThingRuleOutputReference | ThingRule): any {
  return {
    self: cdktf.booleanToTerraform(struct!.selfAttribute),
  }
}
export function thingRuleToHclTerraform(struct?: ThingRuleOutputReference | ThingRule): any {
  const attrs = {
    self: {
      value: cdktf.booleanToHclTerraform(struct!.selfAttribute),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
  };
}
export class ThingRuleOutputReference extends cdktf.ComplexObject {
  // self - computed: true, optional: true, required: false
  private _self?: boolean | cdktf.IResolvable; 
  public get selfAttribute() {
    return this.getBooleanAttribute('self');
  }
  // rule_arn - computed: true, optional: false, required: false
  public get ruleArn() {
    return this.getStringAttribute('rule_arn');
  }
}
export class Thing extends cdktf.TerraformResource {
  public static readonly tfResourceType = "x_thing";
  /**
  * Create a new {@link https://registry.terraform.io/providers/hashicorp/x/1.2.3/docs/resources/thing x_thing} Resource
  */
  public constructor(scope: Construct, id: string, config: ThingConfig) {
    this._name = config.name;
    this._getData = config.fetchData;
    this._rule.internalValue = config.rule;
  }
  // arns - computed: true, optional: false, required: false
  public get arns() {
    return cdktf.Fn.tolist(this.getListAttribute('arns'));
  }
  // get_data - computed: false, optional: true, required: false
  private _getData?: boolean | cdktf.IResolvable; 
  public get fetchData() {
    return this.getBooleanAttribute('get_data');
  }
  // name - computed: false, optional: false, required: true
  private _name?: string; 
  public get name() {
    return this.getStringAttribute('name');
  }
  // rule - computed: false, optional: true, required: false
  private _rule = new ThingRuleOutputReference(this, "rule");
  public get rule() {
    return this._rule;
  }
  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      get_data: cdktf.booleanToTerraform(this._getData),
      name: cdktf.stringToTerraform(this._name),
      rule: thingRuleToTerraform(this._rule.internalValue),
    };
  }
  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      get_data: {
        value: cdktf.booleanToHclTerraform(this._getData),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      name: {
        value: cdktf.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      rule: {
        value: thingRuleToHclTerraform(this._rule.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "ThingRuleList",
      },
    };
  }
}
`;

function fakePackage(dir: string) {
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: '@cdktf/provider-x',
      version: '1.0.0',
      cdktf: { provider: { name: 'registry.terraform.io/hashicorp/x', version: '1.2.3' } },
    }),
  );
  mkdirSync(path.join(dir, 'lib', 'thing'), { recursive: true });
  const map = { version: 3, sources: ['../../src/thing/index.ts'], sourcesContent: [THING_TS], mappings: '' };
  writeFileSync(
    path.join(dir, 'lib', 'thing', 'index.js'),
    `"use strict";\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`,
  );
}

describe('schema converter', () => {
  it('converts a generated module: names from toTerraform keys, flags from the generator, nesting', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opsmith-convert-'));
    try {
      fakePackage(dir);
      const { schema, issues } = convertPackage(dir);
      assert.deepEqual(issues, []);
      assert.deepEqual(JSON.parse(serialize(schema)), {
        format: 1,
        provider: 'x',
        source: 'hashicorp/x',
        version: '1.2.3',
        generatedFrom: '@cdktf/provider-x@1.0.0',
        config: {},
        dataSources: {},
        resources: {
          x_thing: {
            u: 'https://registry.terraform.io/providers/hashicorp/x/1.2.3/docs/resources/thing',
            a: {
              arns: { t: ['set', 'string'], c: 1 },
              get_data: { t: 'bool', o: 1 },
              name: { t: 'string', r: 1, d: 'The name.' },
            },
            b: {
              rule: {
                n: 'list',
                max: 1,
                a: {
                  rule_arn: { t: 'string', c: 1 },
                  self: { t: 'bool', o: 1, c: 1, d: 'Use this instead of self_attribute.', x: 1 },
                },
              },
            },
          },
        },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports what it cannot explain instead of guessing', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opsmith-convert-'));
    try {
      fakePackage(dir);
      const file = path.join(dir, 'lib', 'thing', 'index.js');
      const bad = THING_TS.replace(
        "return this.getStringAttribute('rule_arn');",
        "return this.getWeirdAttribute('rule_arn');",
      );
      const map = { version: 3, sources: ['x'], sourcesContent: [bad], mappings: '' };
      writeFileSync(
        file,
        `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`,
      );
      const { issues } = convertPackage(dir);
      assert.equal(issues.length, 1);
      assert.match(issues[0], /x_thing\.rule\.rule_arn: unknown getter/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shortens descriptions to their first sentence', () => {
    assert.equal(shortDescription('The name. Must be unique.'), 'The name.');
    assert.equal(shortDescription('Defaults to `1.0`. Other.'), 'Defaults to `1.0`.');
    assert.equal(shortDescription('See [the docs](https://x.invalid/a.b) for more'), 'See the docs for more');
    assert.equal(shortDescription(''), undefined);
    const long = shortDescription('word '.repeat(60));
    assert.ok(long!.length <= 160 && long!.endsWith('…'));
  });

  it('index.json names the pinned packages', () => {
    const index = JSON.parse(readFileSync(path.join(SCHEMAS, 'index.json'), 'utf8'));
    for (const p of PROVIDERS) {
      assert.equal(index.providers[p.name].generatedFrom, `${p.package}@${p.version}`);
      assert.equal(index.providers[p.name].source, p.source);
    }
    assert.deepEqual(Object.keys(index.providers).sort(), PROVIDERS.map((p) => p.name).sort());
  });

  // These need the packages `npm run schemas` downloads (not in CI); skipped without them.
  for (const p of PROVIDERS) {
    it(`${p.name}: the converter is deterministic and matches the committed file`, function () {
      const dir = cachedPackageDir(p);
      if (!dir) this.skip();
      this.timeout(120_000);
      const first = convertPackage(dir, { provider: p.name, source: p.source });
      assert.deepEqual(first.issues, []);
      const text = serialize(first.schema);
      const committed = zlib
        .gunzipSync(readFileSync(path.join(SCHEMAS, `${p.name}.json.gz`)))
        .toString('utf8');
      assert.ok(
        text === committed,
        `${p.name}.json.gz is not what the converter makes (run npm run schemas)`,
      );
      const second = serialize(convertPackage(dir, { provider: p.name, source: p.source }).schema);
      assert.ok(second === text, 'two conversions of the same package differ');
    });
  }
});
