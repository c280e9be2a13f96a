// The submit_plan schema is generated from plan.ts (scripts/plan-schema.mjs) and committed; these tests fail when
// the committed file is stale, and check that the schema and the validator agree with the offline compiler.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { EXAMPLE_REQUESTS } from '../../../client/src/generate/examples';
import { validateJson, type JsonSchema } from '../../../server/src/service/claude/jsonSchema';
import { checkPlanSubmission, planInputSchema } from '../../../server/src/service/claude/planSubmission';
import { loadIntents } from '../generate/helpers';
import { submissionFor } from './helpers';

const REPO = path.join(__dirname, '../../..');

describe('claude: the plan schema', function () {
  this.timeout(60000);

  it('the committed plan.schema.json is what plan.ts generates (npm run plan-schema -- --check)', () => {
    const run = spawnSync(process.execPath, [path.join(REPO, 'scripts/plan-schema.mjs'), '--check'], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  });

  it("accepts every plan the offline compiler makes (examples and the shared intents), as a model's submission", () => {
    const requests = [...EXAMPLE_REQUESTS, ...loadIntents().map((c) => c.intent)];
    for (const request of requests) {
      const submission = submissionFor(request);
      const problems = validateJson(submission, planInputSchema() as JsonSchema);
      assert.deepEqual(problems, [], request);
      const checked = checkPlanSubmission(submission, { request });
      assert.deepEqual(checked.problems, undefined, request);
    }
  });

  it('says where and what is wrong', () => {
    const valid = submissionFor('Postgres database for production');
    const problems = (input: unknown) =>
      validateJson(input, planInputSchema() as JsonSchema).map((p) => `${p.path}: ${p.message}`);
    assert.deepEqual(
      problems({ ...valid, components: [{ ...valid.components[0], engine: 'oracle' }] }).filter((p) =>
        p.startsWith('components[0].engine'),
      ),
      [
        'components[0].engine: "oracle" is not one of "postgres", "mysql", "aurora-postgresql", "aurora-mysql"',
      ],
    );
    assert.deepEqual(problems({ ...valid, relations: undefined }), ['relations: is required']);
    assert.match(
      problems({ ...valid, colour: 'red' })[0],
      /^colour: is not a field here \(fields: project, env,/,
    );
    assert.deepEqual(problems({ ...valid, env: 'qa' }), ['env: "qa" is not one of "prod", "staging", "dev"']);
    assert.deepEqual(problems({ ...valid, components: 'none' }), [
      'components: expected array, got string "none"',
    ]);
  });

  it("the caller's environment and region win; the profile is the environment's with the model's departures", () => {
    const submission = {
      ...submissionFor('Redis cache'),
      env: 'prod' as const,
      profile: { highAvailability: false },
    };
    const { plan } = checkPlanSubmission(submission, {
      request: 'Redis cache',
      env: 'dev',
      region: 'eu-west-1',
    });
    assert.equal(plan?.env, 'dev');
    assert.equal(plan?.envSource, 'option');
    assert.equal(plan?.region, 'eu-west-1');
    assert.equal(plan?.profile.sizing, 'small');
    assert.equal(plan?.profile.highAvailability, false);
    assert.equal(plan?.request, 'Redis cache');
  });
});
