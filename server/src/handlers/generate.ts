import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import {
  GenerateRequestMethod,
  ModelKeyRequestMethod,
  type GenerateModelOptions,
  type GenerateParams,
  type GenerateResult,
  type ModelErrorData,
  type ModelKeyResult,
} from '../../../shared/protocol';
import { SecretOpener } from '../../../shared/sealedSecret';
import { claudeEngine, ModelError, saneSettings } from '../service/claude';
import { generateStack, GenerationCancelled } from '../service/generation/generateStack';
import type { Logger } from '../service/workspace/fileSystem';
import type { HandlerContext } from './context';

/** One key pair per server process: the client seals the API key to it for each request. */
const opener = new SecretOpener();

function apiKeyOf(model: GenerateModelOptions): string {
  if (model.sealedApiKey) {
    try {
      return opener.open(model.sealedApiKey);
    } catch {
      throw new ModelError(
        'noKey',
        'The API key was sealed for another language server process (it restarted); run the command again.',
      );
    }
  }
  const fromEnv = process.env.ANTHROPIC_API_KEY;
  if (!fromEnv) throw new ModelError('noKey', 'No Anthropic API key: set one, or ANTHROPIC_API_KEY.');
  return fromEnv;
}

/** opsmith/generate: the request becomes files plus the gate's verdict; the client previews and writes. */
export function registerGenerate({ connection, service, generation }: HandlerContext): void {
  const logger: Logger = {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };
  connection.onRequest(ModelKeyRequestMethod, (): ModelKeyResult => ({ publicKey: opener.publicKey() }));
  connection.onRequest(
    GenerateRequestMethod,
    async (params: GenerateParams, token): Promise<GenerateResult> => {
      const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
      const controller = new AbortController();
      const cancelled = token.onCancellationRequested(() => controller.abort());
      try {
        let engine = generation.engine;
        if (params.model) {
          const settings = saneSettings(params.model);
          progress.begin('Opsmith', undefined, `asking ${settings.id} (${settings.mode})…`, true);
          if (settings.baseUrl)
            logger.info(`Claude requests go to ${settings.baseUrl} (opsmith.model.baseUrl)`);
          engine = claudeEngine({ ...settings, apiKey: apiKeyOf(params.model) }, logger);
        } else progress.begin('Opsmith', undefined, 'compiling the request…', true);
        const result = await generateStack(
          params,
          { index: service.index, gate: await generation.gate(), engine },
          token,
          { signal: controller.signal, progress: (message) => progress.report(message) },
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
          ...(result.model ? { model: result.model } : {}),
        };
      } catch (error) {
        if (error instanceof GenerationCancelled || token.isCancellationRequested)
          throw new ResponseError(LSPErrorCodes.RequestCancelled, new GenerationCancelled().message);
        if (error instanceof ModelError) {
          logger.warn(`Claude: ${error.message}`);
          const data: ModelErrorData = { modelError: error.kind };
          throw new ResponseError(LSPErrorCodes.RequestFailed, error.message, data);
        }
        connection.console.error(`generate failed: ${(error as Error).stack ?? error}`);
        throw new ResponseError(ErrorCodes.InternalError, `Generation failed: ${(error as Error).message}`);
      } finally {
        cancelled.dispose();
        progress.done();
      }
    },
  );
}
