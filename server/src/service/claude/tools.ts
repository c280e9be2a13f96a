// The only tools the model gets. Each one submits something for validation; none writes a file, runs a command or
// reaches the network: Opsmith validates the submission and the person reviews the preview.
import { FILES_INPUT_SCHEMA } from './filesSubmission';
import type { ModelTool } from './modelClient';
import { planInputSchema } from './planSubmission';

export const SUBMIT_PLAN = 'submit_plan';
export const SUBMIT_FILES = 'submit_files';
export const REQUEST_FREEFORM = 'request_freeform';

export function submitPlanTool(): ModelTool {
  return {
    name: SUBMIT_PLAN,
    description:
      "Submit the architecture plan for the person's request. Opsmith checks it against this schema, renders it to Terraform and runs its gate; problems come back as an error result to fix.",
    input_schema: planInputSchema(),
  };
}

export function submitFilesTool(): ModelTool {
  return {
    name: SUBMIT_FILES,
    description:
      "Submit the Terraform files for the person's request. Opsmith formats them and runs its gate; findings come back as an error result to fix. Nothing is written until the person accepts the preview.",
    input_schema: FILES_INPUT_SCHEMA,
  };
}

export function requestFreeformTool(): ModelTool {
  return {
    name: REQUEST_FREEFORM,
    description:
      'Say that no plan of the catalog can express this request, and why. Opsmith then asks for Terraform files written directly.',
    input_schema: {
      type: 'object',
      properties: {
        reason: { type: 'string', description: 'What the request needs that the catalog lacks.' },
      },
      required: ['reason'],
      additionalProperties: false,
    },
  };
}
