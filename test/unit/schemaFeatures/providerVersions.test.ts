import assert from 'node:assert/strict';
import { satisfies } from '../../../server/src/service/features/providerVersions';
import { sliceSchemas } from '../helpers/schemas';
import { serviceWith, uri } from '../helpers/service';

describe('provider version awareness', () => {
  const cases: [string, string, boolean][] = [
    ['6.25.0', '~> 6.0', true],
    ['6.25.0', '~> 5.0', false],
    ['6.25.0', '~> 6.25.1', false],
    ['6.25.3', '~> 6.25.1', true],
    ['6.25.0', '>= 5.0, < 7.0', true],
    ['6.25.0', '>= 4.0, < 6.0', false],
    ['6.25.0', '6.25.0', true],
    ['6.25.0', '!= 6.25.0', false],
  ];
  for (const [version, constraint, expected] of cases) {
    it(`${version} ${expected ? 'satisfies' : 'does not satisfy'} ${constraint}`, () =>
      assert.equal(satisfies(version, constraint), expected));
  }

  it('says once, on the constraint, when the module pins a version that does not ship', async () => {
    const versions =
      'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "~> 5.0" }\n  }\n}\n';
    const service = await serviceWith({ 'versions.tf': versions }, { schemas: sliceSchemas });
    const info = service.diagnostics(uri('versions.tf')).filter((d) => d.code === 'schema-version');
    assert.equal(info.length, 1);
    assert.equal(info[0].range.start.line, 2);
    assert.match(
      String(info[0].message),
      /requires version "~> 5\.0" of hashicorp\/aws; Opsmith ships the 6\.0\.0 schema/,
    );
  });

  it('reads the version the lock file selects', async () => {
    const lock =
      'provider "registry.terraform.io/hashicorp/aws" {\n  version     = "5.100.0"\n  constraints = ">= 5.0"\n  hashes = [\n    "h1:abc=",\n  ]\n}\n';
    const service = await serviceWith(
      { '.terraform.lock.hcl': lock, 'main.tf': '' },
      { schemas: sliceSchemas, onDisk: true },
    );
    const info = service.diagnostics(uri('.terraform.lock.hcl'));
    assert.deepEqual(
      info.map((d) => `${d.range.start.line}: ${d.code}`),
      ['1: schema-version'],
    );
    assert.match(String(info[0].message), /lock file selects 5\.100\.0/);
  });

  it('stays quiet when the pinned version matches what ships', async () => {
    const versions =
      'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 6.0"\n    }\n  }\n}\n';
    const service = await serviceWith({ 'versions.tf': versions }, { schemas: sliceSchemas });
    assert.deepEqual(service.diagnostics(uri('versions.tf')), []);
  });
});
