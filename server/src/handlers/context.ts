import type { Connection } from 'vscode-languageserver/node';
import type { LanguageService } from '../service/languageService';
import type { SettingsStore } from '../settingsStore';
import type { DiagnosticsPublisher } from '../diagnosticsPublisher';

/** What every handler may use. Handlers hold no state of their own. */
export interface HandlerContext {
  connection: Connection;
  service: LanguageService;
  settings: SettingsStore;
  diagnostics: DiagnosticsPublisher;
}
