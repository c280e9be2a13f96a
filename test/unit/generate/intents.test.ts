import assert from 'node:assert/strict';
import { generate } from '../../../server/src/service/generate/index';
import { batteryFor } from './battery';
import { intentsFile, loadIntents } from './helpers';

describe('generation from the shared intents file', () => {
  it('reads the file from beside the repository', () => {
    assert.match(intentsFile(), /shared\/intents\/intents\.json$/);
    assert.ok(loadIntents().length >= 25);
  });

  it('understands every word of the shared requests', () => {
    for (const c of loadIntents()) assert.deepEqual(generate(c.intent).notUnderstood, [], c.intent);
  });
});

batteryFor('the shared intents', loadIntents);
