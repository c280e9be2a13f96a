// Files submitted by the model in free-form mode → files for the gate, or the problems that stop them. Paths are
// confined to the target folder: a file is only ever a proposal for the preview, never written here.
import { formatHcl } from '../format/formatter';
import type { Environment } from '../generate/plan';
import { validateJson, type JsonSchema, type SchemaProblem } from './jsonSchema';
import type { ToolInputSchema } from './modelClient';

export interface FilesSubmission {
  env: Environment;
  files: { path: string; content: string }[];
  notUnderstood?: string[];
  summary?: string;
}

export const FILES_INPUT_SCHEMA: ToolInputSchema & JsonSchema = {
  type: 'object',
  properties: {
    env: {
      type: 'string',
      enum: ['prod', 'staging', 'dev'],
      description: 'The environment the files are for; the security policies of that environment apply.',
    },
    files: {
      type: 'array',
      minItems: 1,
      description:
        'Every file of the proposal, complete (a repair submits all of them again). Paths are relative to the target folder and end in .tf.',
      items: {
        type: 'object',
        properties: {
          path: { type: 'string', description: 'e.g. "main.tf", "queues.tf"' },
          content: { type: 'string', description: 'The whole file: Terraform (HCL).' },
        },
        required: ['path', 'content'],
        additionalProperties: false,
      },
    },
    notUnderstood: {
      type: 'array',
      items: { type: 'string' },
      description: 'Parts of the request the files do not implement, word for word.',
    },
    summary: { type: 'string', description: 'One or two sentences on what the files declare.' },
  },
  required: ['env', 'files'],
  additionalProperties: false,
};

/** Relative, inside the folder, a Terraform file: `main.tf`, `modules/queue/main.tf`. */
const SAFE_PATH = /^(?:[A-Za-z0-9_][A-Za-z0-9_.-]*\/)*[A-Za-z0-9_][A-Za-z0-9_.-]*\.tf$/;

export type CheckedFiles =
  | { submission: FilesSubmission; problems?: undefined }
  | { submission?: undefined; problems: SchemaProblem[] };

export function checkFilesSubmission(input: unknown): CheckedFiles {
  const structural = validateJson(input, FILES_INPUT_SCHEMA);
  if (structural.length) return { problems: structural };
  const submission = input as FilesSubmission;
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  submission.files.forEach((f, i) => {
    if (!SAFE_PATH.test(f.path) || f.path.split('/').some((part) => part === '..' || part === '.'))
      problems.push({
        path: `files[${i}].path`,
        message: `${JSON.stringify(f.path)} must be a relative path inside the target folder ending in .tf`,
      });
    if (seen.has(f.path))
      problems.push({ path: `files[${i}].path`, message: `${JSON.stringify(f.path)} appears twice` });
    seen.add(f.path);
  });
  if (problems.length) return { problems };
  // Layout is not worth a repair round: files that parse are formatted as terraform fmt would.
  const files = submission.files.map((f) => {
    try {
      return { path: f.path, content: formatHcl(f.content.endsWith('\n') ? f.content : `${f.content}\n`) };
    } catch {
      return f;
    }
  });
  return { submission: { ...submission, files } };
}

/** `aws_s3_bucket.logs` for every resource block, in file order. */
export function resourceAddresses(files: readonly { content: string }[]): string[] {
  const out: string[] = [];
  for (const f of files)
    for (const m of f.content.matchAll(/^resource\s+"([^"]+)"\s+"([^"]+)"/gm)) out.push(`${m[1]}.${m[2]}`);
  return out;
}
