#!/usr/bin/env node
// `npm run plan-schema`: generates server/src/service/generate/plan.schema.json — the JSON schema of the
// `PlanSubmission` type in plan.ts, which is the input schema of Claude's `submit_plan` tool and what the server
// validates the model's answer against — with ts-json-schema-generator.
//
//   node scripts/plan-schema.mjs [--check]
//
//   --check   generate in memory and exit 1 if the committed file differs (the unit test runs this)
//
// Why a committed file rather than generating at build time: the generator runs the TypeScript compiler over the
// project (1-2 s), and a reviewer sees every change of what the model is asked for in the diff. Everything is
// inlined (no $ref) so the schema the model gets reads top to bottom, and the output is formatted with the
// repository's prettier settings so `prettier --check .` agrees with it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { createGenerator } from 'ts-json-schema-generator';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'server/src/service/generate/plan.ts');
const target = path.join(root, 'server/src/service/generate/plan.schema.json');
const check = process.argv.includes('--check');

const generated = createGenerator({
  path: source,
  tsconfig: path.join(root, 'tsconfig.json'),
  type: 'PlanSubmission',
  expose: 'none',
  topRef: false,
  jsDoc: 'extended',
  additionalProperties: false,
  skipTypeCheck: true,
}).createSchema('PlanSubmission');

const schema = {
  $comment: 'Generated from PlanSubmission in plan.ts by `npm run plan-schema`; do not edit.',
  ...generated,
};
const options = (await prettier.resolveConfig(target)) ?? {};
const text = await prettier.format(JSON.stringify(schema), { ...options, parser: 'json', filepath: target });

let committed;
try {
  committed = readFileSync(target, 'utf8');
} catch {
  committed = undefined;
}
if (check) {
  if (committed !== text) {
    console.error(
      `${path.relative(root, target)} is stale: plan.ts changed since it was generated. Run \`npm run plan-schema\`.`,
    );
    process.exit(1);
  }
  console.log(`${path.relative(root, target)} is up to date.`);
} else if (committed === text) {
  console.log(`${path.relative(root, target)} unchanged.`);
} else {
  writeFileSync(target, text);
  console.log(`wrote ${path.relative(root, target)} (${text.length} bytes)`);
}
