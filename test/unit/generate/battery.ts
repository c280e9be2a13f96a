import assert from 'node:assert/strict';
import { formatHcl } from '../../../server/src/service/format/formatter';
import { generate, type GenerateResult } from '../../../server/src/service/generate/index';
import type { LanguageService } from '../../../server/src/service/languageService';
import {
  type IntentCase,
  errorsIn,
  openStacks,
  parsedStack,
  schemaProblems,
  unmetExpectations,
} from './helpers';

/** Runs the whole battery on a list of cases: expectations, fmt, schema, language-service errors. */
export function batteryFor(title: string, load: () => IntentCase[]): void {
  describe(title, () => {
    const cases = load();
    const results = new Map<string, GenerateResult>();
    let service: LanguageService;

    before(async () => {
      for (const c of cases) results.set(c.id, generate(c.intent));
      service = await openStacks(Object.fromEntries([...results].map(([id, r]) => [id, r.files])));
    });

    for (const c of cases) {
      describe(`${c.id}: ${c.intent}`, () => {
        it('meets every expectation', () => {
          const r = results.get(c.id)!;
          const problems = unmetExpectations(c, parsedStack(service, c.id, r.files));
          if (c.env) assert.equal(r.plan.env, c.env, 'environment');
          for (const phrase of c.notUnderstood ?? []) {
            assert.ok(
              r.notUnderstood.includes(phrase),
              `"${phrase}" not reported: ${JSON.stringify(r.notUnderstood)}`,
            );
          }
          assert.deepEqual(problems, [], problems.join('\n'));
        });

        it('is formatted as terraform fmt would', () => {
          for (const f of results.get(c.id)!.files) assert.equal(formatHcl(f.content), f.content, f.path);
        });

        it('uses only types, attributes and blocks of the shipped provider schemas', async () => {
          const problems = await schemaProblems(parsedStack(service, c.id, results.get(c.id)!.files));
          assert.deepEqual(problems, [], problems.join('\n'));
        });

        it('has no language-service errors', () => {
          const errors = errorsIn(service, c.id, results.get(c.id)!.files);
          assert.deepEqual(errors, [], errors.join('\n'));
        });
      });
    }
  });
}
