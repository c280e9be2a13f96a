import type { HandlerContext } from './context';
import { registerCodeAction } from './codeAction';
import { registerCompletion } from './completion';
import { registerDefinition } from './definition';
import { registerGenerate } from './generate';
import { registerScan } from './scan';
import { registerImportUnmanaged } from './importUnmanaged';
import { registerDocumentHighlight } from './documentHighlight';
import { registerDocumentSymbol } from './documentSymbol';
import { registerFoldingRange } from './foldingRange';
import { registerFormatting } from './formatting';
import { registerHover } from './hover';
import { registerReferences } from './references';
import { registerRename } from './rename';
import { registerSelectionRange } from './selectionRange';
import { registerTextDocumentSync } from './textDocumentSync';
import { registerWatchedFiles } from './watchedFiles';
import { registerWorkspaceSymbol } from './workspaceSymbol';

export function registerHandlers(context: HandlerContext): void {
  registerTextDocumentSync(context);
  registerWatchedFiles(context);
  registerDefinition(context);
  registerReferences(context);
  registerDocumentHighlight(context);
  registerRename(context);
  registerDocumentSymbol(context);
  registerWorkspaceSymbol(context);
  registerFoldingRange(context);
  registerSelectionRange(context);
  registerHover(context);
  registerFormatting(context);
  registerCompletion(context);
  registerCodeAction(context);
  registerGenerate(context);
  registerScan(context);
  registerImportUnmanaged(context);
}
