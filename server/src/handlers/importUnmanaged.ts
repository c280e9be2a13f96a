import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import {
  ImportUnmanagedMethod,
  UnmanagedRequestMethod,
  type UnmanagedResult,
  type GenerateResult,
  type ImportUnmanagedParams,
} from '../../../shared/protocol';
import { importForFolder, NothingToImport, unmanagedIn } from '../service/importer/importForFolder';
import type { HandlerContext } from './context';

/** opsmith/importUnmanaged: proposes code for unmanaged live resources; the client previews and writes it. */
export function registerImportUnmanaged({
  connection,
  service,
  drift,
  generation,
  schemas,
}: HandlerContext): void {
  connection.onRequest(UnmanagedRequestMethod, (params: ImportUnmanagedParams): UnmanagedResult => {
    const found = unmanagedIn(params.folderUri, { index: service.index, drift });
    if (!found) return { scanned: false, resources: [] };
    return {
      scanned: true,
      takenAt: found.snapshot.takenAt,
      resources: found.match.unmanaged.map((r) => ({
        type: r.type,
        id: r.id,
        name: r.name,
        region: r.region,
      })),
    };
  });
  connection.onRequest(
    ImportUnmanagedMethod,
    async (params: ImportUnmanagedParams): Promise<GenerateResult> => {
      try {
        const result = await importForFolder(params.folderUri, {
          index: service.index,
          drift,
          schemas: schemas.view(),
          gate: await generation.gate(),
        });
        return {
          files: result.files,
          resources: result.resources,
          notUnderstood: [],
          gate: {
            passed: result.gate.passed,
            durationMs: result.gate.durationMs,
            stages: result.gate.stages.map((s) => ({ name: s.name, passed: s.passed, findings: s.findings })),
          },
        };
      } catch (error) {
        if (error instanceof NothingToImport)
          throw new ResponseError(ErrorCodes.InvalidRequest, error.message);
        throw new ResponseError(ErrorCodes.InternalError, `Import failed: ${(error as Error).message}`);
      }
    },
  );
}
