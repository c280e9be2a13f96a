// Free-form mode: Claude writes the HCL itself (submit_files). The gate's findings go back as an error result for
// up to `repairRounds` rounds; what comes out either passes the gate or carries the findings that remain, and the
// caller writes nothing in that case.
import type { EngineOptions } from '../generation/generateStack';
import type { Logger } from '../workspace/fileSystem';
import type { RunSettings } from './conversation';
import { checkFilesSubmission, resourceAddresses } from './filesSubmission';
import type { ModelClient, ModelUsage } from './modelClient';
import { freeformSystemPrompt, userTurn } from './prompts';
import { runSubmissionLoop, schemaCorrection, type Submitted } from './submissionLoop';
import { SUBMIT_FILES, submitFilesTool } from './tools';

export async function runFreeform(
  client: ModelClient,
  request: string,
  options: EngineOptions,
  settings: RunSettings & { freeformReason?: string },
  calls: ModelUsage[],
  logger?: Logger,
): Promise<Submitted> {
  return runSubmissionLoop(
    { client, options, settings, calls, logger },
    {
      system: freeformSystemPrompt(),
      tools: [submitFilesTool()],
      toolChoice: { type: 'tool', name: SUBMIT_FILES },
      tool: SUBMIT_FILES,
      firstTurn: userTurn({
        request,
        env: options.env,
        region: options.region,
        workspace: options.workspace,
        freeformReason: settings.freeformReason,
      }),
      phase: 'writing Terraform',
      correcting: 'correcting the files',
      answerWith: 'every file',
      unparsable: 'the files were not valid JSON',
      accept: (input) => {
        const checked = checkFilesSubmission(input);
        if (checked.problems) return schemaCorrection(SUBMIT_FILES, 'the submission', checked.problems);
        const { submission } = checked;
        return {
          result: {
            notUnderstood: submission.notUnderstood ?? [],
            files: submission.files,
            resources: resourceAddresses(submission.files),
            env: options.env ?? submission.env,
          },
        };
      },
    },
  );
}
