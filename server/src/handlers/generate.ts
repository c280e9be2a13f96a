import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { GenerateRequestMethod, type GenerateParams, type GenerateResult } from '../../../shared/protocol';
import { generateStack, GenerationCancelled } from '../service/generation/generateStack';
import type { HandlerContext } from './context';

/** opsmith/generate: the request becomes files plus the gate's verdict; the client previews and writes. */
export function registerGenerate({ connection, service, generation }: HandlerContext): void {
  connection.onRequest(
    GenerateRequestMethod,
    async (params: GenerateParams, token): Promise<GenerateResult> => {
      try {
        const result = await generateStack(
          params,
          { index: service.index, gate: await generation.gate(), engine: generation.engine },
          token,
        );
        return {
          files: result.files,
          resources: result.resources,
          notUnderstood: result.notUnderstood,
          gate: {
            passed: result.gate.passed,
            durationMs: result.gate.durationMs,
            stages: result.gate.stages.map((s) => ({ name: s.name, passed: s.passed, findings: s.findings })),
          },
        };
      } catch (error) {
        if (error instanceof GenerationCancelled)
          throw new ResponseError(LSPErrorCodes.RequestCancelled, error.message);
        connection.console.error(`generate failed: ${(error as Error).stack ?? error}`);
        throw new ResponseError(ErrorCodes.InternalError, `Generation failed: ${(error as Error).message}`);
      }
    },
  );
}
