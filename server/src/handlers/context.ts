import type { Connection } from 'vscode-languageserver/node';
import type { LanguageService } from '../service/languageService';
import type { SettingsStore } from '../settingsStore';
import type { DiagnosticsPublisher } from '../diagnosticsPublisher';
import type { Gate } from '../service/gate/gate';
import type { SchemaProvider } from '../service/schemaView/schemaProvider';
import type { WorkspaceDriftSource } from '../workspaceDriftSource';
import type { GenerationEngine } from '../service/generation/generateStack';

/** What every handler may use. Handlers hold no state of their own. */
export interface HandlerContext {
  connection: Connection;
  service: LanguageService;
  settings: SettingsStore;
  diagnostics: DiagnosticsPublisher;
  /** Created on first use: the gate loads its own parser and schemas. */
  generation: { gate: () => Promise<Gate>; engine: GenerationEngine };
  drift: WorkspaceDriftSource;
  schemas: SchemaProvider;
}
