import assert from 'node:assert/strict';
import { readState, stripInstanceKeys } from '../../../server/src/service/drift/state';
import { stateV4 } from './fixtures';

describe('drift: reading Terraform state', () => {
  it('v4 state: addresses with count and for_each keys, module paths, IDs; data sources skipped', () => {
    const text = JSON.stringify({
      ...JSON.parse(
        stateV4([
          {
            type: 'aws_instance',
            name: 'web',
            instances: [{ attributes: { id: 'i-0a1b2c', instance_type: 't3.micro' } }],
          },
          {
            type: 'aws_subnet',
            name: 'private',
            instances: [
              { index_key: 0, attributes: { id: 'subnet-0' } },
              { index_key: 1, attributes: { id: 'subnet-1' } },
            ],
          },
          {
            type: 'aws_s3_bucket',
            name: 'logs',
            instances: [{ index_key: 'eu "west"', attributes: { id: 'logs-eu' } }],
          },
          {
            type: 'aws_vpc',
            name: 'main',
            module: 'module.network["prod"].module.core',
            instances: [{ attributes: { id: 'vpc-9' } }],
          },
        ]),
      ),
    });
    const withData = JSON.parse(text) as { resources: unknown[] };
    withData.resources.push({
      mode: 'data',
      type: 'aws_ami',
      name: 'x',
      instances: [{ attributes: { id: 'ami-1' } }],
    });
    const state = readState(JSON.stringify(withData));
    assert.equal(state.format, 'v4');
    assert.deepEqual(
      state.instances.map((i) => [i.address, i.modulePath, i.id]),
      [
        ['aws_instance.web', '', 'i-0a1b2c'],
        ['aws_subnet.private[0]', '', 'subnet-0'],
        ['aws_subnet.private[1]', '', 'subnet-1'],
        ['aws_s3_bucket.logs["eu \\"west\\""]', '', 'logs-eu'],
        ['module.network["prod"].module.core.aws_vpc.main', 'module.network.module.core', 'vpc-9'],
      ],
    );
    assert.equal(state.byAddress.get('aws_instance.web')?.attributes.instance_type, 't3.micro');
    assert.equal(state.byResource.get('|aws_subnet.private')?.length, 2);
    assert.equal(
      state.byResource.get('module.network.module.core|aws_vpc.main')?.[0].module,
      'module.network["prod"].module.core',
    );
  });

  it('terraform show -json: root and nested child modules', () => {
    const state = readState({
      format_version: '1.0',
      terraform_version: '1.9.8',
      values: {
        root_module: {
          resources: [
            {
              address: 'aws_instance.web',
              mode: 'managed',
              type: 'aws_instance',
              name: 'web',
              values: { id: 'i-1' },
            },
            { address: 'data.aws_ami.x', mode: 'data', type: 'aws_ami', name: 'x', values: { id: 'ami-1' } },
          ],
          child_modules: [
            {
              address: 'module.app[0]',
              resources: [
                {
                  mode: 'managed',
                  type: 'aws_sqs_queue',
                  name: 'jobs',
                  index: 'a',
                  values: { id: 'https://sqs/jobs-a' },
                },
              ],
              child_modules: [
                {
                  address: 'module.app[0].module.db',
                  resources: [
                    { mode: 'managed', type: 'aws_db_instance', name: 'main', values: { id: 'db-1' } },
                  ],
                },
              ],
            },
          ],
        },
      },
    });
    assert.equal(state.format, 'show-json');
    assert.deepEqual(
      state.instances.map((i) => [i.address, i.modulePath, i.id]),
      [
        ['aws_instance.web', '', 'i-1'],
        ['module.app[0].aws_sqs_queue.jobs["a"]', 'module.app', 'https://sqs/jobs-a'],
        ['module.app[0].module.db.aws_db_instance.main', 'module.app.module.db', 'db-1'],
      ],
    );
  });

  it('rejects what is not state', () => {
    assert.throws(() => readState('{"hello": 1}'), /neither a v4 state file/);
    assert.throws(() => readState('{"version": 3, "resources": []}'), /version 3 is not supported/);
  });

  it('strips instance keys, even ones with brackets inside strings', () => {
    assert.equal(stripInstanceKeys('module.a["x]y"].module.b[0]'), 'module.a.module.b');
  });
});
